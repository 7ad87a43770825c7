"""attribution: quotes with their speakers, and the chain of sources behind every event."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.model import Quote
from newsevents.settings import Settings


def add_to(nlp: Language, settings: Settings) -> None:
    nlp.add_pipe("newsevents_attribution", last=True)


def find_quotes(doc: Doc) -> list[Quote]:
    return []


@Language.component(
    "newsevents_attribution",
    requires=["doc._.newsevents_actors", "doc._.newsevents_events"],
    assigns=["doc._.newsevents_quotes"],
)
def attribution_component(doc: Doc) -> Doc:
    doc._.newsevents_quotes = find_quotes(doc)
    return doc
