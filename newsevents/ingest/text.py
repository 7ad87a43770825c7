"""Plain text -> Article: normalise, find the dateline and the boilerplate, check the language."""

from __future__ import annotations

import hashlib
from typing import Any

from newsevents.errors import EmptyInput
from newsevents.ingest.boilerplate import find_boilerplate
from newsevents.ingest.dateline import find_dateline
from newsevents.ingest.dates import parse_date
from newsevents.ingest.language import check_language
from newsevents.model import Article

# Same-length replacements only, so offsets of the kept text never move.
_SAME_LENGTH = str.maketrans(
    {"\u00a0": " ", "\t": " ", "\u2028": "\n", "\u2029": "\n", "\u200b": " ", "\f": "\n"}
)


def normalise_text(text: str) -> str:
    """Line endings to \\n, odd spaces to plain ones, no trailing blank space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return text.translate(_SAME_LENGTH).rstrip()


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def from_text(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: Any = None,
    input: str | None = None,
    metadata: dict[str, Any] | None = None,
    languages: tuple[str, ...] = ("en",),
) -> Article:
    """Build an Article from story text; raises InputError subclasses naming ``input``."""
    name = input or id or "<text>"
    text = normalise_text(text)
    if not text.strip():
        raise EmptyInput(name)
    boilerplate = find_boilerplate(text)
    story_end = min((b.start for b in boilerplate if b.kind == "related_headlines"), default=len(text))
    language = check_language(text[:story_end], name, languages)
    digest = content_hash(text)
    return Article(
        id=str(id) if id not in (None, "") else digest[:16],
        text=text,
        title=title,
        source=source,
        url=url,
        published=parse_date(published),
        language=language,
        boilerplate=boilerplate,
        dateline=find_dateline(text),
        content_hash=digest,
        input=input,
        metadata=metadata or {},
    )
