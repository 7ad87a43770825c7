"""Acceptance of the when-and-where issue on the reference article: each event as a user sees it, with its
calendar date and its place, looked up by trigger word and actors."""

from __future__ import annotations


def _event(seed, trigger: str, source: str, target: str | None = None):
    names = {a.id: a.name for a in seed.actors}
    found = [
        e
        for e in seed.events
        if e.trigger.text == trigger
        and source in (names.get(e.source) or "")
        and (target is None or target in (names.get(e.target) or ""))
    ]
    assert found, f"no {trigger!r} event from {source} to {target}"
    return found


def test_seed_meetings_calls_and_summit(seed):
    (met,) = _event(seed, "met", "Volodin", "Kim")
    assert met.date.value == "2025-08-14" and met.date.basis == "text"
    assert (met.location.name, met.location.country) == ("Pyongyang", "PRK")
    assert any(e.date.value == "2025-08-12" for e in _event(seed, "spoke", "Putin", "Kim"))
    summit = [e for e in _event(seed, "summit", "Putin", "Trump") if e.location]
    assert summit and all((e.location.name, e.location.country, e.date.value) == ("Alaska", "USA", "2025-08-15")
                          for e in summit)  # fmt: skip


def test_seed_past_events_keep_the_dates_the_text_gives(seed):
    assert {e.date.value for e in _event(seed, "trip", "Putin", "North Korea")} == {"2024-06"}
    treaty = _event(seed, "signed", "Putin")  # "when the two signed the treaty", the two being Putin and PRK
    assert {e.date.value for e in treaty} == {"2024-06"}
    (counteroffensive,) = _event(seed, "launched", "Russian forces")
    assert counteroffensive.date.value == "2025" and counteroffensive.location.country == "RUS"
    assert {e.date.value for e in _event(seed, "establish", "Ukraine")} == {"2024"}
    # The text's slip is kept as stated: the invasion in February 2021.
    (invasion,) = _event(seed, "operation", "Putin")
    assert (invasion.date.value, invasion.date.basis) == ("2021-02", "text")


def test_seed_every_date_and_place_has_its_evidence(seed):
    text = seed.article.text
    for e in seed.events:
        if e.date.basis == "text":
            assert text[e.date.start : e.date.end] == e.date.text
        else:
            assert e.date.basis == "publication" and e.date.start is None
        if e.location is not None:
            assert e.location.start is not None and e.location.end is not None
