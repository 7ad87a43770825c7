"""A Doc's token attributes as plain lists, read in one pass, for the stage's cheap pre-filters.

Making a spaCy Token (``doc[i]``, ``for t in doc``, ``t.head``) costs more than the test the stage then
makes on it, and most tokens fail that test (not a verb of speech, not a noun of speech, not 'as').
Full passes over the Doc read these lists instead; Tokens are made only for the few candidates left,
which then go through the same checks as before.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS
from spacy.strings import StringStore
from spacy.tokens import Doc

# Hash -> string, and hash -> lower-cased string. A hash names the same string in every Doc, so the
# memos are shared: each id is looked up in the StringStore once per process, not once per token.
_TEXT: dict[int, str] = {}
_LOWERED: dict[int, str] = {}


def _texts(ids: list[int], strings: StringStore, memo: dict[int, str], lowered: bool = False) -> list[str]:
    try:
        return list(map(memo.__getitem__, ids))
    except KeyError:
        for h in set(ids).difference(memo):
            memo[h] = strings[h].lower() if lowered else strings[h]
        return list(map(memo.__getitem__, ids))


class TokenTable:
    """Per token i: lower_, lemma_.lower(), pos_, dep_ and head.i, as a Token would give them."""

    __slots__ = ("dep", "head", "lemma", "lower", "pos")

    def __init__(self, doc: Doc) -> None:
        rows = doc.to_array([LOWER, LEMMA, POS, DEP, HEAD])
        strings = doc.vocab.strings
        self.lower: list[str] = _texts(rows[:, 0].tolist(), strings, _TEXT)
        self.lemma: list[str] = _texts(rows[:, 1].tolist(), strings, _LOWERED, lowered=True)
        self.pos: list[str] = _texts(rows[:, 2].tolist(), strings, _TEXT)
        self.dep: list[str] = _texts(rows[:, 3].tolist(), strings, _TEXT)
        # HEAD comes as an offset from the token, stored unsigned: read it back signed.
        offsets = rows[:, 4].astype(numpy.int64)
        self.head: list[int] = (offsets + numpy.arange(len(offsets), dtype=numpy.int64)).tolist()

    def __len__(self) -> int:
        return len(self.pos)

    def heads_of(self, *deps: str) -> set[int]:
        """Tokens that have a child with one of these dependency labels."""
        return {h for h, d in zip(self.head, self.dep, strict=True) if d in deps}
