"""Coding: CAMEO-style codes (country + agent) for dictionary entries, as of the article's date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newsevents.actors.dictionary import MEMO_SIZE, Dictionary, Entry, Role

# Codes that start with one of these are not a country's (IGOUNO, NGOICRC, IMGREB...).
NON_STATE_PREFIXES = ("IGO", "NGO", "IMG", "MNC")
SECTORS = frozenset(
    [
        "GOV",
        "MIL",
        "LEG",
        "JUD",
        "COP",
        "SPY",
        "OPP",
        "REB",
        "MED",
        "BUS",
        "CVL",
        "REF",
        "EDU",
        "HLH",
        "LAB",
        "REL",
        "PTY",
        "ELI",
        "UAF",
        "AGR",
        "ENV",
        "HRI",
        "MOD",
        "RAD",
        "DEV",
        "CRM",
    ]
)


@dataclass(frozen=True, slots=True)
class Coding:
    code: str | None
    country: str | None
    sector: str | None
    basis: str
    role: Role | None = None


def split_code(code: str | None, d: Dictionary) -> tuple[str | None, str | None]:
    """RUSGOV -> (RUS, GOV); IGOUNOGOV -> (None, GOV); IGOUNO -> (None, IGO)."""
    if not code:
        return None, None
    head, rest = code[:3], code[3:]
    if head in d.countries:
        return head, (rest[:3] or None)
    if head in NON_STATE_PREFIXES:
        return None, (rest[-3:] if rest[-3:] in SECTORS else head)
    return None, (rest[:3] or None)


def role_at(entry: Entry, day: dt.date | None) -> tuple[Role | None, str]:
    """The role held on `day` (the latest begun if several), and how it was chosen."""
    if not entry.roles:
        return None, ""
    if day is None:
        role = max(entry.roles, key=lambda r: r.start or dt.date.min)
        return role, "no publication date: most recent role"
    held = [r for r in entry.roles if r.holds(day)]
    if held:
        return max(held, key=lambda r: r.start or dt.date.min), f"role held on {day.isoformat()}"
    return None, f"no role held on {day.isoformat()}"


def code_entry(entry: Entry, day: dt.date | None, d: Dictionary) -> Coding:
    """The entry's coding on `day`, remembered on the Dictionary: the same countries and people come
    back in every article of a day (a Coding is frozen, so sharing one is safe)."""
    key = (entry.id, day)
    coding = d.codings.get(key)
    if coding is None or coding[0] is not entry:
        if len(d.codings) >= MEMO_SIZE:
            d.codings.clear()
        coding = d.codings[key] = (entry, _code_entry(entry, day, d))
    return coding[1]


def _code_entry(entry: Entry, day: dt.date | None, d: Dictionary) -> Coding:
    where = f"dictionary ({entry.origin}): {entry.name}"
    role, how = role_at(entry, day)
    if role is not None:
        country, sector = split_code(role.code, d)
        title = f" {role.title}" if role.title else ""
        span = f"{role.start or '?'}..{role.end or ''}"
        # A UN or NATO office: the person acts for the organisation, not for their country.
        country = None if role.code[:3] in NON_STATE_PREFIXES else country or entry.country
        return Coding(role.code, country, sector, f"{where},{title} {span}; {how}", role)
    if entry.roles:
        # Former or future office holders are elites of their country (CAMEO ELI), not its government.
        if entry.code:  # an imported entry's undated code applies outside its dated roles
            country, sector = split_code(entry.code, d)
            return Coding(entry.code, country or entry.country, sector, f"{where}; {how}: undated code")
        code = f"{entry.country}ELI" if entry.country else None
        return Coding(code, entry.country, "ELI" if code else None, f"{where}; {how}")
    if entry.kind == "state" and entry.code in d.successors:
        code = d.state_on(entry.code, day)
        if code != entry.code:
            since = d.successors[entry.code][0].isoformat()
            return Coding(code, code, None, f"{where}; named for its successor {code} from {since}")
    country, sector = split_code(entry.code, d)
    return Coding(entry.code, country or entry.country, sector, where)


def compose(country: str | None, sector: str | None) -> str | None:
    if country and sector:
        return f"{country}{sector}"
    return country or (sector if sector else None)
