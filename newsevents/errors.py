"""Exceptions raised by newsevents.

    NewsEventsError
    ├── InputError          an input cannot be read as an English news article
    │   ├── EmptyInput
    │   ├── BinaryInput
    │   ├── InputTooLarge
    │   ├── NotEnglish
    │   └── MalformedRecord a JSONL line that is not a JSON object with text
    ├── ModelError          the spaCy pipeline cannot be loaded
    ├── DictionaryError     a user dictionary cannot be read
    └── StoreError          the database cannot be opened or written

Every InputError names the input (``source``) and the reason, so a corpus run can record it and go on.
"""

from __future__ import annotations


class NewsEventsError(Exception):
    """Base class of every error newsevents raises on purpose."""


class InputError(NewsEventsError):
    reason = "unreadable input"

    def __init__(self, source: str, detail: str | None = None) -> None:
        self.source = source
        self.detail = detail or self.reason
        super().__init__(f"{source}: {self.detail}")


class EmptyInput(InputError):
    reason = "empty input: no text to read"


class BinaryInput(InputError):
    reason = "binary data, not text"


class InputTooLarge(InputError):
    reason = "input larger than the size limit"


class NotEnglish(InputError):
    reason = "not English"


class MalformedRecord(InputError):
    reason = "malformed record"


class ModelError(NewsEventsError):
    pass


class DictionaryError(NewsEventsError):
    pass


class StoreError(NewsEventsError):
    pass
