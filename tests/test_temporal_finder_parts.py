"""temporal: the faster ways of searching and reading find what the plain ones find."""

from __future__ import annotations

import re

import pytest

from newsevents.temporal import finder

TEXTS = [
    "On Monday, 12 March 2024, the 1990s ended 3 years ago; later that year, in İstanbul, the fall.",
    "MONDAY and monday: Sept. 11, 2001 -- 20240312 and 1234567890123456, Mayfield Marchers at 5pm.",
    "Valentine's Day, New Year's Eve, this week, the past two WEEKS, nineteen ninety-six, FY2024.",
    "xMonday_ and 5May, _June: Mayday; aValentine's Day",  # names inside words; one with an apostrophe
]


def _windows_digit_by_digit(text: str) -> list[tuple[int, int]]:
    """The windows as the hot-word regex found them when it matched one digit at a time."""
    whole = re.compile(finder._hot_words().whole.pattern.replace(r"\d+|", r"\d|", 1))
    return finder._windows(text, [m.span() for m in whole.finditer(text)])


@pytest.mark.parametrize("text", TEXTS)
def test_hot_word_parts_give_the_windows_of_the_whole_regex(text):
    for variant in (text, text.upper(), text.lower()):
        spans, digits = finder._hot_spans(variant, finder._lower_case(variant))
        assert finder._windows(variant, spans) == _windows_digit_by_digit(variant)
        assert digits == [m.span() for m in re.finditer(r"\d+", variant)]
    assert finder._names("aValentine's Day") is None  # searched with the boundary instead
    assert finder._names("xMonday, Monday") == [(9, 15)]


def test_a_rest_anchor_over_the_lower_cased_text_is_used_only_where_it_cannot_miss():
    assert finder._lower_case_form(r"(?i:years)\s+ago") == r"(?:years)\s+ago"
    assert finder._lower_case_form(r"\d{4}s") is None  # nothing caseless: searched over the text
    assert finder._lower_case_form(r"(?i:may)\s+Day") is None  # an upper-case letter
    assert finder._lower_case_form(r"(?i:fall)(?![a-z])") is None  # a negation
    assert finder._lower_case("İstanbul") is None  # lower-cases to more characters


def test_date_entities_are_the_date_spans_of_doc_ents():
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    words = ["On", "Monday", "and", "Tuesday", "next", "week", "Paris", "voted", "last", "year"]
    doc = Doc(Vocab(), words=words)
    doc.ents = [
        Span(doc, 1, 2, "DATE"),
        Span(doc, 3, 4, "DATE"),  # two entities side by side
        Span(doc, 4, 6, "DATE"),
        Span(doc, 6, 7, "GPE"),
        Span(doc, 8, 10, "DATE"),  # at the end of the doc
    ]
    expected = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    assert finder._date_entities(doc) == expected
    assert [doc.text[a:b] for a, b in expected] == ["Monday", "Tuesday", "next week", "last year"]
    assert finder._date_entities(Doc(Vocab(), words=["no", "dates"])) == []


def test_remembered_readings_are_the_readings_for_the_same_tense_and_previous_date():
    import datetime as dt
    import importlib

    from newsevents.temporal.normalise import Value, reading, remembered_reading

    module = importlib.import_module("newsevents.temporal.normalise")  # the package exports a function

    fri = dt.date(2025, 8, 15)
    june = Value("2024-06", "month", "absolute")
    module._KNOWN.clear()
    for words, way, previous in [
        ("on Tuesday", "past", None),
        ("on Tuesday", "future", None),  # the same words, another tense: read again
        ("on Tuesday", "past", june),
        ("June 2024", None, None),
        ("a year later", None, june),  # looks at the previous date: never remembered
        ("a year later", None, Value("2020", "year", "absolute")),
    ]:
        expected = reading(words, fri, lambda w=way: w, previous)
        assert remembered_reading(words, fri, lambda w=way: w, previous) == expected
        assert remembered_reading(words, fri, lambda w=way: w, previous) == expected
    assert ("a year later", fri) not in module._KNOWN
    assert module._KNOWN[("on Tuesday", fri)] == {
        "past": reading("on Tuesday", fri, "past")[0],
        "future": reading("on Tuesday", fri, "future")[0],
    }
