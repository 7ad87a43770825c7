"""A Doc's token attributes as plain lists, read in one pass, for the stage's cheap pre-filters.

Reading a Token's attributes (``t.lemma_.lower()``, ``t.pos_``, ``t.head.i``) costs more than the
test the stage then makes, and most tokens fail that test (not a verb of speech, not a noun of
speech, not 'as'). Full passes over the Doc read these lists instead, and Tokens are made only for the
few candidates left, which then go through the same checks as before.

Parts of speech, dependency labels and entity types stay as spaCy's ids (compare them with the
constants below); word forms are ids too (``ids()`` turns words into them); lemmas are lower-cased
strings, the form every lexicon test uses. A token's text is the Doc text at idx over length.
"""

from __future__ import annotations

import numpy
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    LEMMA,
    LENGTH,
    LOWER,
    POS,
)
from spacy.symbols import ADJ, AUX, NOUN, PRON, PROPN, VERB
from spacy.tokens import Doc

from newsevents.nlp import doc_text
from newsevents.nlp.strings import LOWER_CASED, ids

__all__ = [
    "ADJ", "AUX", "DEP_COLUMN", "LOWER_COLUMN", "NOUN", "POS_COLUMN", "PRON", "PROPN", "VERB", "TokenTable",
    "dep_ids", "ids",
]  # fmt: skip


def dep_ids(*labels: str) -> frozenset[int]:
    return ids(labels)


LOWER_COLUMN, POS_COLUMN, DEP_COLUMN = 0, 2, 3  # columns of TokenTable.array, for where()


class TokenTable:
    """Per token i: LOWER id, lemma_.lower(), POS id, DEP id, head.i, idx, length, ENT_TYPE id and the
    is_punct / is_space / is_alpha / is_stop flags, as its Token gives them; the Doc and its text."""

    __slots__ = (
        "_bounds", "_order", "array", "dep", "doc", "ent", "head", "idx", "is_alpha", "is_punct", "is_space",
        "is_stop", "lemma", "length", "lower", "pos", "text",
    )  # fmt: skip

    def __init__(self, doc: Doc) -> None:
        rows = doc.to_array(
            [LOWER, LEMMA, POS, DEP, HEAD, IDX, LENGTH, ENT_TYPE, IS_PUNCT, IS_SPACE, IS_ALPHA, IS_STOP]
        )
        self.array = rows  # the same columns as numpy (see where())
        self.doc = doc
        self.text = doc_text(doc)
        self.lower: list[int] = rows[:, 0].tolist()
        self.lemma: list[str] = LOWER_CASED.read(doc.vocab.strings, rows[:, 1].tolist())
        self.pos: list[int] = rows[:, 2].tolist()
        self.dep: list[int] = rows[:, 3].tolist()
        # HEAD comes as an offset from the token, stored unsigned: read it back signed.
        offsets = rows[:, 4].astype(numpy.int64)
        self.head: list[int] = (offsets + numpy.arange(len(offsets), dtype=numpy.int64)).tolist()
        self.idx: list[int] = rows[:, 5].tolist()
        self.length: list[int] = rows[:, 6].tolist()
        self.ent: list[int] = rows[:, 7].tolist()
        self.is_punct: list[int] = rows[:, 8].tolist()
        self.is_space: list[int] = rows[:, 9].tolist()
        self.is_alpha: list[int] = rows[:, 10].tolist()
        self.is_stop: list[int] = rows[:, 11].tolist()
        # Children by head: token indices sorted by their head, and where each head's run starts
        # (built on first use, as two int lists rather than a list per token).
        self._order: list[int] | None = None
        self._bounds: list[int] = []

    def __len__(self) -> int:
        return len(self.pos)

    def token_text(self, i: int) -> str:
        start = self.idx[i]
        return self.text[start : start + self.length[i]]

    def children(self, i: int) -> list[int]:
        """Token i's children, in order. spaCy finds a token's children by scanning between its
        edges, and every child lies within them, so they are exactly the tokens whose head it is."""
        if self._order is None:
            self._index_children()
        return self._order[self._bounds[i] : self._bounds[i + 1]]  # type: ignore[index]

    def _index_children(self) -> None:
        heads = numpy.asarray(self.head, dtype=numpy.int64)
        tokens = numpy.flatnonzero(heads != numpy.arange(len(heads)))  # a root heads itself
        by_head = numpy.argsort(heads[tokens], kind="stable")  # stable: children stay in order
        self._order = tokens[by_head].tolist()
        self._bounds = numpy.searchsorted(heads[tokens][by_head], numpy.arange(len(heads) + 1)).tolist()

    def subtree(self, i: int) -> list[int]:
        """Indices of token i and all its descendants, the tokens Token.subtree yields (not in order)."""
        out, stack = [i], [i]
        while stack:
            below = self.children(stack.pop())
            out += below
            stack += below
        return out

    def heads_of(self, deps: frozenset[int]) -> set[int]:
        """Tokens that have a child with one of these dependency ids."""
        head = self.head
        return {head[i] for i in self.where(DEP_COLUMN, deps)}

    def where(self, column: int, values: frozenset[int]) -> list[int]:
        """Indices, in order, of the tokens whose LOWER_COLUMN, POS_COLUMN or DEP_COLUMN id is one of
        `values` (one numpy pass instead of a Python loop over every token)."""
        ids = self.array[:, column]
        mask = numpy.zeros(len(ids), dtype=bool)
        for value in values:  # a few values: comparisons beat numpy.isin's set-up
            mask |= ids == value
        return numpy.flatnonzero(mask).tolist()
