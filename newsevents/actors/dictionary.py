"""The actor dictionary: countries, organisations, media and people, loaded from data files.

Built-in data lives in ``newsevents/data/actors/``; user dictionaries (``--dict``, NEWSEVENTS_DICT) are
YAML files in the same format, loaded on top (a later entry with the same name replaces an earlier one).
The dictionary is plain data: the ruler turns its patterns into a PhraseMatcher, the coder reads roles.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.strings import StringStore

from newsevents.errors import DictionaryError
from newsevents.resources import load_data

# ner labels given to dictionary matches, by entry kind: the statistical NER keeps them.
LABELS = {
    "person": "PERSON",
    "state": "GPE",
    "organization": "ORG",
    "media": "ORG",
    "group": "ORG",
    "location": "GPE",
    "region": "LOC",
    "religion": "NORP",
    "ethnic": "NORP",
    "unknown": "ORG",
}


@dataclass(frozen=True, slots=True)
class Role:
    """An office held between two dates (end exclusive, None = open)."""

    code: str
    title: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def holds(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(slots=True)
class Entry:
    id: str
    name: str
    kind: str = "unknown"
    code: str | None = None
    country: str | None = None
    wikidata: str | None = None
    roles: tuple[Role, ...] = ()
    surname: str | None = None
    media_kind: str | None = None
    origin: str = "built-in"
    gender: str | None = None  # "f"/"m" where the data says, for he/she


@dataclass(frozen=True, slots=True)
class Pattern:
    """A string that names an entry. mention: name, adjective, metonym (a capital) or seat (a building)."""

    text: str
    entry: str
    mention: str = "name"


# Most words a per-hash memo of the Dictionary keeps (each entry is ~100 bytes).
MEMO_SIZE = 50_000


@dataclass(slots=True)
class Dictionary:
    entries: dict[str, Entry] = field(default_factory=dict)
    patterns: dict[str, Pattern] = field(default_factory=dict)  # text -> pattern (last one wins)
    sectors: dict[str, str] = field(default_factory=dict)  # agent phrase -> sector
    titles: dict[str, dict[str, str]] = field(default_factory=dict)
    heads_of: frozenset[str] = frozenset()
    bare: frozenset[str] = frozenset()  # agent phrases that are actors without a country ("police")
    not_current: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    groups: dict[str, str] = field(default_factory=dict)
    countries: dict[str, Entry] = field(default_factory=dict)  # alpha-3 -> state entry
    # A state that ceased to exist under a name its successor kept: alpha-3 -> (from, successor).
    successors: dict[str, tuple[dt.date, str]] = field(default_factory=dict)
    homes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # ethnic group id -> where it lives
    polities: frozenset[str] = frozenset()  # "states", "nations", "powers": a region or faith's states
    motion: frozenset[str] = frozenset()  # "flew to", "trip to": the object of "to" is a destination
    visiting: frozenset[str] = frozenset()  # "visited Moscow": the object is a destination
    metonyms: dict[str, Entry] = field(default_factory=dict)  # alpha-3 -> government entry

    def add(self, entry: Entry, names: Iterable[str], mention: str = "name") -> None:
        self.entries[entry.id] = entry
        for name in names:
            name = name.strip()
            if name:
                self.patterns[name] = Pattern(name, entry.id, mention)

    # Built on first use (after every file is loaded), then reused for every document.
    _surnames: dict[str, list[Entry]] | None = None
    _offices: dict[str, list[Entry]] | None = None
    _agent_endings: frozenset[str] | None = None
    _ending_forms: dict[int, bool] = field(default_factory=dict)  # string hash -> may_end_agent
    _not_current_forms: dict[int, bool] = field(default_factory=dict)  # string hash -> is_not_current
    # (entry id, day) -> (the entry, coding.code_entry's Coding for it on that day)
    codings: dict[tuple[str, dt.date | None], tuple[Entry, Any]] = field(default_factory=dict)

    def state_on(self, code: str | None, day: dt.date | None) -> str | None:
        """The state a country code names on `day`: "Yugoslavia" in 2000 is SRB, in 1985 YUG."""
        succ = self.successors.get(code or "")
        if succ is None or day is None or day < succ[0]:
            return code
        return succ[1]

    def by_surname(self) -> dict[str, list[Entry]]:
        if self._surnames is None:
            self._surnames = _surname_index(self)
        return self._surnames

    def agent_endings(self) -> frozenset[str]:
        """The last word of every agent and title key: a noun whose forms end none of them names no agent."""
        if self._agent_endings is None:
            self._agent_endings = frozenset(last_key_word(k) for k in (*self.titles, *self.sectors))
        return self._agent_endings

    def may_end_agent(self, form: int, strings: StringStore) -> bool:
        """Whether the word with string hash `form` could be the last word of an agent or title key.

        Remembered by hash: the check runs for every noun of every article and the vocabulary repeats.
        Forgotten past MEMO_SIZE words, as the other memos, so a long corpus run does not grow it without end.
        """
        known = self._ending_forms.get(form)
        if known is None:
            if len(self._ending_forms) >= MEMO_SIZE:
                self._ending_forms.clear()
            known = self._ending_forms[form] = last_key_word(strings[form]) in self.agent_endings()
        return known

    def agent_nouns(
        self, nouns: list[int], lowers: list[int], lemmas: list[int], strings: StringStore
    ) -> list[int]:
        """The nouns (token indices, with their lower-case and lemma hashes) whose form or lemma may_end_agent:
        one loop over the doc's nouns with the memo at hand instead of two method calls per noun."""
        memo = self._ending_forms
        out = []
        for i, lower, lemma in zip(nouns, lowers, lemmas, strict=True):
            known = memo.get(lower)
            if known is None:
                known = self.may_end_agent(lower, strings)
            if not known:
                known = memo.get(lemma)
                if known is None:
                    known = self.may_end_agent(lemma, strings)
            if known:
                out.append(i)
        return out

    def is_not_current(self, form: int, strings: StringStore) -> bool:
        """Whether the lower-case word with string hash `form` says an office is not held now ('former',
        'ex-'). Remembered by hash, forgotten past MEMO_SIZE words so the memo stays a few MB."""
        known = self._not_current_forms.get(form)
        if known is None:
            if len(self._not_current_forms) >= MEMO_SIZE:
                self._not_current_forms.clear()
            word = strings[form]
            known = word in self.not_current or word.rstrip("-") in self.not_current
            self._not_current_forms[form] = known
        return known

    def not_current_at(self, forms: list[int], strings: StringStore) -> list[int]:
        """The indices of `forms` (lower-case string hashes, a doc's words) that is_not_current says are."""
        memo = self._not_current_forms
        out = []
        for k, form in enumerate(forms):
            known = memo.get(form)
            if known is None:
                known = self.is_not_current(form, strings)
            if known:
                out.append(k)
        return out

    def office_holders(self, country: str) -> list[Entry]:
        """People who held any role coded for `country`."""
        if self._offices is None:
            self._offices = _office_index(self)
        return self._offices.get(country, [])


