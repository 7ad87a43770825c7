"""attribution: quotes with their speakers, and the chain of sources behind every event.

    find_quotes(doc) -> list[Quote]           direct, partial and indirect quotes, speakers, channels
    chain_for(doc, start, end) -> chain       the source chain over any stretch of the article
    annotate_events(doc)                      fills Event.attribution (never empty) and belief modality

Runs last among the doc stages: it reads the actors stage's actors and coreference and the events
stage's events. Word lists live in newsevents/data/attribution/.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.attribution import sources
from newsevents.attribution.lexicon import lexicon
from newsevents.attribution.quotes import Attributions, Scope, find_attributions
from newsevents.model import Attribution, Event, Quote
from newsevents.settings import Settings

__all__ = ["add_to", "annotate_events", "attributions", "chain_for", "find_quotes"]

_KEY = "newsevents_attribution"  # Doc.user_data key caching this stage's findings


def add_to(nlp: Language, settings: Settings) -> None:
    lexicon()  # load now, not on the first article
    nlp.add_pipe("newsevents_attribution", last=True)


def attributions(doc: Doc) -> Attributions:
    """This stage's findings for a Doc, computed once."""
    found = doc.user_data.get(_KEY)
    if found is None:
        found = find_attributions(doc)
        doc.user_data[_KEY] = found
    return found


def find_quotes(doc: Doc) -> list[Quote]:
    return attributions(doc).quotes


def _scope_at(found: Attributions, start: int, end: int, skip: frozenset[int] = frozenset()) -> Scope | None:
    """The tightest scope covering [start, end), leaving out the scopes whose ids are in `skip`."""
    covering = [s for s in found.scopes if s.start <= start and end <= s.end and id(s) not in skip]
    return min(covering, key=lambda s: s.end - s.start) if covering else None


def chain_for(
    doc: Doc, start: int, end: int, *, skip: frozenset[int] = frozenset()
) -> tuple[list[Attribution], bool]:
    """The source chain of a stretch of text (from the original source outward) and whether it is a belief.

    The tightest quote or reported clause covering the stretch gives the chain; else the sentence's
    own source phrases ("according to X", "X reported", "reportedly"); the outlet always ends it.
    """
    found = attributions(doc)
    scope = _scope_at(found, start, end, skip)
    chain: list[Attribution] = list(scope.chain) if scope else []
    sentence = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    if sentence is not None:
        # The sentence of the stretch's first token (as Token.sent finds it), without making Spans.
        sent_start = found.sentence_chars[bisect_right(found.sentence_starts, sentence.start) - 1]
        for attr in found.sentence_chains.get(sent_start, []):
            inside_scope = (
                scope is not None and attr.start is not None and scope.start <= attr.start < scope.end
            )
            if not inside_scope and not any(sources.norm(a.name) == sources.norm(attr.name) for a in chain):
                chain.append(attr)
    return sources.finish(found.outlet_name, chain, found.report_chain), bool(scope and scope.belief)


def _appositive_scopes(doc: Doc, events: list[Event]) -> dict[int, Event]:
    """Belief scopes that frame an appositive event noun rather than the clause before it.

    In "Kim agreed to send workers, a deployment intelligence believes could happen soon", the belief
    verb follows the appositive noun that restates the clause; the small parser often hangs the whole
    clause under "believes", which would make Kim's agreement a belief of intelligence. The events stage
    marks such nouns ("appositive restating"); a belief scope that ends before the noun and whose cue
    comes after it, in the same sentence, is the noun's.
    """
    found = attributions(doc)
    owners: dict[int, Event] = {}
    for event in events:
        if not (event.rule and "appositive restating" in event.rule):
            continue
        noun = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if noun is None:
            continue
        sent = noun.sent
        for scope in found.scopes:
            if scope.cue is None or not scope.belief or not (sent.start <= scope.cue < sent.end):
                continue
            if scope.end <= event.trigger.start and doc[scope.cue].idx >= event.trigger.end:
                owners[id(scope)] = event
    return owners


def annotate_events(doc: Doc) -> None:
    """Every event gets its chain (the outlet at least); claims held as beliefs get modality belief."""
    events = doc._.newsevents_events or []
    owners = _appositive_scopes(doc, events)
    skip = frozenset(owners)
    found = attributions(doc)
    scopes = {id(s): s for s in found.scopes}
    for event in events:
        owned = [scopes[k] for k, owner in owners.items() if owner is event]
        if owned:
            # The appositive event is what the belief is about: its chain starts with the believer.
            scope = owned[0]
            chain, _ = chain_for(doc, event.trigger.start, event.trigger.end, skip=skip)
            event.attribution = sources.finish(found.outlet_name, [*scope.chain, *chain], found.report_chain)
            event.modality = "belief"
            continue
        chain, belief = chain_for(doc, event.trigger.start, event.trigger.end, skip=skip)
        event.attribution = chain
        # A belief is the outer frame: what intelligence "believes Kim agreed to send" is a belief
        # about an intention. Questions, conditions and hypotheses stay as the events stage found them.
        if belief and event.modality in ("asserted", "intended"):
            event.modality = "belief"


@Language.component(
    "newsevents_attribution",
    requires=["doc._.newsevents_actors", "doc._.newsevents_events"],
    assigns=["doc._.newsevents_quotes"],
)
def attribution_component(doc: Doc) -> Doc:
    doc.user_data.pop(_KEY, None)
    doc._.newsevents_quotes = find_quotes(doc)
    annotate_events(doc)
    return doc
