"""A Doc's token attributes as plain lists, read in one pass, for the stage's cheap pre-filters.

Reading a Token's attributes (``t.lemma_.lower()``, ``t.pos_``, ``t.head.i``) costs more than the
test the stage then makes, and most tokens fail that test (not a verb of speech, not a noun of
speech, not 'as'). Full passes over the Doc read these lists instead, and Tokens are made only for the
few candidates left, which then go through the same checks as before.

Parts of speech and dependency labels stay as spaCy's ids (compare them with the constants below);
word forms are ids too (``ids()`` turns words into them); lemmas are lower-cased strings, the form every
lexicon test uses.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import AUX, NOUN, PRON, PROPN, VERB
from spacy.tokens import Doc

__all__ = ["AUX", "NOUN", "PRON", "PROPN", "VERB", "TokenTable", "dep_ids", "ids"]

# Lemma hash -> lower-cased lemma. A hash names the same string in every Doc, so the memo is shared:
# each lemma is looked up in the StringStore and lower-cased once per process, not once per token.
_LOWERED: dict[int, str] = {}


def ids(words: Iterable[str]) -> frozenset[int]:
    """The ids spaCy gives these strings (a word's LOWER, a label's DEP)."""
    return frozenset(get_string_id(w) for w in words)


def dep_ids(*labels: str) -> frozenset[int]:
    return ids(labels)


class TokenTable:
    """Per token i: LOWER id, lemma_.lower(), POS id, DEP id, head.i and idx, as its Token gives them."""

    __slots__ = ("_children", "dep", "head", "idx", "lemma", "lower", "pos")

    def __init__(self, doc: Doc) -> None:
        rows = doc.to_array([LOWER, LEMMA, POS, DEP, HEAD, IDX])
        self.lower: list[int] = rows[:, 0].tolist()
        self.lemma: list[str] = _lowered(rows[:, 1].tolist(), doc)
        self.pos: list[int] = rows[:, 2].tolist()
        self.dep: list[int] = rows[:, 3].tolist()
        # HEAD comes as an offset from the token, stored unsigned: read it back signed.
        offsets = rows[:, 4].astype(numpy.int64)
        self.head: list[int] = (offsets + numpy.arange(len(offsets), dtype=numpy.int64)).tolist()
        self.idx: list[int] = rows[:, 5].tolist()
        self._children: list[list[int]] | None = None

    def __len__(self) -> int:
        return len(self.pos)

    def subtree(self, i: int) -> list[int]:
        """Indices of token i and all its descendants, the tokens Token.subtree yields (not in order).

        spaCy finds a token's children by scanning between its edges, and every child lies within them,
        so its children are exactly the tokens whose head it is; the subtree is their closure."""
        if self._children is None:
            self._children = [[] for _ in self.head]
            for j, h in enumerate(self.head):
                if h != j:
                    self._children[h].append(j)
        children = self._children
        out, stack = [i], [i]
        while stack:
            below = children[stack.pop()]
            out += below
            stack += below
        return out

    def heads_of(self, deps: frozenset[int]) -> set[int]:
        """Tokens that have a child with one of these dependency ids."""
        return {h for h, d in zip(self.head, self.dep, strict=True) if d in deps}


def _lowered(lemmas: list[int], doc: Doc) -> list[str]:
    try:
        return list(map(_LOWERED.__getitem__, lemmas))
    except KeyError:
        strings = doc.vocab.strings
        for h in set(lemmas).difference(_LOWERED):
            _LOWERED[h] = strings[h].lower()
        return list(map(_LOWERED.__getitem__, lemmas))