def _surname_index(d: Dictionary) -> dict[str, list[Entry]]:
    index: dict[str, list[Entry]] = {}
    for e in d.entries.values():
        if e.kind == "person":
            index.setdefault(e.surname or e.name.split()[-1], []).append(e)
    return index


def _office_index(d: Dictionary) -> dict[str, list[Entry]]:
    index: dict[str, list[Entry]] = {}
    for e in d.entries.values():
        for country in {r.code[:3] for r in e.roles if r.title}:
            index.setdefault(country, []).append(e)
    return index


def parse_date(value: Any) -> dt.date | None:
    """YAML gives dates; strings may be partial (2000, 2000-05)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parts = [int(p) for p in str(value).split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _roles(raw: Iterable[Any], country: str | None) -> tuple[Role, ...]:
    """Roles as mappings {title, code, start, end} or compact lists [title, start, end, code?]."""
    out = []
    for r in raw or ():
        if isinstance(r, dict):
            code = r.get("code") or (f"{country}GOV" if country else None)
            title, start, end = r.get("title"), r.get("start"), r.get("end")
        else:
            title, start, end, *rest = [*r, None, None][:4] if len(r) < 4 else r
            code = rest[0] if rest and rest[0] else (f"{country}GOV" if country else None)
        if code:
            out.append(Role(str(code), title, parse_date(start), parse_date(end)))
    return tuple(out)


@lru_cache(maxsize=1 << 16)  # called for every noun of every article; the vocabulary repeats
def _singular(word: str) -> str:
    # Agent phrases are looked up by lemma; keep data keys in the same (singular) form.
    if word.endswith("ss"):
        return word
    for suffix, repl in (
        ("ies", "y"),
        ("men", "man"),
        ("ces", "ce"),
        ("sses", "ss"),
        ("ses", "s"),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    return word


def agent_key(words: Iterable[str]) -> str:
    """Normalised lookup key for an agent or title phrase: lower case, last word singular."""
    ws = [w.lower() for w in words]
    if ws:
        ws[-1] = _singular(ws[-1])
    return " ".join(ws)


def last_key_word(form: str) -> str:
    """The last word of any agent key that ends with `form`: agent_key([..., form]) ends with it."""
    return agent_key([form]).rsplit(" ", 1)[-1]


def _load_countries(d: Dictionary, rows: list[dict[str, Any]], origin: str) -> None:
    for row in rows:
        code = row["code"]
        state = Entry(f"country:{code}", row["name"], "state", code, code, row.get("wikidata"), origin=origin)
        gov = Entry(
            f"government:{code}", f"{row['name']} government", "state", f"{code}GOV", code, origin=origin
        )
        d.countries[code] = state
        d.metonyms[code] = gov
        d.add(gov, row.get("capitals", []), "metonym")
        d.add(
            gov, row.get("seats", []), "seat"
        )  # buildings: "the Kremlin said"; "at the White House" is a place
        d.add(state, row.get("adjectives", []), "adjective")
        d.add(state, [row["name"], *row.get("names", [])], "name")
        if row.get("successor"):
            d.successors[code] = (parse_date(row["successor"]["from"]), row["successor"]["code"])


def _load_blocs(d: Dictionary, rows: list[dict[str, Any]], origin: str, kind: str) -> None:
    """Regions (AFR, WST), religions (SUN, CTH) and ethnic groups (no code): named by nouns and adjectives."""
    for row in rows or []:
        code = row.get("code")
        key = code or row["name"]
        entry = Entry(f"{kind}:{key}", row["name"], kind, code, None, row.get("wikidata"), origin=origin)
        d.add(entry, row.get("adjectives", []), "adjective")
        d.add(entry, [row["name"], *row.get("names", [])], "name")
        if row.get("lives_in"):
            d.homes[entry.id] = tuple(row["lives_in"])


def _load_generic(d: Dictionary, rows: list[dict[str, Any]], origin: str, default_kind: str) -> None:
    """People and organisations: {name, names, kind, code | roles, country, wikidata, surname}."""
    for row in rows or []:
        name = row["name"]
        code = row.get("code")
        kind = row.get("kind", default_kind)
        if kind == "unknown" and code in d.countries:
            kind = "state"  # an imported bare country code (PETRARCH "AFGHANISTAN_ [AFG]")
        country = row.get("country") or (code[:3] if code and code[:3] in d.countries else None)
        roles = _roles(row.get("roles"), country)
        if country is None:
            country = next((r.code[:3] for r in reversed(roles) if r.code[:3] in d.countries), None)
        entry = Entry(
            f"{kind}:{name}",
            name,
            kind,
            code,
            country,
            row.get("wikidata"),
            roles,
            row.get("surname"),
            origin=origin,
            gender=row.get("gender"),
        )
        d.add(entry, [name, *row.get("names", [])])


def _load_organizations(d: Dictionary, data: dict[str, Any], origin: str) -> None:
    for group, kind in (("igos", "organization"), ("ngos", "organization"), ("groups", "group")):
        _load_generic(d, data.get(group, []), origin, kind)
    _load_generic(d, data.get("institutions", []), origin, "organization")


def _load_media(d: Dictionary, data: dict[str, Any], origin: str) -> None:
    for country, kinds in (data or {}).items():
        for media_kind, outlets in kinds.items():
            for names in outlets:
                names = [names] if isinstance(names, str) else names
                entry = Entry(f"media:{names[0]}", names[0], "media", f"{country}MED", country, origin=origin)
                entry.media_kind = media_kind
                d.add(entry, names)


def _load_agents(d: Dictionary, data: dict[str, Any]) -> None:
    for sector, words in (data.get("sectors") or {}).items():
        for w in words:
            d.sectors[agent_key(str(w).split())] = sector
    for title, info in (data.get("titles") or {}).items():
        d.titles[agent_key(title.split())] = info
    d.heads_of = d.heads_of | frozenset(agent_key([w]) for w in data.get("heads_of", []))
    d.bare = d.bare | frozenset(agent_key(str(w).split()) for w in data.get("bare", []))
    d.not_current = d.not_current | frozenset(w.lower() for w in data.get("not_current", []))
    d.honorifics = d.honorifics | frozenset(data.get("honorifics", []))
    d.groups.update(data.get("groups") or {})
    d.polities = d.polities | frozenset(agent_key([w]) for w in data.get("polities", []))
    d.motion = d.motion | frozenset(data.get("motion", []))
    d.visiting = d.visiting | frozenset(data.get("visiting", []))


def load_into(d: Dictionary, data: dict[str, Any], origin: str) -> None:
    """Load one dictionary document (built-in parts or a user file) into d."""
    if data.get("countries"):
        _load_countries(d, data["countries"], origin)
    if data.get("regions"):
        _load_blocs(d, data["regions"], origin, "region")
    if data.get("religions"):
        _load_blocs(d, data["religions"], origin, "religion")
    if data.get("ethnic"):
        _load_blocs(d, data["ethnic"], origin, "ethnic")
    if data.get("organizations"):
        _load_organizations(d, data["organizations"], origin)
    if data.get("media"):
        _load_media(d, data["media"], origin)
    if data.get("people"):
        _load_generic(d, data["people"], origin, "person")
    if data.get("actors"):
        _load_generic(d, data["actors"], origin, "unknown")
    if data.get("agents"):
        _load_agents(d, data["agents"])


def builtin_documents() -> Iterator[dict[str, Any]]:
    yield {"countries": load_data("actors", "countries.yaml")}
    yield load_data("actors", "blocs.yaml")
    yield {"agents": load_data("actors", "agents.yaml")}
    yield {"organizations": load_data("actors", "organizations.yaml")}
    yield {"media": load_data("actors", "media.yaml")}
    yield {"people": load_data("actors", "people.yaml")}


def read_user_dictionary(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    try:
        # The C loader when PyYAML has it: an imported PETRARCH dictionary is megabytes of YAML.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(p.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    except OSError as exc:
        raise DictionaryError(f"cannot read the actor dictionary {p}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{p} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DictionaryError(
            f"{p}: an actor dictionary is a mapping with keys people, actors, organizations..."
        )
    return data


@cache
def load_dictionary(user_paths: tuple[str, ...] = ()) -> Dictionary:
    """The built-in dictionary plus user dictionaries, once per process per set of paths."""
    d = Dictionary()
    for doc in builtin_documents():
        load_into(d, doc, "built-in")
    for path in user_paths:
        load_into(d, read_user_dictionary(path), str(path))
    return d


_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
