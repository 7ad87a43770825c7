"""temporal: finding, normalising (tense-directed) and dating events."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.temporal import event_date
from newsevents.temporal.normalise import Value, normalise

FRI = dt.date(2025, 8, 15)  # a Friday
WED = dt.date(2025, 8, 13)


@pytest.fixture(scope="module")
def parse(pipeline):
    """parse(text, published) -> the Doc after the whole pipeline (for event_date on a token)."""
    from newsevents.ingest import from_text
    from newsevents.nlp import make_doc

    def _parse(text: str, published: str | None = None):
        return pipeline.nlp(make_doc(pipeline.nlp, from_text(text, published=published)))

    return _parse


def token(doc, word: str, nth: int = 0):
    return [t for t in doc if t.text == word][nth]


# --- normalise: one expression against a publication date -------------------------------------------


@pytest.mark.parametrize(
    ("text", "direction", "value", "granularity"),
    [
        ("on Thursday", "past", "2025-08-14", "day"),
        ("Tuesday", "past", "2025-08-12", "day"),
        ("on Friday", "future", "2025-08-15", "day"),  # the publication weekday is the publication day
        ("on Friday", "past", "2025-08-15", "day"),
        ("Monday", "future", "2025-08-18", "day"),
        ("last Friday", None, "2025-08-08", "day"),
        ("next Tuesday", None, "2025-08-19", "day"),
        ("in June 2024", None, "2024-06", "month"),
        ("earlier this year", None, "2025", "year"),
        ("last year", None, "2024", "year"),
        ("in February 2021", None, "2021-02", "month"),
        ("15 August 1945", None, "1945-08-15", "day"),
        ("Sept. 11, 2001", None, "2001-09-11", "day"),
        ("in 1988", None, "1988", "year"),
        ("the 1990s", None, "199", "decade"),
        ("yesterday", None, "2025-08-14", "day"),
        ("two years ago", None, "2023", "year"),
        ("next week", None, "2025-W34", "week"),
        ("the third quarter", None, "2025-Q3", "quarter"),
        ("mid-2024", None, "2024", "year"),
        ("December", "past", "2024-12", "month"),
        ("December", "future", "2025-12", "month"),
        ("Christmas Day", "past", "2024-12-25", "day"),
        ("nineteen ninety-six", None, "1996", "year"),
        ("the second half of 2023", None, "2023-H2", "half"),
    ],
)
def test_normalise(text, direction, value, granularity):
    result = normalise(text, FRI, direction)
    assert result is not None
    assert (result.value, result.granularity) == (value, granularity)


def test_durations_are_not_dates():
    for text in ("24 years", "in 24 years", "the past two weeks"):
        result = normalise(text, FRI)
        assert result is not None and result.granularity == "duration"
        assert not result.calendar
    assert normalise("24 years", FRI).value == "P24Y"


def test_without_publication_date_relative_expressions_stay_unresolved():
    assert normalise("on Thursday", None, "past").value is None
    assert normalise("last year", None).value is None
    assert normalise("June 2024", None).value == "2024-06"  # absolute: no publication date needed


def test_relative_to_the_previous_date():
    previous = Value("1990", "year", "absolute")
    assert normalise("a decade later", FRI, None, previous).value == "2000"
    assert normalise("that year", FRI, None, Value("1990-05-04", "day", "absolute")).value == "1990"
    assert normalise("a decade later", FRI).value is None  # nothing to count from


def test_text_is_read_as_stated():
    # A wrong-looking year is the text's claim: kept, not corrected.
    assert normalise("in February 2021", FRI, "past").value == "2021-02"


# --- the component: every expression in running text -----------------------------------------------


def test_times_in_running_text(run):
    text = "The envoy arrived on Thursday, a year after the 2024 talks, and will leave next week."
    extraction = run(text, published="2025-08-15")
    times = {t.text: t for t in extraction.times}
    assert times["Thursday"].value == "2025-08-14"
    assert times["Thursday"].basis == "publication"
    assert times["next week"].value == "2025-W34"
    assert times["2024"].value == "2024" and times["2024"].basis == "text"
    for t in extraction.times:
        assert text[t.start : t.end] == t.text


def test_no_publication_date_means_unresolved(run):
    extraction = run("The ministers met on Thursday in Oslo.")
    (thursday,) = [t for t in extraction.times if t.text == "Thursday"]
    assert thursday.value is None and thursday.basis == "unresolved"


def test_modal_may_is_not_a_month(run):
    extraction = run("Officials may March on the capital, he said.", published="2025-08-15")
    assert not any(t.text.lower() == "may" for t in extraction.times)


# --- event_date --------------------------------------------------------------------------------------


def test_event_date_from_its_clause(parse):
    doc = parse("The foreign ministers met in Geneva on Thursday to discuss the ceasefire.", "2025-08-15")
    date = event_date(doc, token(doc, "met"))
    assert (date.value, date.basis, date.text) == ("2025-08-14", "text", "Thursday")
    assert doc.text[date.start : date.end] == "Thursday"


def test_future_tense_points_forward(parse):
    doc = parse("The president is set to visit Tokyo on Friday.", "2025-08-13")
    assert event_date(doc, token(doc, "visit")).value == "2025-08-15"
    doc = parse("The president visited Tokyo on Friday.", "2025-08-13")
    assert event_date(doc, token(doc, "visited")).value == "2025-08-08"


def test_ahead_of_points_forward_and_belongs_to_its_noun(parse):
    doc = parse("The minister spoke to reporters on Monday ahead of talks with Iran on Friday.", "2025-08-13")
    assert event_date(doc, token(doc, "spoke")).value == "2025-08-11"
    assert event_date(doc, token(doc, "talks")).value == "2025-08-15"


def test_a_date_of_the_reporting_clause_is_not_the_reported_event_date(parse):
    doc = parse("The letter was sent to Moscow, the newspaper reported on Tuesday.", "2025-08-15")
    date = event_date(doc, token(doc, "sent"))
    assert date.basis == "publication" and date.value == "2025-08-15" and date.start is None


def test_publication_fallback_and_unresolved(parse):
    doc = parse("Rebels seized the airport.", "2025-08-15")
    assert event_date(doc, token(doc, "seized")).basis == "publication"
    doc = parse("Rebels seized the airport.")
    date = event_date(doc, token(doc, "seized"))
    assert date.basis == "unresolved" and date.value is None


def test_seed_event_dates(shared_dir, pipeline):
    """Acceptance: the reference article's events, dated (triggers picked here by their words)."""
    from newsevents.ingest import read_one
    from newsevents.nlp import make_doc

    article = read_one(shared_dir / "seed" / "article.txt", published="2025-08-15", source="The Guardian")
    doc = pipeline.nlp(make_doc(pipeline.nlp, article))

    def date_of(word, after=""):
        start = doc.text.index(after) if after else 0
        tok = next(t for t in doc if t.text == word and t.idx >= start)
        return event_date(doc, tok)

    assert date_of("met").value == "2025-08-14"  # Volodin met Kim in Pyongyang on Thursday
    assert date_of("spoke", "Mr Putin spoke").value == "2025-08-12"  # the call on Tuesday
    assert date_of("summit", "ahead of his summit with Donald").value == "2025-08-15"
    assert date_of("trip").value == "2024-06"
    assert date_of("signed", "when the two").value == "2024-06"  # the treaty
    assert date_of("counteroffensive").value == "2025"
    assert date_of("foothold").value == "2024"
    invasion = date_of("launched", "since Mr Putin launched")
    assert invasion.value == "2021-02" and invasion.basis == "text"
    for t in doc._.newsevents_times:
        assert t.value is None or t.basis in ("text", "publication")


# --- the finder's window gates ------------------------------------------------------------------------

GATED_TEXTS = [
    "On Christmas Eve 2023 the talks resumed; by Jan. 5 and again on 12 March, 2024 they stalled.",
    "The first quarter of 2025 was weak, the company said on Monday morning, as in the 1990s.",
    "Inflation rose 2.4% in 2019-2021, three years ago; last Thursday it was about 10 days late.",
    "Marchers met in Mayfield. Elections in 2022 drew 2000 voters between 2010 and 2014, 5/11/2021.",
    "the fourth-quarter results, due in the spring of 2026, came a week earlier than the 80s peak",
]


@pytest.mark.parametrize("text", GATED_TEXTS)
def test_gated_search_finds_what_the_ungated_search_finds(parse, monkeypatch, text):
    """The gates only skip windows a pattern cannot match in: opening every gate changes nothing."""
    import re

    from newsevents.temporal import finder

    doc = parse(text, "2025-08-15")
    gated = finder.find_candidates(doc)
    open_gates = {g: re.compile("") for g in finder._gates()}
    monkeypatch.setattr(finder, "_gates", lambda: open_gates)
    assert finder.find_candidates(doc) == gated
    assert any(c.source != "ner" for c in gated)
