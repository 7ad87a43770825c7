"""Actor: events over time (cooperation vs conflict) and the network of counterparts.

An actor is keyed by its CAMEO code, or by its name when it has no code (as on the Overview).
"""

from __future__ import annotations

from typing import Any

from newsevents.web.db import ReadOnlyStore
from newsevents.web.filters import EVENT_DATE, FROM_EVENTS
from newsevents.web.highlight import QUAD_NAMES
from newsevents.web.views.overview import steps, window

SRC = "coalesce(e.source_code, e.source_name)"
TGT = "coalesce(e.target_code, e.target_name)"
MAX_COUNTERPARTS = 25


def context(store: ReadOnlyStore, key: str) -> dict[str, Any] | None:
    info = store.one(
        f"""
        SELECT count(*) AS n,
               mode(CASE WHEN {SRC} = ? THEN e.source_name ELSE e.target_name END) AS name,
               mode(CASE WHEN {SRC} = ? THEN e.source_code ELSE e.target_code END) AS code,
               mode(CASE WHEN {SRC} = ? THEN e.source_country ELSE e.target_country END) AS country,
               count(*) FILTER (WHERE {SRC} = ?) AS as_source,
               count(*) FILTER (WHERE {TGT} = ?) AS as_target,
               min({EVENT_DATE}) AS first, max({EVENT_DATE}) AS last
        {FROM_EVENTS} WHERE {SRC} = ? OR {TGT} = ?
        """,
        [key] * 7,
    )
    if not info or not info["n"]:
        return None
    return {
        "key": key,
        "info": info,
        "timeline": timeline(store, key, info),
        "network": network(store, key, info),
        "names": store.rows(
            f"""
            SELECT CASE WHEN {SRC} = ? THEN e.source_name ELSE e.target_name END AS name, count(*) AS n
            {FROM_EVENTS} WHERE {SRC} = ? OR {TGT} = ? GROUP BY 1 HAVING name IS NOT NULL
            ORDER BY n DESC, name LIMIT 8
            """,
            [key, key, key],
        ),
        "types": store.rows(
            f"""
            SELECT e.cameo_code, mode(e.cameo_name) AS name, count(*) AS n
            {FROM_EVENTS} WHERE {SRC} = ? OR {TGT} = ? GROUP BY 1 ORDER BY n DESC, 1 LIMIT 10
            """,
            [key, key],
        ),
    }


def timeline(store: ReadOnlyStore, key: str, info: dict[str, Any]) -> dict[str, Any]:
    """Cooperation (quad 1-2) and conflict (quad 3-4) events per week, or per month over long spans,
    within the corpus' window (``overview.window``)."""
    span = window(store)
    if span is None:
        return {"unit": "week", "labels": [], "coop": [], "conflict": [], "goldstein": [], "outside": 0}
    lo, hi = max(span[0], info["first"] or span[0]), min(span[1], info["last"] or span[1])
    unit = "month" if (hi - lo).days > 200 else "week"
    rows = store.rows(
        f"""
        SELECT date_trunc('{unit}', {EVENT_DATE})::DATE AS t,
               count(*) FILTER (WHERE e.cameo_quad_class IN (1, 2)) AS coop,
               count(*) FILTER (WHERE e.cameo_quad_class IN (3, 4)) AS conflict,
               avg(e.cameo_goldstein) AS goldstein
        {FROM_EVENTS} WHERE ({SRC} = ? OR {TGT} = ?) AND {EVENT_DATE} BETWEEN ? AND ?
        GROUP BY 1 ORDER BY 1
        """,
        [key, key, *span],
    )
    by_t = {r["t"]: r for r in rows}
    ticks = steps(rows[0]["t"], rows[-1]["t"], unit) if rows else []
    blank = {"coop": 0, "conflict": 0, "goldstein": None}
    inside = sum(r["coop"] + r["conflict"] for r in rows)
    return {
        "unit": unit,
        "labels": [t.isoformat() for t in ticks],
        "coop": [by_t.get(t, blank)["coop"] for t in ticks],
        "conflict": [by_t.get(t, blank)["conflict"] for t in ticks],
        "goldstein": [
            None if by_t.get(t, blank)["goldstein"] is None else round(by_t[t]["goldstein"], 2) for t in ticks
        ],
        "outside": int(info["n"]) - inside,
    }


def network(store: ReadOnlyStore, key: str, info: dict[str, Any]) -> dict[str, Any]:
    """Counterparts as nodes (sized by events shared), one edge per quad class (width = count)."""
    rows = store.rows(
        f"""
        WITH links AS (
            SELECT CASE WHEN {SRC} = ? THEN {TGT} ELSE {SRC} END AS other,
                   CASE WHEN {SRC} = ? THEN e.target_name ELSE e.source_name END AS other_name,
                   e.cameo_quad_class AS quad
            {FROM_EVENTS} WHERE {SRC} = ? OR {TGT} = ?
        ), top AS (
            SELECT other, count(*) AS n FROM links WHERE other IS NOT NULL AND other <> ?
            GROUP BY 1 ORDER BY n DESC, other LIMIT {MAX_COUNTERPARTS}
        )
        SELECT l.other, mode(l.other_name) AS name, l.quad, count(*) AS n, any_value(t.n) AS total
        FROM links l JOIN top t ON t.other = l.other GROUP BY l.other, l.quad ORDER BY total DESC, l.other
        """,
        [key] * 5,
    )
    nodes: dict[str, dict[str, Any]] = {
        key: {"id": key, "label": info.get("name") or key, "n": info["n"], "self": True}
    }
    edges = []
    for r in rows:
        nodes.setdefault(
            r["other"],
            {"id": r["other"], "label": _label(r["name"], r["other"]), "n": r["total"], "self": False},
        )
        if r["quad"] in QUAD_NAMES:
            edges.append(
                {
                    "source": key,
                    "target": r["other"],
                    "quad": r["quad"],
                    "n": r["n"],
                    "name": QUAD_NAMES[r["quad"]],
                }
            )
    return {"nodes": list(nodes.values()), "edges": edges}


def _label(name: str | None, key: str) -> str:
    return f"{name} ({key})" if name and name != key else key
