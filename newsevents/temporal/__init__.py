"""temporal: temporal expressions, normalised to calendar values against the publication date.

    find_times(doc)          every expression, with value / granularity / basis (finder -> tense -> normalise)
    event_date(doc, trigger) the date of one event (dates.py)

A TimeExpression's basis is "text" when the text alone gives the value ("June 2024", "24 years"),
"publication" when it was resolved against the publication date ("on Thursday", "last year"), and
"unresolved" when it needs a publication date the article does not have.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.model import TimeExpression
from newsevents.nlp import doc_text
from newsevents.settings import Settings
from newsevents.temporal.dates import event_date
from newsevents.temporal.finder import Candidate, find_candidates, prepare, select
from newsevents.temporal.normalise import Value, normalise, remembered_reading
from newsevents.temporal.tense import direction

__all__ = ["event_date", "find_times", "normalise", "add_to"]


def add_to(nlp: Language, settings: Settings) -> None:
    prepare()  # load and compile now, not on the first article
    nlp.add_pipe("newsevents_temporal", last=True)


class _Reader:
    """Reads candidates of one doc. An entity candidate is read once to see whether it is readable and
    again in order. Readings are kept by span (an entity often spans what a pattern found): one that
    did not look at the previous date holds whatever the previous date is, one that did only for the
    same previous date (none). The tense cue of a span is worked out only when a reading asks for it
    (a weekday does, a year does not), and once. Readings of the same words on the same publication date
    are also remembered across articles (normalise.remembered_reading)."""

    def __init__(self, doc: Doc, text: str, published) -> None:
        self.doc, self.text, self.published = doc, text, published
        self._ways: dict[tuple[int, int], str | None] = {}
        self._any: dict[tuple[int, int], Value | None] = {}  # whatever the previous date
        self._first: dict[tuple[int, int], Value | None] = {}  # without a previous date

    def way(self, c: Candidate) -> str | None:
        key = (c.start, c.end)
        if key not in self._ways:
            span = self.doc.char_span(c.start, c.end, alignment_mode="expand")
            self._ways[key] = direction(span) if span is not None else None
        return self._ways[key]

    def read(self, c: Candidate, previous: Value | None) -> Value | None:
        key = (c.start, c.end)
        if key in self._any:
            return self._any[key]
        if previous is None and key in self._first:
            return self._first[key]
        words = self.text[c.start : c.end]
        value, asked = remembered_reading(words, self.published, lambda: self.way(c), previous)
        if not asked:
            self._any[key] = value
        elif previous is None:
            self._first[key] = value
        return value


def find_times(doc: Doc) -> list[TimeExpression]:
    """Every temporal expression in the doc, normalised against the article's publication date."""
    article = doc._.newsevents_article
    published = article.published if article is not None else None
    text = doc_text(doc)
    candidates = find_candidates(doc, text)
    reader = _Reader(doc, text, published)
    # An entity span we cannot read loses to an overlapping pattern match we can.
    readable: list[Candidate] = []
    unreadable: list[Candidate] = []
    for c in candidates:
        (readable if c.source != "ner" or reader.read(c, None) is not None else unreadable).append(c)
    chosen = select(readable)
    chosen += [c for c in select(unreadable) if all(c.end <= t.start or t.end <= c.start for t in chosen)]
    chosen.sort(key=lambda c: c.start)
    times: list[TimeExpression] = []
    previous: Value | None = None
    for c in chosen:
        value = reader.read(c, previous)
        words = text[c.start : c.end]
        if value is None:
            times.append(TimeExpression(c.start, c.end, words, None, None, "text", "not normalised"))
            continue
        if value.value is None:
            basis = "unresolved"
        elif value.relative and value.anchor != "relative to the previous date":
            basis = "publication"
        else:
            basis = "text"
        times.append(
            TimeExpression(c.start, c.end, words, value.value, value.granularity, basis, value.anchor)
        )
        if value.calendar and value.reference:
            previous = value
    return times


@Language.component("newsevents_temporal", assigns=["doc._.newsevents_times"])
def temporal_component(doc: Doc) -> Doc:
    doc._.newsevents_times = find_times(doc)
    return doc
