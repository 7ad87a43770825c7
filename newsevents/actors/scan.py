"""A doc's token attributes read as int arrays, so the stage finds the few tokens worth a look.

Every ``for token in doc`` and ``doc[i]`` builds a Python Token; over a whole article, several passes of
them cost more than the stage's own logic. Here one ``doc.to_array`` call (cheaper than several) gives the
string hashes that the cheap tests need, matched with numpy, and the heads, dependencies and character
offsets that tree walks and span texts need, read by index; only the tokens that pass are built as Tokens.
Doc.ents and Span.root are replaced too: each builds Spans (and Tokens inside them) for every entity.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, ORTH, SENT_START, SPACY, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc

from newsevents.nlp import doc_text

# The columns every doc needs; the order is DocScan.__init__'s.
COLUMNS = [LOWER, TAG, LEMMA, DEP, HEAD, IDX, SPACY, ORTH, SENT_START, ENT_IOB, ENT_TYPE]


def hashes(strings: Iterable[str]) -> np.ndarray:
    """The StringStore hashes of `strings` (the values doc.to_array gives for them), sorted for lookup."""
    return np.array(sorted({get_string_id(s) for s in strings}), dtype=np.uint64)


class DocScan:
    """A doc's LOWER, TAG, LEMMA and DEP columns (numpy uint64 arrays), each token's head index and the
    character offsets of its tokens; heads, deps and lower-case forms as lists too (indexing a list is
    cheaper than indexing a numpy array or building a Token); ORTH and sentence starts on demand."""

    __slots__ = (
        "doc",
        "lemma",
        "lower",
        "tag",
        "dep",
        "head",
        "idx",
        "space",
        "orth",
        "sent_flags",
        "ent_iob",
        "ent_type",
        "_sent_start",
        "heads",
        "deps",
        "lowers",
        "memo",
    )

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        n = len(doc)
        columns = doc.to_array(COLUMNS) if n else np.zeros((0, len(COLUMNS)), dtype=np.uint64)
        self.lower, self.tag, self.lemma, self.dep, relative, self.idx, self.space = columns.T[:7]
        # Read in the same call (one call costs less than several): surnames, sentences, entities as
        # they stand when the doc is scanned.
        self.orth, self.sent_flags, self.ent_iob, self.ent_type = columns.T[7:]
        # HEAD comes as an offset from the token, negative ones wrapped around in the uint64 column.
        self.head = relative.astype(np.int64) + np.arange(n)
        self._sent_start: list[int] | None = None
        # As lists too: nearly every doc reads these by index, and a list index is the cheapest read.
        self.heads: list[int] = self.head.tolist()
        self.deps: list[int] = self.dep.tolist()
        self.lowers: list[int] = self.lower.tolist()
        self.memo: dict[str, Any] = {}  # what the stage works out once per doc, by name

    def ancestors(self, tokens: Collection[int], depth: int) -> set[int]:
        """The heads of `tokens`, their heads, and so on up to `depth` arcs (a root counts as its own head)."""
        if not tokens:
            return set()
        out: set[int] = set()
        level = self.head[np.fromiter(tokens, dtype=np.int64, count=len(tokens))]
        for _ in range(depth):
            out.update(level.tolist())
            level = self.head[level]
        return out

    def root(self, start: int, end: int) -> int:
        """doc[start:end].root.i without building the Span: the span's sentence root if it has one, else
        its only token headed from outside; spaCy decides the other cases (a tie broken by depth)."""
        heads = self.heads
        outside = []
        for i in range(start, end):
            head = heads[i]
            if head == i:
                return i
            if not start <= head < end:
                outside.append(i)
        if len(outside) == 1:
            return outside[0]
        return self.doc[start:end].root.i

    @property
    def sent_start(self) -> list[int]:
        """The index of the first token of each token's sentence."""
        if self._sent_start is None:
            self._sent_start = _sentence_starts(self.sent_flags)
        return self._sent_start

    def tag_at(self, i: int) -> int:
        return int(self.tag[i])

    def previous_sentence_start(self, i: int) -> int:
        """Where the sentence before token i's begins (its own, for the first)."""
        start = self.sent_start[i]
        return self.sent_start[start - 1] if start > 0 else start

    def _chars(self) -> tuple[list[int], list[int], str]:
        """Each token's start and end character, and the doc's text."""
        chars = self.memo.get("chars")
        if chars is None:
            # Two lists once per doc: a list lookup per span end is cheaper than numpy scalars. A token
            # ends where the next begins, less its trailing space (SPACY is a token's column, cheaper to
            # read than LENGTH, a lexeme's); the last one where the text does.
            text = doc_text(self.doc)
            ends = np.append(self.idx[1:], np.uint64(len(text))) - self.space
            chars = self.memo["chars"] = (self.idx.tolist(), ends.tolist(), text)
        return chars

    def span_chars(self, start: int, end: int) -> tuple[int, int]:
        """(start_char, end_char) of the non-empty token span [start, end), as Span gives them."""
        starts, ends, _ = self._chars()
        return starts[start], ends[end - 1]

    def span_text(self, start: int, end: int) -> str:
        """doc[start:end].text, sliced from the doc's text instead of joining Tokens."""
        if end <= start:
            return ""
        starts, ends, text = self._chars()
        return text[starts[start] : ends[end - 1]]

    def span_chars_text(self, start: int, end: int) -> tuple[int, int, str]:
        """span_chars and span_text of a non-empty span at once."""
        starts, ends, text = self._chars()
        start_char, end_char = starts[start], ends[end - 1]
        return start_char, end_char, text[start_char:end_char]


def positions(values: np.ndarray, column: np.ndarray) -> list[int]:
    """Indices of the tokens whose `column` value is one of `values` (sorted hashes), in order."""
    if not len(values) or not len(column):
        return []
    k = np.minimum(np.searchsorted(values, column), len(values) - 1)
    return np.flatnonzero(values[k] == column).tolist()


def scan(doc: Doc) -> DocScan:
    return DocScan(doc)


def _sentence_starts(flags: np.ndarray) -> list[int]:
    # Token.sent walks back to the nearest token flagged 1 (or the doc's start): the same, for every token.
    if not len(flags):
        return []
    index = np.arange(len(flags))
    return np.maximum.accumulate(np.where(flags == 1, index, 0)).tolist()
