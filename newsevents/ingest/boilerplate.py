"""Boilerplate: spans of the text that are page clutter, not story (related headlines, 'Read more'...).

Rules live in data/ingest/boilerplate.yaml. Spans are found on whole lines and never move the text:
article.boilerplate lists them and the nlp stage blanks them out before any stage reads the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsevents.model import BoilerplateSpan
from newsevents.resources import load_data


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int  # end of the stripped content
    text: str  # stripped


@cache
def _rules() -> tuple[list[tuple[str, re.Pattern[str]]], dict]:
    data = load_data("ingest", "boilerplate.yaml")
    patterns = [(p["kind"], re.compile(p["pattern"], re.IGNORECASE)) for p in data["line_patterns"]]
    return patterns, data["related_headlines"]


def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + (len(raw) - len(raw.lstrip()))
            lines.append(Line(start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


def _is_headline(line: Line, cfg: dict) -> bool:
    words = line.text.split()
    return (
        len(line.text) <= cfg["max_chars"]
        and cfg["min_words"] <= len(words) <= cfg["max_words"]
        and line.text[-1] not in cfg["sentence_final"]
        and line.text[0].isupper()
    )


def _clutter_kind(line: Line, patterns: list[tuple[str, re.Pattern[str]]]) -> str | None:
    return next((kind for kind, pattern in patterns if pattern.match(line.text)), None)


def find_boilerplate(text: str) -> list[BoilerplateSpan]:
    patterns, cfg = _rules()
    lines = split_lines(text)
    spans: list[BoilerplateSpan] = []
    # Trailing related-headline block: the longest run of headline-like lines at the very end,
    # preceded by story text (so a text that is only a headline list is not wiped out).
    n = 0
    while n < len(lines) and _is_headline(lines[-1 - n], cfg):
        n += 1
    block = lines[len(lines) - n :] if 0 < n < len(lines) else []
    # A "Read more: ..." line heading the block is clutter of its own kind, not a headline.
    while block and _clutter_kind(block[0], patterns):
        block = block[1:]
    if len(block) >= cfg["min_lines"]:
        spans.append(BoilerplateSpan(block[0].start, block[-1].end, "related_headlines"))
    tail_start = spans[0].start if spans else len(text)
    for line in lines:
        if line.start >= tail_start:
            break
        kind = _clutter_kind(line, patterns)
        if kind:
            spans.append(BoilerplateSpan(line.start, line.end, kind))  # type: ignore[arg-type]
    return sorted(spans, key=lambda s: s.start)
