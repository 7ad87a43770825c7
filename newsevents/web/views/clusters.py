"""Clusters: one happening with all its reports and any disagreements between them.

Clusters come from the link stage: ``event_clusters`` (one row per happening), ``disagreements`` and
``events.cluster_id``. Before linking has run, the page says so instead of failing.
"""

from __future__ import annotations

import json
from typing import Any

from newsevents.web.db import ReadOnlyStore
from newsevents.web.filters import EVENT_DATE, FROM_EVENTS

PER_PAGE = 50


def linked(store: ReadOnlyStore) -> bool:
    if not store.has("event_clusters", "cluster_id", "num_articles"):
        return False
    return bool(store.scalar("SELECT count(*) FROM event_clusters"))


def listing(store: ReadOnlyStore, page: int, min_articles: int = 2, q: str = "") -> dict[str, Any]:
    if not linked(store):
        return {"linked": False, "rows": [], "total": 0, "page": 1, "pages": 1}
    where = "WHERE c.num_articles >= ?"
    params: list[Any] = [min_articles]
    if q:
        where += (
            " AND (contains(lower(coalesce(c.source_name, '')), lower(?)) OR contains(lower(coalesce("
            "c.target_name, '')), lower(?)) OR contains(lower(coalesce(c.place_name, '')), lower(?)) "
            "OR upper(c.source_key) = upper(?) OR upper(c.target_key) = upper(?))"
        )
        params += [q] * 5
    total = int(store.scalar(f"SELECT count(*) FROM event_clusters c {where}", params) or 0)
    pages = max(1, -(-total // PER_PAGE))
    page = max(1, min(page, pages))
    has_d = store.has("disagreements", "cluster_id")
    disagreements = (
        "(SELECT count(*) FROM disagreements d WHERE d.cluster_id = c.cluster_id)" if has_d else "NULL"
    )
    rows = store.rows(
        f"""
        SELECT c.cluster_id, c.cameo_code, c.plover_type, c.source_name, c.source_key, c.target_name,
               c.target_key, c.place_name, c.place_country, c.date_value, c.first_reported, c.last_reported,
               c.num_mentions, c.num_articles, c.num_sources, c.representative_sentence,
               {disagreements} AS n_disagreements
        FROM event_clusters c {where}
        ORDER BY c.num_articles DESC, c.num_mentions DESC, c.cluster_id LIMIT ? OFFSET ?
        """,
        [*params, PER_PAGE, (page - 1) * PER_PAGE],
    )
    return {"linked": True, "rows": rows, "total": total, "page": page, "pages": pages}


def detail(store: ReadOnlyStore, cluster_id: str) -> dict[str, Any] | None:
    if not store.has("events", "cluster_id"):
        return None
    reports = store.rows(
        f"""
        SELECT e.article_id, e.id, {EVENT_DATE} AS event_date, e.date_value, e.source_name, e.source_code,
               e.target_name, e.target_code, e.cameo_code, e.cameo_name, e.cameo_quad_class, e.plover_type,
               e.location_name, e.modality, e.negated, e.trigger_text, e.sentence_text,
               a.title, a.source AS outlet, a.published
        {FROM_EVENTS} WHERE e.cluster_id = ? ORDER BY a.published NULLS LAST, e.article_id, e.id
        """,
        [cluster_id],
    )
    summary = None
    if store.has("event_clusters", "cluster_id"):
        summary = store.one("SELECT * FROM event_clusters WHERE cluster_id = ?", [cluster_id])
    if not reports and summary is None:
        return None
    disagreements: list[dict[str, Any]] = []
    if store.has("disagreements", "cluster_id"):
        for d in store.rows(
            "SELECT * FROM disagreements WHERE cluster_id = ? OR claim_cluster_id = ? ORDER BY kind, field",
            [cluster_id, cluster_id],
        ):
            d["sides"] = _json_list(d.get("sides"))
            disagreements.append(d)
    if summary:
        summary["sources"] = _json_list(summary.get("sources"))
        summary.pop("members", None)
    return {"cluster_id": cluster_id, "reports": reports, "summary": summary, "disagreements": disagreements}


def _json_list(value: Any) -> list[Any]:
    if isinstance(value, str) and value:
        try:
            parsed = json.loads(value)
        except ValueError:
            return [value]
        return parsed if isinstance(parsed, list) else [parsed]
    return value if isinstance(value, list) else []
