"""A doc's token attributes read once as int lists, so the stage finds the few tokens worth a look.

Every ``for token in doc`` and ``doc[i]`` builds a Python Token; over a whole article, several passes of
them cost more than the stage's own logic. Here one ``doc.to_array`` call gives the string hashes (and
sentence starts) that the cheap tests need; only the tokens that pass them are built as Tokens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, ORTH, SENT_START, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc

ATTRS = [LOWER, ORTH, TAG, LEMMA, SENT_START, IDX, LENGTH]


def hashes(strings: Iterable[str]) -> frozenset[int]:
    """The StringStore hashes of `strings` (the values doc.to_array gives for them)."""
    return frozenset(get_string_id(s) for s in strings)


@dataclass(slots=True)
class DocScan:
    lower: list[int]
    orth: list[int]
    tag: list[int]
    lemma: list[int]
    sent_start: list[int]  # the index of the first token of each token's sentence
    idx: list[int]  # character offset of each token
    length: list[int]  # its length in characters

    def positions(self, values: frozenset[int], column: list[int]) -> list[int]:
        """Indices of the tokens whose `column` value is one of `values`, in order."""
        return [i for i, v in enumerate(column) if v in values]

    def previous_sentence_start(self, i: int) -> int:
        """Where the sentence before token i's begins (its own, for the first)."""
        start = self.sent_start[i]
        return self.sent_start[start - 1] if start > 0 else start

    def span_chars(self, start: int, end: int) -> tuple[int, int]:
        """(start_char, end_char) of the non-empty token span [start, end), as Span gives them."""
        return self.idx[start], self.idx[end - 1] + self.length[end - 1]


def scan(doc: Doc) -> DocScan:
    rows = doc.to_array(ATTRS).T.tolist() if len(doc) else [[] for _ in ATTRS]
    lower, orth, tag, lemma, sent_flags, idx, length = rows
    return DocScan(lower, orth, tag, lemma, _sentence_starts(sent_flags), idx, length)


def _sentence_starts(flags: list[int]) -> list[int]:
    # Token.sent walks back to the nearest token flagged 1 (or the doc's start): the same, in one pass.
    out = []
    current = 0
    for i, flag in enumerate(flags):
        if flag == 1:
            current = i
        out.append(current)
    return out
