"""The temporal vocabulary (data/temporal/*.yaml), loaded once, with the regex fragments built from it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from newsevents.resources import load_data


def _alternation(words: list[str]) -> str:
    # Longest first, so "sept" wins over "sep" and "the day before yesterday" over "yesterday".
    return grouped([re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)])


def grouped(alternatives: list[str]) -> str:
    """`a|b|c` with the alternatives that share a first letter merged: "s(?:ept|ep)" for "sept|sep".

    The same matches, tried in the same order, so the same one wins; but the regex engine compares
    each first letter once instead of once per word (a large part of the temporal finder's time).
    """
    if len(alternatives) < 2 or not all(a[:1].isascii() and a[:1].isalnum() for a in alternatives):
        return "|".join(alternatives)  # an escape or quantifier cannot be split off as a letter
    groups: dict[str, list[str]] = {}
    for a in alternatives:
        groups.setdefault(a[0], []).append(a[1:])
    if len({k.lower() for k in groups}) < len(groups):
        # "S..." and "s...": under (?i) both groups could match at one place, in another order.
        return "|".join(alternatives)
    return "|".join(
        k + rest[0] if len(rest) == 1 else f"{k}(?:{grouped(rest)})" for k, rest in groups.items()
    )


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    numbers: dict[str, float]
    ordinals: dict[str, int]
    units: dict[str, dict[str, Any]]
    deictic_days: dict[str, int]
    modifiers: dict[str, int]
    position_words: list[str]
    references: dict[str, str]
    parts_of_day: list[str]
    weekday_search: list[str]
    tense: dict[str, list[str]]
    holidays: dict[str, dict[str, Any]]
    timeml_parts: dict[str, str]
    anaphoric: dict[str, str]
    frequencies: dict[str, str]

    # Regex fragments (no groups), case-insensitive unless noted. Cached: normalise() asks for some of
    # them on every expression, and building an alternation sorts and escapes the whole vocabulary.
    @cached_property
    def month_re(self) -> str:
        return rf"(?:{_alternation(list(self.months))})\.?"

    @cached_property
    def weekday_re(self) -> str:
        return rf"(?:{_alternation(list(self.weekdays))})\.?"

    @cached_property
    def number_re(self) -> str:
        return rf"(?:\d+(?:\.\d+)?|{_alternation(list(self.numbers))})(?:[ -]+(?:{_alternation(list(self.numbers))}))?"

    @cached_property
    def unit_re(self) -> str:
        return rf"(?:{_alternation(list(self.units))})"

    @cached_property
    def modifier_re(self) -> str:
        return rf"(?:{_alternation(list(self.modifiers))})"

    @cached_property
    def position_re(self) -> str:
        return rf"(?:{_alternation(self.position_words)})"

    @cached_property
    def ordinal_re(self) -> str:
        return rf"(?:{_alternation(list(self.ordinals))}|\d{{1,2}}(?:st|nd|rd|th))"

    @cached_property
    def season_re(self) -> str:
        return rf"(?:{_alternation(list(self.seasons))})"

    @cached_property
    def part_re(self) -> str:
        return rf"(?:{_alternation(self.parts_of_day)})"


@cache
def lexicon() -> Lexicon:
    data = load_data("temporal", "lexicon.yaml")
    return Lexicon(
        months=data["months"],
        weekdays=data["weekdays"],
        seasons=data["seasons"],
        numbers={str(k): float(v) for k, v in data["number_words"].items()},
        ordinals=data["ordinals"],
        units=data["units"],
        deictic_days=data["deictic_days"],
        modifiers=data["relative_modifiers"],
        position_words=data["position_words"],
        references=data["references"],
        parts_of_day=data["parts_of_day"],
        weekday_search=data["weekday_search"],
        tense=load_data("temporal", "tense.yaml"),
        holidays=data["holidays"],
        timeml_parts=data["timeml_parts"],
        anaphoric=data["anaphoric"],
        frequencies=data["frequencies"],
    )
