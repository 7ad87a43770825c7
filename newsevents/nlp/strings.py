"""String hashes read back as Python strings, remembered for the whole process.

The stages that read the parse with ``Doc.to_array`` get hashes (lemmas, word forms, labels). Looking
each up in the StringStore (and lower-casing it) once per token costs more than the stage's own tests;
the model's vocabulary is shared by every Doc, so after a few articles almost every hash is known.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.strings import StringStore, get_string_id


class StringMemo(dict):
    """String hash -> string (lower-cased when `lowered`), filled from the StringStore on a hash's
    first sight. A hash names the same string in every Doc, so one memo serves every stage."""

    __slots__ = ("lowered", "strings")

    def __init__(self, *, lowered: bool) -> None:
        super().__init__()
        self.lowered = lowered
        self.strings: StringStore | None = None

    def __missing__(self, key: int) -> str:
        assert self.strings is not None
        value = self.strings[key]
        if self.lowered:
            value = value.lower()
        self[key] = value
        return value

    def read(self, strings: StringStore, keys: list[int]) -> list[str]:
        """The strings of `keys`, in order."""
        self.strings = strings
        return list(map(self.__getitem__, keys))


STRINGS = StringMemo(lowered=False)
LOWER_CASED = StringMemo(lowered=True)  # e.g. lemma hash -> lemma_.lower(), the form lexicons are keyed by


def ids(strings: Iterable[str]) -> frozenset[int]:
    """The hashes spaCy gives these strings (a word's LOWER, a label's DEP or ENT_TYPE): what
    doc.to_array and Token.dep / Token.lower give, to test against without reading strings back."""
    return frozenset(get_string_id(s) for s in strings)
