"""temporal: temporal expressions, normalised to calendar values against the publication date."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.model import TimeExpression
from newsevents.settings import Settings


def add_to(nlp: Language, settings: Settings) -> None:
    nlp.add_pipe("newsevents_temporal", last=True)


def find_times(doc: Doc) -> list[TimeExpression]:
    """DATE entities, kept unresolved (the simplest real version)."""
    return [
        TimeExpression(e.start_char, e.end_char, e.text, basis="unresolved")
        for e in doc.ents
        if e.label_ == "DATE"
    ]


@Language.component("newsevents_temporal", assigns=["doc._.newsevents_times"])
def temporal_component(doc: Doc) -> Doc:
    doc._.newsevents_times = find_times(doc)
    return doc
