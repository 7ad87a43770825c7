"""The location of one event: the locative attached to its trigger ("met Mr Kim in Pyongyang",
"a counteroffensive in Russia's Kursk region", "the Alaska summit"), else the dateline city, else None.

Only a place governed by a locative preposition (or modifying the trigger itself) counts, so a capital
acting as an actor ("Pyongyang said") or a place in another clause or paragraph never becomes the
event's location.
"""

from __future__ import annotations

from dataclasses import replace

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


def _rank(governed: tuple[str, Token], trigger: Token, trigger_clause: Token) -> int | None:
    """0: on the trigger itself; 1: inside the trigger's phrase; 2: elsewhere in the trigger's clause.
    `governed`: the place's _governor."""
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
    return EventLocator(doc)(trigger)


class EventLocator:
    """event_location for the triggers of one Doc. What does not depend on the trigger is read once per
    Doc, not once per event: the places with coordinates, each one's span and governor (only for places in
    a trigger's sentence), the dateline place (geocoded at most once)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.places = [p for p in doc._.newsevents_places or [] if p.lat is not None]
        self._read: dict[int, tuple[int, tuple[str, Token]] | None] = {}  # place -> (root index, governor)
        self._dateline: list[EventLocation | None] = []  # empty until looked up

    def __call__(self, trigger: Token, sentence: Span | None = None) -> EventLocation | None:
        """The trigger's location; `sentence`: the trigger's, when the caller has it."""
        if self.places:
            if sentence is None:
                sentence = trigger.sent
            best = self._best(trigger, sentence.start_char, sentence.end_char)
            if best is not None:
                return _location(best)
        return self._dateline_location()

    def _best(self, trigger: Token, start: int, end: int) -> Place | None:
        clause: Token | None = None  # the trigger's clause head, once a place of its sentence needs it
        best: tuple[tuple[int, int, int], Place] | None = None
        for k, place in enumerate(self.places):
            if not (start <= place.start < end):
                continue
            read = self._place(k)
            if read is None:
                continue
            root, governed = read
            if clause is None:
                clause = clause_head(trigger)
            rank = _rank(governed, trigger, clause)
            if rank is None:
                continue
            key = (rank, SPECIFICITY.get(place.feature or "", 5), abs(root - trigger.i))
            if best is None or key < best[0]:
                best = (key, place)
        return best[1] if best is not None else None

    def _place(self, k: int) -> tuple[int, tuple[str, Token]] | None:
        """The k-th place's span root index and governor; None when it has no span or no governor."""
        if k not in self._read:
            place = self.places[k]
            span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
            governed = _governor(span) if span is not None else None
            self._read[k] = (span.root.i, governed) if span is not None and governed is not None else None
        return self._read[k]

    def _dateline_location(self) -> EventLocation | None:
        if not self._dateline:
            self._dateline.append(dateline_location(self.doc))
        found = self._dateline[0]
        return replace(found) if found is not None else None  # each event its own object, as before


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
