"""places: offline gazetteer, toponyms, disambiguation and event locations."""

from __future__ import annotations

import socket

import pytest

from newsevents.places import event_location, geocode
from newsevents.places.gazetteer import gazetteer


@pytest.fixture(scope="module")
def parse(pipeline):
    from newsevents.ingest import from_text
    from newsevents.nlp import make_doc

    def _parse(text: str, published: str | None = "2025-08-15"):
        return pipeline.nlp(make_doc(pipeline.nlp, from_text(text, published=published)))

    return _parse


def token(doc, word: str, nth: int = 0):
    return [t for t in doc if t.text == word][nth]


def places_by_text(extraction):
    return {p.text: p for p in extraction.places}


def test_gazetteer_works_with_networking_disabled(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("networking is disabled in this test")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    gazetteer.cache_clear()  # build it again, from disk, with the network gone
    try:
        place = geocode("Pyongyang")
        assert place is not None and place.country == "PRK" and place.geonameid == 1871859
        (kursk,) = gazetteer().lookup("Kursk region")
        assert (kursk.country, kursk.feature) == ("RUS", "region")
    finally:
        monkeypatch.undo()
        gazetteer.cache_clear()


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Pyongyang", "PRK", "city"),
        ("Alaska", "USA", "region"),
        ("Kursk region", "RUS", "region"),
        ("Crimea", "UKR", "region"),
        ("the West Bank", "PSE", "area"),
        ("the Gaza Strip", "PSE", "area"),
        ("Donetsk region", "UKR", "region"),
        ("Kiev", "UKR", "city"),
        ("Britain", "GBR", "country"),
    ],
)
def test_gazetteer_lookup(name, country, feature):
    place = geocode(name)
    assert place is not None
    assert (place.country, place.feature) == (country, feature)
    assert place.lat is not None and place.lon is not None


def test_toponyms_are_geocoded_and_demonyms_are_not_places(run):
    text = "North Korean troops fought alongside Russian forces in Russia's Kursk region, officials in Seoul said."
    places = places_by_text(run(text, published="2025-08-15"))
    assert places["Kursk region"].country == "RUS" and places["Kursk region"].name == "Kursk Oblast"
    assert places["Seoul"].country == "KOR"
    assert not any("Korean" in p or "Russian" in p for p in places)
    for p in places.values():
        assert text[p.start : p.end] == p.text


def test_georgia_by_context(run):
    caucasus = run(
        "Protesters marched through Tbilisi as Georgia's parliament, under pressure from Russia, met."
    )
    american = run("Voters in Atlanta queued for hours as Georgia counted ballots, officials in Texas said.")
    assert places_by_text(caucasus)["Georgia"].country == "GEO"
    assert places_by_text(american)["Georgia"].country == "USA"


def test_ambiguous_city_by_population_and_context(run):
    assert places_by_text(run("Talks resumed in Paris on Monday."))["Paris"].country == "FRA"
    texan = run("A tornado hit Paris, a small town in Texas, near Dallas.")
    assert places_by_text(texan)["Paris"].country == "USA"


def test_event_location_from_its_locative(parse):
    doc = parse("The two leaders met in Pyongyang on Thursday.")
    location = event_location(doc, token(doc, "met"))
    assert (location.name, location.country, location.basis) == ("Pyongyang", "PRK", "text")
    assert doc.text[location.start : location.end] == "Pyongyang"


def test_most_specific_place_of_the_phrase(parse):
    doc = parse("Russian forces launched a counteroffensive in Russia's Kursk region.")
    location = event_location(doc, token(doc, "counteroffensive"))
    assert (location.name, location.country) == ("Kursk Oblast", "RUS")


def test_metonymic_capital_is_not_a_location(parse):
    doc = parse("Pyongyang said the drills were a provocation.")
    assert event_location(doc, token(doc, "said")) is None


def test_never_a_place_from_another_paragraph(parse):
    doc = parse("Talks were held in Geneva last month.\n\nThe ministers later signed the accord.")
    assert event_location(doc, token(doc, "signed")) is None


def test_dateline_fallback(parse):
    doc = parse("NAIROBI, Kenya (AP) — Police fired tear gas at protesters on Tuesday.")
    location = event_location(doc, token(doc, "fired"))
    assert location is not None and location.basis == "dateline"
    assert (location.name, location.country) == ("Nairobi", "KEN")
    # Offsets point into the article text (the dateline itself is blanked out of what spaCy reads).
    assert doc._.newsevents_article.text[location.start : location.end] == "NAIROBI"


def test_seed_event_locations(seed, shared_dir, pipeline):
    """Acceptance: Pyongyang (PRK), Alaska (USA), Kursk region (RUS) for the seed's events."""
    from newsevents.ingest import read_one
    from newsevents.nlp import make_doc

    article = read_one(shared_dir / "seed" / "article.txt", published="2025-08-15", source="The Guardian")
    doc = pipeline.nlp(make_doc(pipeline.nlp, article))

    def where(word, after=""):
        start = doc.text.index(after) if after else 0
        return event_location(doc, next(t for t in doc if t.text == word and t.idx >= start))

    assert where("met").country == "PRK" and where("met").name == "Pyongyang"
    assert where("summit", "ahead of his summit with Donald").name == "Alaska"
    assert where("counteroffensive").country == "RUS"
    assert where("call") is None  # its clause has no place: Alaska belongs to the summit
    for place in seed.places:
        assert place.geonameid is not None or place.lat is not None


def test_every_event_date_and_location_points_at_text(seed):
    """Acceptance: a date has a text span or basis "publication"; a location always has a span."""
    text = seed.article.text
    dated_by_text = 0
    for event in seed.events:
        if event.date is not None:
            assert event.date.basis in ("text", "publication")
            if event.date.basis == "text":
                dated_by_text += 1
                assert text[event.date.start : event.date.end] == event.date.text
        if event.location is not None:
            assert event.location.start is not None and event.location.end is not None
            if event.location.basis == "text":
                assert event.location.end > event.location.start
    assert dated_by_text >= 3  # Thursday, Tuesday, Friday, June 2024, February 2021 ...


def test_misread_names_are_not_towns(run):
    # "Palin" is a town in Guatemala and "Obama" one in Japan; nothing else here is in either country.
    extraction = run("Sarah Palin said Obama was wrong, speaking in Alaska.", published="2016-09-20")
    places = places_by_text(extraction)
    assert "Palin" not in places and "Obama" not in places
    assert places["Alaska"].country == "USA"


def test_place_modifying_the_trigger(parse):
    doc = parse("The Alaska summit ended without a ceasefire deal.")
    location = event_location(doc, token(doc, "summit"))
    assert location is not None and (location.name, location.country) == ("Alaska", "USA")


def test_preferred_readings(run):
    places = places_by_text(
        run("Officials in Washington and in Washington state disagreed.", published="2025-08-15")
    )
    assert places["Washington"].name == "Washington" and places["Washington"].feature == "city"
    assert places["Washington state"].feature == "region"


def test_on_locates_strikes_not_sanctions(parse):
    doc = parse("The EU imposed new sanctions on Russia after a missile strike on Kyiv.")
    assert event_location(doc, token(doc, "sanctions")) is None
    strike = event_location(doc, token(doc, "strike"))
    assert strike is not None and strike.name == "Kyiv"
