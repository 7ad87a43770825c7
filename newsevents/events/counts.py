"""Quantities of an event's participants: "around 15,000 troops", "thousands of workers"."""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.events.features import DocView, lemma
from newsevents.model import Count
from newsevents.nlp import doc_text

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
    "dozen": 12, "dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 1_000_000, "scores": 20,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
APPROXIMATE = frozenset(
    {"around", "about", "some", "nearly", "almost", "approximately", "roughly", "up", "over", "more",
     "estimated", "least", "less", "fewer", "than", "under", "close"}
)  # fmt: skip
_SKIP_ENTS = frozenset({"DATE", "TIME", "PERCENT", "ORDINAL", "MONEY"})


def _value(tokens: list[Token]) -> float | None:
    value: float | None = None
    for t in tokens:
        text = t.text.lower().replace(",", "")
        try:
            v = float(text)
        except ValueError:
            v = None
        if v is not None:
            value = v if value is None else value * v
            continue
        if text in SCALES and value is not None:
            value *= SCALES[text]
        elif text in WORD_NUMBERS:
            value = WORD_NUMBERS[text] if value is None else value * WORD_NUMBERS[text]
    return value


def count_of(noun: Token) -> Count | None:
    """The count on one noun: its nummod ("15,000 troops") or an "X of" quantity ("thousands of")."""
    nums = [c for c in noun.children if c.dep_ == "nummod" and c.ent_type_ not in _SKIP_ENTS]
    unit = noun
    if not nums and lemma(noun) in _SCALE_NOUNS and noun.tag_ == "NNS":
        nums = [noun]
        unit = next((g for c in noun.children if c.dep_ == "prep" and lemma(c) == "of" for g in c.children
                     if g.dep_ == "pobj"), None)  # fmt: skip
        if unit is None:
            return None
    if not nums:
        return None
    num = nums[0]
    parts = sorted(
        [num, *(c for c in num.children if c.dep_ in ("compound", "quantmod", "advmod", "nummod"))]
    )
    value = _value([p for p in parts if p.like_num or p.text.lower() in WORD_NUMBERS])
    if value is None:
        return None
    approx = (
        any(lemma(p) in APPROXIMATE for p in parts) or num.tag_ == "NNS" or num.text.lower().endswith("s")
    )
    start_tok = parts[0]
    doc = noun.doc
    end_tok = unit
    start, end = start_tok.idx, end_tok.idx + len(end_tok.text)
    return Count(
        value=value,
        unit=unit.text.lower(),
        text=doc_text(doc)[start:end],
        start=start,
        end=end,
        approximate=approx,
    )


_SCALE_NOUNS = ("thousand", "hundred", "dozen", "million")


def may_count(view: DocView, i: int) -> bool:
    """False when count_of() on the word is surely None: no noun, or no number on it ("troops")."""
    if view.pos[i] not in ("NOUN", "PROPN"):
        return False
    if view.lemma[i] in _SCALE_NOUNS and view.tag[i] == "NNS":
        return True
    dep = view.dep
    return any(dep[c] == "nummod" for c in view.children[i])


def find_counts(tokens: list[Token]) -> list[Count]:
    out: list[Count] = []
    seen: set[int] = set()
    for t in tokens:
        if t.pos_ not in ("NOUN", "PROPN") or t.i in seen:
            continue
        c = count_of(t)
        if c is not None and c.start not in {x.start for x in out}:
            out.append(c)
            seen.add(t.i)
    return out
