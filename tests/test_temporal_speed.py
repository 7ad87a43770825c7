"""temporal: the shortcuts that keep the stage cheap read exactly what the plain reading does."""

from __future__ import annotations

import datetime as dt

from newsevents.temporal.normalise import normalise

FRI = dt.date(2025, 8, 15)  # a Friday


def test_direction_is_worked_out_only_when_the_reading_needs_it():
    asked: list[str] = []

    def way() -> str:
        asked.append("past")
        return "past"

    assert normalise("June 2024", FRI, way).value == "2024-06"
    assert normalise("24 years", FRI, way).value == "P24Y"
    assert asked == []  # absolute dates and durations do not depend on the tense
    assert normalise("on Thursday", FRI, way).value == normalise("on Thursday", FRI, "past").value
    assert asked  # a bare weekday does


def test_anchored_search_finds_what_a_plain_search_finds():
    from newsevents.temporal import finder

    text = (
        "Early  March, over the past two weeks and 3 years ago, on Monday, Sept. 5, 2024, in the 1990s, "
        "between 2001 and 2003, right now, the day before yesterday, its third quarter of 2023, "
        "later that year, last Christmas, the spring of 2020, mid-2019 and 2000 troops."
    )
    gates = finder._searchers(text, finder._lower_case(text))
    found = 0
    for search in finder._search_patterns():
        plain = [m.span() for m in search.pattern.finditer(text)]
        assert finder._anchored_in(search, text, [(0, len(text))], gates[search.anchor]) == plain, search.name
        found += len(plain)
    assert found > 15


def test_reach_counts_runs_up_to_their_limit_and_refuses_unbounded_words():
    import pytest

    from newsevents.temporal.reach import DIGIT_RUN, SPACE_RUN, widest

    assert widest(r"\b(?:of[ -]+)?\d+x") == 2 + SPACE_RUN + DIGIT_RUN + 1
    with pytest.raises(ValueError):
        widest(r"[a-z]+")


def test_a_reading_says_whether_it_looked_at_the_previous_date():
    from newsevents.temporal.normalise import Value, reading

    june = Value("2024-06", "month", "absolute")
    assert reading("June 2024", FRI, None, june) == (normalise("June 2024", FRI), False)
    value, asked = reading("a year later", FRI, None, june)
    assert asked and value is not None and value.value == "2025"


def test_a_pattern_without_a_provable_reach_is_searched_without_the_shortcut(monkeypatch):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsevents.temporal import finder

    # A lead that may run over any number of letters: reach.py cannot bound it.
    unbounded = finder._search("year", [(r"\b[a-z]+\s", r"(?:19|20)\d\d\b")], (), finder.DIGIT)
    assert unbounded.reach is None and unbounded.skipper is None
    monkeypatch.setattr(finder, "_search_patterns", lambda: [unbounded])
    words = ["troops", "arrived", "in", "2014", "and", "withdrew", "around", "2019", "."]
    doc = Doc(Vocab(), words=words)
    text = doc.text
    spans = [(c.start, c.end) for c in finder.find_candidates(doc, text) if c.source == "year"]
    assert [text[a:b] for a, b in spans] == ["in 2014", "around 2019"]
