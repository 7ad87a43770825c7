"""Find toponyms: spaCy's GPE/LOC/FAC entities found in the gazetteer, gazetteer phrases (countries,
states, regions, aliases) through a PhraseMatcher, and "<Name> region/province/oblast" through a Matcher.
Demonyms (NORP) are never toponyms; a phrase inside a person's or organisation's name is not one either.
"""

from __future__ import annotations

from functools import cache

from spacy.attrs import LOWER
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from newsevents.places.gazetteer import aliases, gazetteer

ENTITY_LABELS = {"GPE", "LOC", "FAC"}
BLOCKING_LABELS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}


@cache
def _matchers(vocab: Vocab) -> PhraseMatcher:
    phrases = PhraseMatcher(vocab, attr="ORTH")
    names = sorted(gazetteer().phrases)
    # make_doc only tokenises: cheap, and done once per vocab.
    tokenizer_docs = [Doc(vocab, words=_words(name)) for name in names]
    phrases.add("PLACE", tokenizer_docs)
    return phrases


def prepare(vocab: Vocab) -> None:
    """Build the phrase matchers for this vocab now, not on the first article."""
    _matchers(vocab)


@cache
def _region_word_hashes() -> frozenset[int]:
    return frozenset(get_string_id(w) for w in aliases()["region_words"])


def _region_word_positions(doc: Doc) -> list[int]:
    """Indices of the region words, read from the LOWER column: no Token is built for the other words."""
    if not len(doc):
        return []
    words = _region_word_hashes()
    return [i for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in words]


def _region_phrases(doc: Doc) -> list[Span]:
    """ "Kursk region", "Helmand province": capitalised proper nouns before a region word."""
    out = []
    for i in _region_word_positions(doc):
        if i == 0:
            continue
        start = i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
            start -= 1
        if start < i:
            out.append(doc[start : i + 1])
    return out


def _words(name: str) -> list[str]:
    # Tokenise like spaCy's English rules for the names we hold: split on spaces and a possessive.
    out: list[str] = []
    for part in name.split():
        if part.endswith("'s") and len(part) > 2:
            out += [part[:-2], "'s"]
        else:
            out.append(part)
    return out


def _trim(span: Span) -> Span | None:
    """Drop a leading "the" and a trailing possessive: "the West Bank's" -> "West Bank"."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in ("the", "'s", "\u2019s"):
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "\u2019s", "'") or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


def find_toponyms(doc: Doc) -> list[Span]:
    gaz = gazetteer()
    ents = doc.ents
    blocked = {i for e in ents if e.label_ in BLOCKING_LABELS for i in range(e.start, e.end)}
    # Tokens the actors stage resolved to a person ("Palin", "Obama") are not places either.
    kinds = {a.id: a.kind for a in doc._.newsevents_actors or []}
    for i, actor_id in (doc._.newsevents_actor_tokens or {}).items():
        if kinds.get(actor_id) == "person":
            blocked.add(i)
    found: list[tuple[Span, int]] = []  # (span, priority: lower wins at equal length)
    phrases = _matchers(doc.vocab)
    for region in _region_phrases(doc):
        span = _trim(region)
        if span is None or any(i in blocked for i in range(span.start, span.end)):
            continue
        # "Kursk region" only when "Kursk" (or the whole phrase) is a place we know: not "Islamic State".
        if gaz.lookup(span.text) or gaz.lookup(span[:-1].text):
            found.append((span, 0))
    for _, start, end in phrases(doc):
        span = doc[start:end]
        if any(i in blocked for i in range(start, end)):
            continue
        found.append((span, 1))
    for ent in ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        span = _trim(ent)
        if span is not None and gaz.lookup(span.text):
            found.append((span, 2))
    found.sort(key=lambda pair: (-(pair[0].end - pair[0].start), pair[1], pair[0].start))
    taken: list[Span] = []
    used: set[int] = set()
    for span, _ in found:
        if any(i in used for i in range(span.start, span.end)):
            continue
        taken.append(span)
        used.update(range(span.start, span.end))
    return sorted(taken, key=lambda s: s.start)
