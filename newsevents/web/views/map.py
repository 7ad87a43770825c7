"""Map: geocoded events, grouped by place, over the bundled Natural Earth country outlines."""

from __future__ import annotations

from typing import Any

from newsevents.web.db import ReadOnlyStore
from newsevents.web.filters import FROM_EVENTS, EventFilter

MAX_POINTS = 5000


def points(store: ReadOnlyStore, f: EventFilter) -> dict[str, Any]:
    where, params = f.where()
    geo = "e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL"
    where = f"{where} AND {geo}" if where else f"WHERE {geo}"
    rows = store.rows(
        f"""
        SELECT round(e.location_lat, 2) AS lat, round(e.location_lon, 2) AS lon,
               mode(e.location_name) AS name, mode(e.location_country) AS country, count(*) AS n,
               count(*) FILTER (WHERE e.cameo_quad_class = 1) AS q1,
               count(*) FILTER (WHERE e.cameo_quad_class = 2) AS q2,
               count(*) FILTER (WHERE e.cameo_quad_class = 3) AS q3,
               count(*) FILTER (WHERE e.cameo_quad_class = 4) AS q4
        {FROM_EVENTS} {where} GROUP BY 1, 2 ORDER BY n DESC LIMIT ?
        """,
        [*params, MAX_POINTS],
    )
    total = int(store.scalar(f"SELECT count(*) {FROM_EVENTS} {f.where()[0]}", f.where()[1]) or 0)
    return {"points": rows, "geocoded": sum(r["n"] for r in rows), "total": total}
