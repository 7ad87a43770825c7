"""events: who did what to whom, coded in CAMEO and PLOVER, each with its trigger and sentence."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.model import Event
from newsevents.settings import Settings


def add_to(nlp: Language, settings: Settings) -> None:
    nlp.add_pipe("newsevents_events", last=True)


def find_events(doc: Doc) -> list[Event]:
    return []


@Language.component(
    "newsevents_events",
    requires=["doc._.newsevents_actors", "doc._.newsevents_times", "doc._.newsevents_places"],
    assigns=["doc._.newsevents_events"],
)
def events_component(doc: Doc) -> Doc:
    doc._.newsevents_events = find_events(doc)
    return doc
