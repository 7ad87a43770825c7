"""The location of one event: the locative attached to its trigger ("met Mr Kim in Pyongyang",
"a counteroffensive in Russia's Kursk region", "the Alaska summit"), else the dateline city, else None.

Only a place governed by a locative preposition (or modifying the trigger itself) counts, so a capital
acting as an actor ("Pyongyang said") or a place in another clause or paragraph never becomes the
event's location.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsevents.model import EventLocation, Place
from newsevents.places.gazetteer import aliases
from newsevents.places.resolve import geocode
from newsevents.temporal.dates import clause_head
from newsevents.temporal.tense import under_relation

# How specific a feature is: the most specific place wins among equals ("Russia's Kursk region").
SPECIFICITY = {"city": 0, "region": 1, "area": 1, "water": 2, "country": 3, "continent": 4}
# Links inside a noun phrase that keep a place in the phrase of its head ("Russia's Kursk region").
NP_LINKS = {"compound", "poss", "amod", "nmod", "appos", "conj", "cc", "case", "det"}


def _governor(span: Span) -> tuple[str, Token] | None:
    """("prep", the token the locative PP hangs on) or ("modifier", the noun the place modifies)."""
    token = span.root
    for _ in range(6):
        if token.dep_ in NP_LINKS and token.head.i != token.i:
            if token.dep_ == "compound" and token.head.pos_ == "NOUN":
                return "modifier", token.head  # "the Alaska summit"
            token = token.head
            continue
        break
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        return "prep:" + token.head.lower_, token.head.head
    return None


def _within(token: Token, ancestor: Token) -> bool:
    """token is in ancestor's subtree without crossing into another clause."""
    current = token
    for _ in range(30):
        if current.i == ancestor.i:
            return True
        if current.head.i == current.i or clause_head(current).i == current.i:
            return False
        current = current.head
    return False


def _rank(span: Span, trigger: Token, trigger_clause: Token) -> int | None:
    """0: on the trigger itself; 1: inside the trigger's phrase; 2: elsewhere in the trigger's clause."""
    governed = _governor(span)
    if governed is None:
        return None
    how, attach = governed
    if how.startswith("prep:"):
        prep = how[5:]
        data = aliases()
        if prep not in data["locative_prepositions"]:
            return None
        if prep in data["directional_prepositions"] and trigger.lemma_.lower() not in data["movement_lemmas"]:
            return None
    if attach.i == trigger.i:
        return 0
    if _within(attach, trigger):
        return 1
    if how == "modifier":
        return None
    if under_relation(trigger):
        return None  # "ahead of his summit": the clause's place is not the summit's
    # Not inside another event's relational phrase ("ahead of his summit ... in Alaska").
    current = attach
    for _ in range(30):
        if current.i == trigger_clause.i:
            break
        if under_relation(current) and current.i != trigger.i:
            return None
        if current.head.i == current.i:
            break
        current = current.head
    if clause_head(attach).i == trigger_clause.i:
        return 2
    return None


def _location(place: Place, basis: str = "text") -> EventLocation:
    return EventLocation(
        name=place.name,
        geonameid=place.geonameid,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        start=place.start,
        end=place.end,
        basis=basis,  # type: ignore[arg-type]
    )


def event_location(doc: Doc, trigger: Token) -> EventLocation | None:
    places: list[Place] = doc._.newsevents_places or []
    sentence = trigger.sent
    clause = clause_head(trigger)
    best: tuple[tuple[int, int, int], Place] | None = None
    for place in places:
        if not (sentence.start_char <= place.start < sentence.end_char) or place.lat is None:
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        rank = _rank(span, trigger, clause)
        if rank is None:
            continue
        key = (rank, SPECIFICITY.get(place.feature or "", 5), abs(span.root.i - trigger.i))
        if best is None or key < best[0]:
            best = (key, place)
    if best is not None:
        return _location(best[1])
    return dateline_location(doc)


def dateline_location(doc: Doc) -> EventLocation | None:
    article = doc._.newsevents_article
    dateline = getattr(article, "dateline", None)
    if dateline is None or not dateline.place:
        return None
    place = geocode(dateline.place, doc._.newsevents_places or [])
    if place is None:
        return None
    head = dateline.place.split(",")[0].strip()
    start = dateline.start  # the dateline's place starts the dateline
    place.start, place.end, place.text = start, start + len(head), article.text[start : start + len(head)]
    return _location(place, "dateline")
