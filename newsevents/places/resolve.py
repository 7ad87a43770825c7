"""Choose one gazetteer entry per toponym, by the article's other places and countries and by population.

Two passes: names with a single reading ("Pyongyang", "Russia") set the context; ambiguous names
("Georgia", "Paris", "Washington") then score each reading:

    prior(feature) + log10(population) / 2 + preferred reading bonus
    + context: places of the same country (strong for states and cities), the country itself, neighbours
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from newsevents.model import Place
from newsevents.places.gazetteer import Entry, Gazetteer, fold, gazetteer

PRIOR = {"country": 3.0, "continent": 2.0, "region": 1.5, "area": 1.5, "water": 1.5, "city": 0.0}
UNKNOWN_POPULATION_SCORE = 1.5  # regions and states carry no population in our data
PREFERRED_BONUS = 2.0
SUBNATIONAL_CONTEXT = 3.5  # another city/region of that country in the article
COUNTRY_CONTEXT = 1.0  # the country itself named (or an actor of that country)
NEIGHBOUR_CONTEXT = 1.0
SMALL_TOWN = 100_000  # below this, a city needs another place of its country in the article


@dataclass
class Context:
    countries: Counter = field(default_factory=Counter)  # alpha-3 -> mentions of the country (or its actors)
    subnational: Counter = field(default_factory=Counter)  # alpha-3 -> mentions of its cities and regions


def _score(entry: Entry, gaz: Gazetteer, ctx: Context, preferred: str | None) -> float:
    score = PRIOR.get(entry.feature, 0.0)
    score += math.log10(entry.population) / 2 if entry.population > 0 else UNKNOWN_POPULATION_SCORE
    if preferred == entry.key:
        score += PREFERRED_BONUS
    if entry.country:
        score += SUBNATIONAL_CONTEXT * min(ctx.subnational[entry.country], 2)
        if entry.feature != "country":
            score += (
                COUNTRY_CONTEXT
                * min(ctx.countries[entry.country], 2)
                * (0.5 if entry.feature == "region" else 1)
            )
        else:
            near = gaz.neighbours.get(entry.country, set())
            score += NEIGHBOUR_CONTEXT * min(sum(ctx.countries[n] + ctx.subnational[n] for n in near), 3)
    return score


def _region_of(span: Span, gaz: Gazetteer) -> list[Entry]:
    """ "Kherson region" not in our data: the city's name, coordinates and country, as a region."""
    name_part = span[:-1].text
    regions = [e for e in gaz.lookup(name_part) if e.feature == "region"]
    if regions:  # "New York State", "Washington state": the state itself
        return regions
    out = []
    for entry in gaz.lookup(name_part):
        if entry.feature in ("city", "region"):
            out.append(
                Entry(f"{entry.name} {span[-1].text}", None, entry.country, entry.lat, entry.lon, "region",
                      entry.population, f"derived:{entry.key}")
            )  # fmt: skip
    return out


def candidates(span: Span, gaz: Gazetteer) -> list[Entry]:
    found = gaz.lookup(span.text)
    if not found and len(span) > 1:
        found = _region_of(span, gaz)
    return found


def resolve(doc: Doc, spans: list[Span]) -> list[Place]:
    gaz = gazetteer()
    readings = [candidates(span, gaz) for span in spans]
    ctx = Context()
    single = [entries[0] for entries in readings if len(entries) == 1]
    for entries in readings:
        if len(entries) == 1 and entries[0].country:
            entry = entries[0]
            (ctx.countries if entry.feature == "country" else ctx.subnational)[entry.country] += 1
    for actor in doc._.newsevents_actors or []:
        country = getattr(actor, "country", None)
        if country and actor.kind in ("state", "person", "organization"):
            ctx.countries[country] += 1
    places: list[Place] = []
    for span, entries in zip(spans, readings, strict=True):
        if not entries:
            continue
        if len(entries) == 1:
            best = entries[0]
        else:
            preferred = gaz.preferred.get(fold(span.text))
            best = max(entries, key=lambda e: _score(e, gaz, ctx, preferred))
        if best.feature == "city" and best.population < SMALL_TOWN and best.country:
            # A small town nothing else in the article points to is more likely a misread name
            # ("Palin", "Obama", "Xinhua") than a place.
            others = {e.key for e in single if e.country == best.country and e.key != best.key}
            if not ctx.countries[best.country] and not others:
                continue
        places.append(
            Place(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                name=best.name,
                geonameid=best.geonameid,
                country=best.country,
                lat=round(best.lat, 5) if best.lat is not None else None,
                lon=round(best.lon, 5) if best.lon is not None else None,
                feature=best.feature,
            )
        )
    return places


def geocode(name: str, context: list[Place] | None = None) -> Place | None:
    """One name outside running text (a dateline's "NAIROBI, Kenya"), scored against known places."""
    gaz = gazetteer()
    parts = [p.strip() for p in name.split(",") if p.strip()]
    if not parts:
        return None
    ctx = Context()
    for place in context or []:
        if place.country:
            (ctx.countries if place.feature == "country" else ctx.subnational)[place.country] += 1
    head = parts[0].title() if parts[0].isupper() else parts[0]
    entries = gaz.lookup(head)
    for qualifier in parts[1:]:  # "Paris, Texas": the qualifier's country decides
        for q in gaz.lookup(qualifier):
            if q.country:
                ctx.subnational[q.country] += 2
    if not entries:
        return None
    best = max(entries, key=lambda e: _score(e, gaz, ctx, gaz.preferred.get(fold(head))))
    return Place(0, 0, name, best.name, best.geonameid, best.country, best.lat, best.lon, best.feature)
