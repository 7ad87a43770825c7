"""A doc's token attributes read as int arrays, so the stage finds the few tokens worth a look.

Every ``for token in doc`` and ``doc[i]`` builds a Python Token; over a whole article, several passes of
them cost more than the stage's own logic. Here ``doc.to_array`` gives the string hashes that the cheap
tests need, matched with numpy (turning every hash into a Python int would cost another pass); only the
tokens that pass are built as Tokens. Columns few docs need (ORTH, sentence starts) are read on demand.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from spacy.attrs import LEMMA, LOWER, ORTH, SENT_START, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc


def hashes(strings: Iterable[str]) -> np.ndarray:
    """The StringStore hashes of `strings` (the values doc.to_array gives for them), sorted for lookup."""
    return np.array(sorted({get_string_id(s) for s in strings}), dtype=np.uint64)


class DocScan:
    """The LOWER, TAG and LEMMA columns of a doc (numpy uint64 arrays), ORTH and sentence starts on demand."""

    __slots__ = ("doc", "lemma", "lower", "tag", "_orth", "_sent_start")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        columns = doc.to_array([LOWER, TAG, LEMMA]) if len(doc) else np.zeros((0, 3), dtype=np.uint64)
        self.lower, self.tag, self.lemma = columns.T
        self._orth: np.ndarray | None = None
        self._sent_start: list[int] | None = None

    @property
    def orth(self) -> np.ndarray:
        if self._orth is None:
            self._orth = self.doc.to_array(ORTH) if len(self.doc) else np.zeros(0, dtype=np.uint64)
        return self._orth

    @property
    def sent_start(self) -> list[int]:
        """The index of the first token of each token's sentence."""
        if self._sent_start is None:
            self._sent_start = _sentence_starts(self.doc)
        return self._sent_start

    def tag_at(self, i: int) -> int:
        return int(self.tag[i])

    def previous_sentence_start(self, i: int) -> int:
        """Where the sentence before token i's begins (its own, for the first)."""
        start = self.sent_start[i]
        return self.sent_start[start - 1] if start > 0 else start

    def span_chars(self, start: int, end: int) -> tuple[int, int]:
        """(start_char, end_char) of the non-empty token span [start, end), as Span gives them."""
        last = self.doc[end - 1]
        return self.doc[start].idx, last.idx + len(last)


def positions(values: np.ndarray, column: np.ndarray) -> list[int]:
    """Indices of the tokens whose `column` value is one of `values` (sorted hashes), in order."""
    if not len(values) or not len(column):
        return []
    k = np.minimum(np.searchsorted(values, column), len(values) - 1)
    return np.flatnonzero(values[k] == column).tolist()


def scan(doc: Doc) -> DocScan:
    return DocScan(doc)


def _sentence_starts(doc: Doc) -> list[int]:
    # Token.sent walks back to the nearest token flagged 1 (or the doc's start): the same, for every token.
    if not len(doc):
        return []
    flags = doc.to_array(SENT_START)
    index = np.arange(len(flags))
    return np.maximum.accumulate(np.where(flags == 1, index, 0)).tolist()
