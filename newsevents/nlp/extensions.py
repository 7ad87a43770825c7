"""Custom Doc attributes, registered once, in one place.

Each doc-level stage writes its results to one attribute; ``newsevents.pipeline.assemble`` reads them all
into an ``Extraction``. Values are lists of ``newsevents.model`` dataclasses.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_ATTRIBUTES = (
    "newsevents_article",  # model.Article, set before the pipeline runs
    "newsevents_actors",  # list[model.Actor]
    "newsevents_actor_tokens",  # dict[token index, actor id]: which actor each token refers to
    "newsevents_times",  # list[model.TimeExpression]
    "newsevents_places",  # list[model.Place]
    "newsevents_events",  # list[model.Event]
    "newsevents_quotes",  # list[model.Quote]
)


def register_extensions() -> None:
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
