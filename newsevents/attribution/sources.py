"""Sources: what kind of source a phrase names, and the channels a sentence cites.

A *channel* is a source phrase in a sentence that is not the speaker of a quote but passes a claim on:
"according to X", "X reported (, citing Y)", "reportedly". Chains run from the original source outward
and always end with the outlet that published the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from newsevents.attribution.lexicon import lexicon
from newsevents.attribution.speakers import Resolver, mention_span, subject_of
from newsevents.attribution.table import TokenTable, dep_ids
from newsevents.model import Attribution
from newsevents.nlp import doc_text, span_text

MEDIA_KINDS = {"state_media", "news_agency", "media", "outlet"}
_ACTOR_KIND = {
    "person": "person",
    "media": "media",
    "organization": "organization",
    "state": "official_statement",
}
_STATEMENT_NOUNS = {"statement", "communique", "communiqué", "declaration", "release"}
_PREP, _POBJ = dep_ids("prep"), dep_ids("pobj")
_IN = get_string_id("in")


@dataclass(slots=True)
class Channel:
    """Source phrase(s) anchored at a token of a sentence, innermost first."""

    anchor: Token  # the verb or preposition the phrase hangs from
    chain: list[Attribution]
    phrase: tuple[int, int]  # token range of the whole phrase ("according to KCNA"), to cut from content
    vague: bool = False  # "reports say", "reportedly": a pointer to the article's named reports


@lru_cache(maxsize=4096)  # a handful of names per article, compared pairwise many times
def norm(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip().lower())


def outlet(doc: Doc) -> Attribution:
    article = doc._.newsevents_article
    return Attribution(name=(article.source if article and article.source else "the outlet"), kind="outlet")


def classify(doc: Doc, span: Span, resolver: Resolver, cue: Token | None = None) -> Attribution:
    """The Attribution for a source phrase: its name, its kind, and its actor when it has one."""
    lex = lexicon()
    text = span_text(span)
    named = lex.named_source(text)
    if named is not None:
        return Attribution(
            named.name, named.kind, resolver.resolve(span, cue), span.start_char, span.end_char
        )  # type: ignore[arg-type]
    generic = lex.noun_kind(text) if span.root.pos_ != "PROPN" else None
    if generic == "state_media":
        # "North Korean state media" is the state outlet of that country the article names, if it does.
        for source in lex.named:
            adjective = any(a in text for a in source.adjectives)
            if source.kind == "state_media" and adjective and _mentions(doc, source.name):
                actor = next((a.id for a in resolver.actors if lex.named_source(a.name) == source), None)
                return Attribution(source.name, "state_media", actor, span.start_char, span.end_char)
    actor = resolver.resolve(span, cue)
    if generic is not None and (actor is None or generic in ("intelligence_assessment", "reports")):
        return Attribution(text, generic, actor, span.start_char, span.end_char)  # type: ignore[arg-type]
    actor_obj = next((a for a in resolver.actors if a.id == actor), None)
    if actor_obj is not None:
        kind = _ACTOR_KIND.get(actor_obj.kind, "organization")
        name = actor_obj.name
        hit = lex.named_source(actor_obj.name)
        if hit is not None:
            kind, name = hit.kind, hit.name
        elif actor_obj.kind == "media":
            kind = "media"
        elif actor_obj.sector in ("SPY",):
            kind = "intelligence_assessment"
        elif actor_obj.sector in ("GOV", "MIL") and actor_obj.kind != "person":
            kind = "official_statement"
        if cue is not None and _in_statement(resolver.table, cue.i):
            kind = "official_statement"
        return Attribution(name, kind, actor, span.start_char, span.end_char)  # type: ignore[arg-type]
    ent = span.root.ent_type_
    kind = {
        "PERSON": "person",
        "ORG": "organization",
        "GPE": "official_statement",
        "NORP": "organization",
    }.get(ent, "person" if span.root.lower_ in ("he", "she") else "organization")
    if span.root.lemma_.lower() in lex.documents:
        kind = "document"
    return Attribution(text, kind, None, span.start_char, span.end_char)  # type: ignore[arg-type]


def _mentions(doc: Doc, name: str) -> bool:
    source = next(s for s in lexicon().named if s.name == name)
    aliases = [a for a, s in lexicon().aliases.items() if s == source and a[:1].isupper()]
    return any(re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", doc_text(doc)) for a in aliases)


def _in_statement(table: TokenTable, cue: int) -> bool:
    """'the ministry said in a statement': the claim is an official statement."""
    dep, children = table.dep, table.children
    for child in children(cue):
        if (
            dep[child] in _PREP
            and table.lower[child] == _IN
            and any(dep[c] in _POBJ and table.lemma[c] in _STATEMENT_NOUNS for c in children(child))
        ):
            return True
    return False


@cache
def _according_ids() -> tuple[tuple[int, ...], ...]:
    """The 'according to' patterns as LOWER ids, to compare with a TokenTable's."""
    return tuple(tuple(get_string_id(w) for w in pattern) for pattern in lexicon().according)


