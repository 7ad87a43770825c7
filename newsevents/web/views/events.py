"""Events: the filterable, sortable, paginated table; its CSV download; its JSON API."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from newsevents.web.codes import cameo_roots
from newsevents.web.db import ReadOnlyStore
from newsevents.web.filters import EVENT_DATE, FROM_EVENTS, EventFilter

# What a table row needs (the rest is on the article page).
ROW_COLUMNS = f"""
    e.article_id, e.id, {EVENT_DATE} AS event_date, e.date_value, e.date_granularity,
    e.source_name, e.source_code, e.source_country, e.target_name, e.target_code, e.target_country,
    e.cameo_code, e.cameo_name, e.cameo_root, e.cameo_quad_class, e.cameo_goldstein, e.plover_type,
    e.location_name, e.location_country, e.modality, e.negated, e.trigger_text, e.sentence_text,
    a.title, a.source AS outlet, a.published
"""
# The CSV carries every coded field plus where to find the evidence.
CSV_COLUMNS = [
    "article_id", "id", "event_date", "date_value", "date_granularity", "date_basis", "source", "source_name",
    "source_code", "source_country", "target", "target_name", "target_code", "target_country", "cameo_code",
    "cameo_root", "cameo_name", "cameo_goldstein", "cameo_quad_class", "plover_type", "plover_mode",
    "location_name", "location_country", "location_lat", "location_lon", "modality", "negated",
    "trigger_text", "trigger_start", "trigger_end", "sentence_start", "sentence_end", "sentence_text",
    "cluster_id", "title", "outlet", "url", "published",
]  # fmt: skip
CSV_LIMIT = 1_000_000


def page(store: ReadOnlyStore, f: EventFilter) -> dict[str, Any]:
    where, params = f.where()
    total = int(store.scalar(f"SELECT count(*) {FROM_EVENTS} {where}", params) or 0)
    pages = max(1, -(-total // f.per_page))
    f.page = min(f.page, pages)
    rows = store.rows(
        f"SELECT {ROW_COLUMNS} {FROM_EVENTS} {where} {f.order_by()} LIMIT ? OFFSET ?",
        [*params, f.per_page, (f.page - 1) * f.per_page],
    )
    return {"rows": rows, "total": total, "pages": pages, "filter": f}


def choices(store: ReadOnlyStore) -> dict[str, Any]:
    """Values for the filter form's lists (small: distinct codes, not rows), computed once."""
    return store.memo("choices", lambda: _choices(store))


def _choices(store: ReadOnlyStore) -> dict[str, Any]:
    plover = [
        r["t"]
        for r in store.rows(
            "SELECT DISTINCT plover_type AS t FROM events WHERE plover_type IS NOT NULL ORDER BY 1"
        )
    ]
    sources = [
        r["s"]
        for r in store.rows(
            "SELECT source AS s, count(*) AS n FROM articles WHERE source IS NOT NULL "
            "GROUP BY 1 ORDER BY n DESC, 1 LIMIT 200"
        )
    ]
    roots = cameo_roots() or {
        r["r"]: ""
        for r in store.rows(
            "SELECT DISTINCT cameo_root AS r FROM events WHERE cameo_root IS NOT NULL ORDER BY 1"
        )
    }
    return {"plover": plover, "sources": sources, "roots": roots}


def csv_chunks(store: ReadOnlyStore, f: EventFilter) -> Iterator[str]:
    """The whole filtered table (not one page) as CSV, streamed."""
    where, params = f.where()
    cols = ", ".join(
        f"{EVENT_DATE} AS event_date"
        if c == "event_date"
        else "a.source AS outlet"
        if c == "outlet"
        else f"a.{c}"
        if c in ("title", "url")
        else f"e.{c}"
        for c in CSV_COLUMNS
    )
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    with store.cursor() as cur:
        cur.execute(f"SELECT {cols} {FROM_EVENTS} {where} {f.order_by()} LIMIT ?", [*params, CSV_LIMIT])
        while batch := cur.fetchmany(2000):
            writer.writerows(batch)
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    if buf.getvalue():
        yield buf.getvalue()


def api(store: ReadOnlyStore, f: EventFilter) -> dict[str, Any]:
    data = page(store, f)
    return {
        "total": data["total"],
        "page": f.page,
        "pages": data["pages"],
        "per_page": f.per_page,
        "problems": f.problems,
        "events": [
            {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()} for r in data["rows"]
        ],
    }
