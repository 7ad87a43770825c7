"""The pipeline: the stages in the order of docs/ARCHITECTURE.md, and the Extraction they add up to.

    ingest -> nlp -> actors, temporal, places -> events -> attribution  (this module)
           -> store -> link -> export / web                              (corpus side)

Each doc-level stage is a spaCy component that writes one ``Doc._.newsevents_*`` attribute. A stage
package exposes ``add_to(nlp, settings)``, which puts its components into the pipeline; this module
calls them in order and reads the attributes back into an ``Extraction``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from newsevents import actors, attribution, events, places, temporal
from newsevents.model import Article, Extraction
from newsevents.nlp import load_model, make_doc, rules
from newsevents.settings import Settings
from newsevents.version import __version__

# Order matters: each stage may read what the stages before it wrote.
STAGES = (actors, temporal, places, events, attribution)


def build_nlp(settings: Settings) -> Language:
    """The spaCy pipeline with the newsevents components added (a fresh copy of the loaded model)."""
    nlp = _load_fresh(settings.model)
    if settings.fast_spacy_rules:
        rules.install(nlp)
    for stage in STAGES:
        stage.add_to(nlp, settings)
    return nlp


def _load_fresh(name: str) -> Language:
    # load_model caches the bare pipeline for baselines; stages mutate theirs, so load a new one.
    import spacy

    load_model(name)  # registers extensions and turns a missing model into ModelError
    return spacy.load(name)


def assemble(doc: Doc) -> Extraction:
    """Read the stages' Doc attributes into the output contract."""
    article: Article = doc._.newsevents_article
    return Extraction(
        article=article,
        actors=doc._.newsevents_actors or [],
        events=doc._.newsevents_events or [],
        quotes=doc._.newsevents_quotes or [],
        times=doc._.newsevents_times or [],
        places=doc._.newsevents_places or [],
        newsevents_version=__version__,
    )


class Pipeline:
    """Loads the spaCy pipeline once; turns Articles into Extractions.

    >>> pipeline = Pipeline()
    >>> extraction = pipeline(ingest.from_text("Russia and China signed a treaty.", published="2024-05-16"))
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.nlp = build_nlp(self.settings)

    def __call__(self, article: Article) -> Extraction:
        return assemble(self.nlp(make_doc(self.nlp, article)))

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Extraction]:
        docs = (make_doc(self.nlp, a) for a in articles)
        for doc in self.nlp.pipe(docs, batch_size=batch_size):
            yield assemble(doc)


@cache
def default_pipeline(settings: Settings | None = None) -> Pipeline:
    """The process-wide pipeline, built on first use and reused."""
    return Pipeline(settings or Settings.from_env())