def according_phrases(table: TokenTable, sent: Span) -> list[tuple[Token, Token, tuple[int, int]]]:
    """'according to X' and its kin: (anchor the phrase hangs from, X's head, phrase token range)."""
    found = []
    # Compare the words' LOWER ids first: slicing a Span at every position is what costs.
    lowers = table.lower[sent.start : sent.end]
    for pattern in _according_ids():
        n = len(pattern)
        for k in range(len(lowers) - n + 1):
            if lowers[k] != pattern[0] or tuple(lowers[k : k + n]) != pattern:
                continue
            i = sent.start + k
            words = sent.doc[i : i + n]
            last = words[-1]
            objs = [c for c in last.children if c.dep_ == "pobj"]
            if not objs:
                nxt = sent.doc[last.i + 1] if last.i + 1 < sent.end else None
                objs = [nxt.head if nxt is not None and nxt.head.i > last.i else nxt] if nxt else []
            if not objs or objs[0] is None:
                continue
            obj = objs[0]
            end = max(t.i for t in obj.subtree) + 1
            anchor = words[0].head if words[0].head.i not in range(i, end) else words[0]
            found.append((anchor, obj, (i, end)))
    return found


def sentence_channels(
    doc: Doc,
    sent: Span,
    resolver: Resolver,
    phrases: list[tuple[Token, Token, tuple[int, int]]] | None = None,
    words: Iterable[Token] | None = None,
) -> list[Channel]:
    """Every channel phrase in a sentence (`phrases`: its according_phrases, when already found;
    `words`: the only tokens of it that may be a report adverb or a relay verb, in order, when known)."""
    lex = lexicon()
    channels: list[Channel] = []
    for anchor, obj, phrase in according_phrases(resolver.table, sent) if phrases is None else phrases:
        chain = [classify(doc, mention_span(resolver.table, o.i), resolver) for o in [obj, *_conjuncts(obj)]]
        channels.append(Channel(anchor, chain, phrase, vague=all(a.kind == "reports" for a in chain)))
    for tok in sent if words is None else words:
        if tok.lower_ in lex.report_adverbs:
            attr = Attribution("reports", "reports", None, tok.idx, tok.idx + len(tok))
            channels.append(Channel(tok.head, [attr], (tok.i, tok.i + 1), vague=True))
        elif tok.lemma_.lower() in lex.relay and tok.pos_ == "VERB" and tok.dep_ != "amod":
            subject = subject_of(resolver.table, tok.i)
            if subject is None or tok.lemma_.lower() in ("cite", "quote"):
                continue
            chain = cited(doc, tok, resolver)
            relay = classify(doc, mention_span(resolver.table, subject), resolver, tok)
            channels.append(
                Channel(tok, [*chain, relay], (tok.i, tok.i + 1), vague=relay.kind == "reports" and not chain)
            )
    return channels


def cited(doc: Doc, verb: Token, resolver: Resolver) -> list[Attribution]:
    """'..., citing North Korean state media': the sources a verb cites, innermost first."""
    out = []
    for child in verb.children:
        if child.lemma_.lower() in ("cite", "quote") and child.dep_ in ("advcl", "xcomp", "conj", "prep"):
            for obj in child.children:
                if obj.dep_ in ("dobj", "pobj"):
                    out += [
                        classify(doc, mention_span(resolver.table, o.i), resolver)
                        for o in [obj, *_conjuncts(obj)]
                    ]
    return out


def _conjuncts(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]


def named_report_chain(
    doc: Doc, resolver: Resolver, channels: list[list[Channel]] | None = None
) -> list[Attribution]:
    """The first chain in the article that names its reports: what a bare 'according to reports' means.

    A lede often says "according to reports" and names them later ("the Guardian reported, citing
    state media"); the vague phrase points at the named one. `channels`: each sentence's, when found.
    """
    per_sentence = (
        channels if channels is not None else (sentence_channels(doc, s, resolver) for s in doc.sents)
    )
    for sentence in per_sentence:
        for channel in sentence:
            if channel.vague:
                continue
            if any(a.kind in MEDIA_KINDS for a in channel.chain):
                return channel.chain
    return []


def finish(outlet_name: str, chain: list[Attribution], report_chain: list[Attribution]) -> list[Attribution]:
    """Expand vague reports, drop repeats, end with the outlet (merged when the chain already names it).
    `outlet_name`: outlet(doc).name, read once per Doc (every quote and event chain ends with it)."""
    out: list[Attribution] = []
    for attr in chain:
        items = report_chain if attr.kind == "reports" and attr.actor is None and report_chain else [attr]
        for item in items:
            if not any(norm(o.name) == norm(item.name) for o in out):
                out.append(item)
    home = Attribution(outlet_name, "outlet")
    if out and norm(out[-1].name) == norm(home.name):
        last = out[-1]
        out[-1] = Attribution(home.name, "outlet", last.actor, last.start, last.end)
    elif not any(norm(o.name) == norm(home.name) for o in out):
        out.append(home)
    else:
        out = [o for o in out if norm(o.name) != norm(home.name)] + [home]
    return out
