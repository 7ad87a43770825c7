"""places: toponyms, geocoded offline."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.model import Place
from newsevents.settings import Settings


def add_to(nlp: Language, settings: Settings) -> None:
    nlp.add_pipe("newsevents_places", last=True)


def find_places(doc: Doc) -> list[Place]:
    """GPE, LOC and FAC entities, not yet geocoded (the simplest real version)."""
    return [Place(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ in {"GPE", "LOC", "FAC"}]


@Language.component("newsevents_places", assigns=["doc._.newsevents_places"])
def places_component(doc: Doc) -> Doc:
    doc._.newsevents_places = find_places(doc)
    return doc
