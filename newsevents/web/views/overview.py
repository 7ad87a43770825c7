"""Overview: counts, top actors and event types, events per week by quad class, latest articles."""

from __future__ import annotations

from typing import Any

from newsevents.web.codes import cameo_roots
from newsevents.web.db import ReadOnlyStore
from newsevents.web.filters import EVENT_DATE, FROM_EVENTS
from newsevents.web.highlight import QUAD_NAMES


def counts(store: ReadOnlyStore) -> dict[str, int]:
    out: dict[str, int] = {}
    for table in ("articles", "events", "actors", "quotes", "failures"):
        if store.has(table):
            out[table] = int(store.scalar(f'SELECT count(*) FROM "{table}"') or 0)  # names: fixed tuple
    if store.has("actors", "code"):
        out["actor_codes"] = int(store.scalar("SELECT count(DISTINCT code) FROM actors") or 0)
    return out


def top_actors(store: ReadOnlyStore, limit: int = 15) -> list[dict[str, Any]]:
    """Actors by number of events they take part in (as source or target), keyed by code, else name."""
    return store.rows(
        """
        WITH sides AS (
            SELECT source_code AS code, source_name AS name, cameo_quad_class AS quad FROM events
            WHERE source_code IS NOT NULL OR source_name IS NOT NULL
            UNION ALL
            SELECT target_code, target_name, cameo_quad_class FROM events
            WHERE target_code IS NOT NULL OR target_name IS NOT NULL
        )
        SELECT coalesce(code, name) AS key, any_value(code) AS code, mode(name) AS name,
               count(*) AS n,
               count(*) FILTER (WHERE quad IN (1, 2)) AS coop,
               count(*) FILTER (WHERE quad IN (3, 4)) AS conflict
        FROM sides GROUP BY 1 ORDER BY n DESC, key LIMIT ?
        """,
        [limit],
    )


def top_types(store: ReadOnlyStore, limit: int = 12) -> list[dict[str, Any]]:
    rows = store.rows(
        """
        SELECT cameo_root AS root, mode(cameo_name) AS example, mode(plover_type) AS plover, count(*) AS n
        FROM events GROUP BY 1 ORDER BY n DESC, root LIMIT ?
        """,
        [limit],
    )
    names = cameo_roots()
    for r in rows:
        r["root_name"] = names.get(r["root"] or "", "")
    return rows


def weekly(store: ReadOnlyStore) -> dict[str, Any]:
    """Events per week (Monday) by quad class, as chart series."""
    rows = store.rows(
        f"""
        SELECT date_trunc('week', {EVENT_DATE})::DATE AS week, e.cameo_quad_class AS quad, count(*) AS n
        {FROM_EVENTS}
        WHERE {EVENT_DATE} IS NOT NULL GROUP BY 1, 2 ORDER BY 1
        """
    )
    weeks = sorted({r["week"] for r in rows})
    index = {w: i for i, w in enumerate(weeks)}
    series = {q: [0] * len(weeks) for q in (1, 2, 3, 4)}
    for r in rows:
        if r["quad"] in series:
            series[r["quad"]][index[r["week"]]] += r["n"]
    return {
        "labels": [w.isoformat() for w in weeks],
        "series": [{"quad": q, "name": QUAD_NAMES[q], "data": series[q]} for q in (1, 2, 3, 4)],
    }


def latest_articles(store: ReadOnlyStore, limit: int = 10) -> list[dict[str, Any]]:
    return store.rows(
        "SELECT id, title, source, published, n_events FROM articles "
        "ORDER BY published DESC NULLS LAST, n_events DESC, id LIMIT ?",
        [limit],
    )


def context(store: ReadOnlyStore) -> dict[str, Any]:
    if not store.has("events"):
        return {"counts": counts(store), "empty": True}
    return {
        "counts": counts(store),
        "actors": top_actors(store),
        "types": top_types(store),
        "weekly": weekly(store),
        "articles": latest_articles(store),
        "empty": False,
    }
