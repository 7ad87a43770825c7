"""Canonical keys for linking: who (actor keys), what (type groups), when (date intervals), where.

Two events can report the same happening only if their keys are compatible; the keys are pure functions
of one event, so any two processes compute the same ones (that is what makes linking order-independent).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from newsevents.link.config import config
from newsevents.resources import load_data

_HONORIFICS = re.compile(r"^(the|mr|mrs|ms|dr|president|prime minister|minister|gen|general)\.?\s+")
_SPACE = re.compile(r"[^\w]+")


def normalize_name(name: str | None) -> str:
    """'Mr Putin' -> 'putin'; accents and punctuation dropped so outlets' spellings meet."""
    if not name:
        return ""
    return _normalize(name)


@lru_cache(maxsize=1 << 16)
def _normalize(name: str) -> str:
    # Cached: the same actor names and count units recur in every article of a run.
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()
    for _ in range(2):
        text = _HONORIFICS.sub("", text)
    text = text.removesuffix("'s").removesuffix("’s")
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _bare_sectors() -> frozenset[str]:
    """Sector codes (GOV, MIL, MED...): with no country they say what, not who."""
    try:
        return frozenset(load_data("actors", "agents.yaml").get("sectors", {}))
    except (FileNotFoundError, AttributeError):
        return frozenset()


@lru_cache(maxsize=1 << 16)
def actor_key(code: str | None, country: str | None, name: str | None) -> str:
    """The canonical actor: the country for state actors and their people ('Putin' and 'Russia' both
    RUS, as GDELT's Actor1CountryCode), the code when it has no country (IGOs: 'IGOUNO'), else the name.
    A bare sector code ('GOV' for "an airline spokesman") is no identity: the name is used instead."""
    if country:
        return country.upper()
    if code and code.upper() not in _bare_sectors():
        return code.upper()
    norm = normalize_name(name)
    return f"~{norm}" if norm else ""


def type_group(cameo_root: str | None, plover_type: str | None) -> str:
    """The kind of happening: CAMEO roots grouped (18/19/20 -> force), PLOVER types onto the same groups."""
    cfg = config()
    if cameo_root:
        root = cameo_root[:2]
        return cfg.root_group.get(root, root)
    if plover_type:
        return cfg.plover_group.get(plover_type.upper(), plover_type.upper())
    return "?"


# --- article context (story linking, story.py) -----------------------------------------------------

_NUM = re.compile(r"(\d+)")


@lru_cache(maxsize=1 << 16)
def story_key(code: str | None, name: str | None, kind: str | None) -> tuple[str, float]:
    """One actor's key and weight in an article's context; ("", 0) for actors that say nothing."""
    weights = config().story_weights
    if kind == "media":  # the outlet is not what the story is about
        return "", 0.0
    code = (code or "").upper()
    if code in _bare_sectors():  # "police", "the government": generic, in every other story
        return "", 0.0
    if len(code) > 3:
        return code, weights["code"]
    if len(code) == 3:
        return code, weights["country"]
    norm = normalize_name(name)
    return (f"~{norm}", weights["name"]) if norm else ("", 0.0)


@lru_cache(maxsize=1 << 12)
def _id_order(actor_id: str) -> tuple:
    """'A2' before 'A10': actor ids number actors in order of first mention."""
    return tuple(int(p) if p.isdigit() else p for p in _NUM.split(actor_id))


def article_context(
    actors: Iterable[tuple[str, str | None, str | None, str | None, int]],
) -> tuple[tuple[str, float], ...]:
    """The context of one article from its actors as (id, code, name, kind, number of mentions): the
    ``story_top_actors`` most-mentioned ones (first mentioned first among equals) that say something."""
    top = config().story_top_actors
    ranked = sorted(actors, key=lambda a: (-a[4], _id_order(a[0])))
    keys: dict[str, float] = {}
    for _, code, name, kind, _ in ranked:
        key, weight = story_key(code, name, kind)
        if key and weight > 0 and key not in keys:
            keys[key] = weight
            if len(keys) >= top:
                break
    return tuple(keys.items())


# --- dates --------------------------------------------------------------------------------------------

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)$")
_DECADE = re.compile(r"^(\d{3})X$|^(\d{3})0s$")
_CENTURY = re.compile(r"^(\d{2})XX$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@lru_cache(maxsize=1 << 16)
def date_interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The days an ISO 8601 value (as written by the temporal stage) covers; None if not a calendar span."""
    if not value:
        return None
    value = value.strip()
    try:
        if "/" in value:  # a range: from the start of the first to the end of the second
            a, b = (date_interval(v) for v in value.split("/", 1))
            return (a[0], b[1]) if a and b else a or b
        if m := _DAY.match(value):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), _month_end(y, mo)
        if m := _YEAR.match(value):
            y = int(m[1])
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if m := _WEEK.match(value):
            lo = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return lo, lo + dt.timedelta(days=6)
        if m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            return dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if m := _SEASON.match(value):
            y = int(m[1])
            first, last = _SEASON_MONTHS[m[2]]
            end = _month_end(y + 1, last - 12) if last > 12 else _month_end(y, last)
            return dt.date(y, first, 1), end
        if m := _DECADE.match(value):
            y = int(m[1] or m[2]) * 10
            return dt.date(y, 1, 1), dt.date(y + 9, 12, 31)
        if m := _CENTURY.match(value):
            y = int(m[1]) * 100
            return dt.date(y, 1, 1), dt.date(y + 99, 12, 31)
    except ValueError:
        return None
    return None


# Calendar levels a date can be compared at, coarsest first.
LEVELS = ("year", "month", "day")
_LEVEL_OF = {"time": "day", "day": "day", "week": None, "month": "month", "year": "year"}


def date_level(granularity: str | None) -> str | None:
    """The calendar level (year, month, day) a granularity states exactly; None for weeks, seasons..."""
    return _LEVEL_OF.get(granularity or "")


def truncate(value: str | None, level: str) -> str | None:
    """'2022-02-24' at 'month' -> '2022-02'."""
    if not value:
        return None
    n = {"year": 4, "month": 7, "day": 10}[level]
    return value[:n] if len(value) >= n and value[:4].isdigit() else None


def coarser(a: str, b: str) -> str:
    return a if LEVELS.index(a) <= LEVELS.index(b) else b


# --- places -------------------------------------------------------------------------------------------


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))
