"""Quotation marks: pair them into quoted stretches of text, character by character.

Pure text work, before any parsing: which characters are inside quotation marks. Handles curly and
straight double marks, single marks used as quotation marks (not as apostrophes), a quote nested in
another, and the newspaper convention for a quote running over several paragraphs (each new paragraph
opens with a mark, only the last one closes). A mark that is never closed ends at its paragraph's end:
it can never swallow the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
STRAIGHT = '"'
_INERT = "\x00"  # stands in for the second apostrophe of a '' pair

# A paragraph is a line; blank lines are empty paragraphs. Wire copy and our test fixtures both put
# one paragraph per line.
_PARAGRAPH = re.compile(r"[^\n]+")
_DOUBLE_MARK = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT) + "]")
_SINGLE_OPENING = re.compile("[" + re.escape(SINGLE_OPEN) + "']")
_SINGLE_CLOSING = re.compile("[" + re.escape(SINGLE_CLOSE) + "'\n]")  # a newline ends the search


@dataclass(slots=True)
class QuotedText:
    """A stretch of quoted text; start/end exclude the marks themselves."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark, None when the quote was never closed
    paragraphs: int = 1  # how many paragraphs the quote runs over
    nested: list[QuotedText] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.close_mark is not None


def _opening_context(text: str, i: int) -> bool:
    """A straight or single mark opens when it starts a word: after space, start, bracket or dash."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/" + DOUBLE_OPEN + SINGLE_OPEN) and not after.isspace()


def _closing_context(text: str, i: int) -> bool:
    """A mark closes when it ends a word: followed by space, end or punctuation."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _single_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Single-mark quotes inside [start, end): an opening ‘ or ' matched by the next closing mark.

    Apostrophes (don't, Korea’s, leaders’) are closing-shaped but never open, so they only close a
    quote when one is open and they end a word; we require the quote to be short and on one line.
    """
    pairs = []
    i = start
    # Only mark characters matter: jump from one to the next instead of stepping through every letter.
    while (opening := _SINGLE_OPENING.search(text, i, end)) is not None:
        i = opening.start()
        if _opening_context(text, i):
            j = i + 1
            limit = min(end, i + 300)
            while (closing := _SINGLE_CLOSING.search(text, j, limit)) is not None:
                j = closing.start()
                if text[j] == "\n":
                    break
                if _closing_context(text, j):
                    # "the leaders’ meeting": a plural possessive followed by a lower-case word.
                    after = text[j + 1 : j + 3]
                    if not (text[j - 1] == "s" and re.match(r" [a-z]", after)):
                        pairs.append((i, j))
                        break
                j += 1
            if pairs and pairs[-1][0] == i:
                i = pairs[-1][1] + 1
                continue
        i += 1
    return pairs


def find_quoted(text: str) -> list[QuotedText]:
    """The outermost quotes of `text` in order, each with the quotes nested in it."""
    # Two apostrophes stand for a double mark in some wire copy (''like this''): read the pair as one
    # straight mark at its first character, the second becoming inert (same length, same offsets).
    text = text.replace("''", '"' + _INERT)
    quotes: list[QuotedText] = []
    current: QuotedText | None = None  # an open double-mark quote
    current_style = ""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        first = _first_visible(text, p_start, p_end)
        if current is not None:
            # The quote left open by the previous paragraph continues only when this paragraph
            # opens with a quotation mark (the multi-paragraph convention); otherwise it ended there.
            if first is not None and (text[first] in DOUBLE_OPEN or text[first] == STRAIGHT):
                current.paragraphs += 1
                i = first + 1
            else:
                _close_unbalanced(text, current, paragraphs[p_index - 1][1])
                quotes.append(current)
                current = None
                i = p_start
        else:
            i = p_start
        # Only double marks change anything: jump from one to the next, not through every character.
        while (mark := _DOUBLE_MARK.search(text, i, p_end)) is not None:
            i = mark.start()
            ch = text[i]
            if current is None:
                # A closing-shaped mark opening a paragraph or a word is a typo for an opening one.
                wrong_way = (
                    ch in DOUBLE_CLOSE and _opening_context(text, i) and (i == 0 or text[i - 1].isspace())
                )
                if ch in DOUBLE_OPEN or wrong_way or (ch == STRAIGHT and _opening_context(text, i)):
                    current = QuotedText(start=i + 1, end=i + 1, open_mark=i, close_mark=None)
                    current_style = "straight" if ch == STRAIGHT else "curly"
            else:
                is_close = ch in DOUBLE_CLOSE or (ch == STRAIGHT and current_style == "straight")
                if ch == STRAIGHT and current_style == "curly":
                    # A straight pair inside a curly quote is a nested quote; skip to its end.
                    j = text.find(STRAIGHT, i + 1, p_end)
                    if j > 0:
                        current.nested.append(QuotedText(i + 1, j, i, j))
                        i = j + 1
                        continue
                elif ch in DOUBLE_OPEN and current_style == "straight":
                    j = _find_any(text, DOUBLE_CLOSE, i + 1, p_end)
                    if j > 0:
                        current.nested.append(QuotedText(i + 1, j, i, j))
                        i = j + 1
                        continue
                elif ch in DOUBLE_OPEN:
                    # A second opening mark before any closing one: the first was never closed.
                    _close_unbalanced(text, current, i)
                    quotes.append(current)
                    current = QuotedText(start=i + 1, end=i + 1, open_mark=i, close_mark=None)
                    i += 1
                    continue
                if is_close and (ch != STRAIGHT or _closing_context(text, i) or i + 1 >= p_end):
                    current.end = i
                    current.close_mark = i
                    quotes.append(current)
                    current = None
            i += 1
    if current is not None:
        _close_unbalanced(text, current, paragraphs[-1][1] if paragraphs else len(text))
        quotes.append(current)
    for q in quotes:
        if q.start < len(text) and text[q.start] == _INERT:
            q.start += 1
    quotes = [q for q in quotes if q.end > q.start]
    # Single-mark quotes: nested in a double quote, or standing alone outside any.
    for q in quotes:
        taken = [(n.open_mark, n.close_mark) for n in q.nested]
        for a, b in _single_pairs(text, q.start, q.end):
            if not any(x <= a <= (y or x) for x, y in taken):
                q.nested.append(QuotedText(a + 1, b, a, b))
        q.nested.sort(key=lambda n: n.start)
    outside: list[QuotedText] = []
    pos = 0
    for q in [*quotes, None]:
        stop = q.open_mark if q is not None else len(text)
        outside += [QuotedText(a + 1, b, a, b) for a, b in _single_pairs(text, pos, stop)]
        if q is not None:
            pos = (q.close_mark if q.close_mark is not None else q.end) + 1
    return sorted([*quotes, *outside], key=lambda q: q.start)


def _first_visible(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        if not text[i].isspace():
            return i
    return None


def _find_any(text: str, chars: str, start: int, end: int) -> int:
    hits = [j for j in (text.find(c, start, end) for c in chars) if j >= 0]
    return min(hits) if hits else -1


def _close_unbalanced(text: str, quote: QuotedText, limit: int) -> None:
    """An unclosed quote ends where its paragraph (or the next opening mark) does, trailing space off."""
    end = limit
    while end > quote.start and text[end - 1].isspace():
        end -= 1
    quote.end = end
    quote.close_mark = None
