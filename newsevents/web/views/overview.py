"""Overview: counts, top actors and event types, events per week by quad class, latest articles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from newsevents.web.codes import cameo_roots
from newsevents.web.db import ReadOnlyStore
from newsevents.web.filters import EVENT_DATE, FROM_EVENTS
from newsevents.web.highlight import QUAD_NAMES

HISTORY_DAYS = 92  # events dated up to a quarter before the first article still show
MAX_WEEKLY_DAYS = 2 * 366  # longer corpora are charted per month


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


def window(store: ReadOnlyStore) -> tuple[dt.date, dt.date] | None:
    """The dates a timeline shows: the publication span, opened HISTORY_DAYS earlier.

    Articles mention the past ("the 1953 armistice"); those events stay in the table but would stretch a
    weekly chart over decades, so the charts keep to the time the corpus reports on.
    """
    row = store.one("SELECT min(published) AS lo, max(published) AS hi FROM articles")
    if not row or row["lo"] is None:
        return None
    return row["lo"] - dt.timedelta(days=HISTORY_DAYS), row["hi"] + dt.timedelta(days=7)


def steps(first: dt.date, last: dt.date, unit: str) -> list[dt.date]:
    """Every week (Monday) or month (1st) from ``first`` to ``last``: gaps in the data show as zeros."""
    out = []
    t = first - dt.timedelta(days=first.weekday()) if unit == "week" else first.replace(day=1)
    while t <= last:
        out.append(t)
        t = (
            t + dt.timedelta(days=7)
            if unit == "week"
            else (t.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        )
    return out


def weekly(store: ReadOnlyStore) -> dict[str, Any]:
    """Events per week (Monday) by quad class over the corpus' window; per month when it spans years."""
    span = window(store)
    empty = {"labels": [], "series": [], "outside": 0, "unit": "week"}
    if span is None:
        return empty
    unit = "month" if (span[1] - span[0]).days > MAX_WEEKLY_DAYS else "week"
    rows = store.rows(
        f"""
        SELECT date_trunc('{unit}', {EVENT_DATE})::DATE AS t, e.cameo_quad_class AS quad, count(*) AS n
        {FROM_EVENTS}
        WHERE {EVENT_DATE} BETWEEN ? AND ? GROUP BY 1, 2 ORDER BY 1
        """,
        list(span),
    )
    outside = store.scalar(
        f"SELECT count(*) {FROM_EVENTS} WHERE {EVENT_DATE} NOT BETWEEN ? AND ?", list(span)
    )
    if not rows:
        return {**empty, "outside": int(outside or 0)}
    ticks = steps(rows[0]["t"], rows[-1]["t"], unit)
    index = {t: i for i, t in enumerate(ticks)}
    series = {q: [0] * len(ticks) for q in (1, 2, 3, 4)}
    for r in rows:
        if r["quad"] in series:
            series[r["quad"]][index[r["t"]]] += r["n"]
    return {
        "unit": unit,
        "labels": [t.isoformat() for t in ticks],
        "series": [{"quad": q, "name": QUAD_NAMES[q], "data": series[q]} for q in (1, 2, 3, 4)],
        "outside": int(outside or 0),
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
