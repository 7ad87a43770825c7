"""Reading the clusters back: a timeline for an actor (or a pair), the largest clusters, disagreements.

Shared by `newsevents timeline` / `newsevents clusters` and the web explorer: each returns
(column names, rows) from the store's connection.
"""

from __future__ import annotations

from typing import Any

import duckdb

# The happening's date: the one its reports give, else when it was first reported.
WHEN = "coalesce(c.date_value, strftime(c.first_reported, '%Y-%m-%d'))"
COLUMNS = (
    f"{WHEN} AS date, c.source_name AS source, c.target_name AS target, c.cameo_code AS cameo, "
    "c.event_group AS kind, c.place_name AS place, c.num_articles AS articles, c.num_sources AS sources, "
    "c.num_mentions AS mentions, (SELECT count(*) FROM disagreements d WHERE d.cluster_id = c.cluster_id "
    "OR d.claim_cluster_id = c.cluster_id) AS disagreements, c.sources AS outlets, "
    "c.representative_sentence AS evidence, c.cluster_id"
)


def _actor_condition(code: str, params: list[Any]) -> str:
    """CODE matches a canonical key it starts with or that starts with it (RUS ~ RUSGOV), or a name."""
    parts = []
    for side in ("source", "target"):
        parts.append(f"(starts_with(c.{side}_key, ?) OR starts_with(?, c.{side}_key) AND c.{side}_key <> '')")
        parts.append(f"lower(c.{side}_name) = lower(?)")
        params += [code.upper(), code.upper(), code]
    return "(" + " OR ".join(parts) + ")"


def timeline(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    *,
    with_actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_articles: int = 1,
    limit: int = 200,
) -> tuple[list[str], list[tuple]]:
    """Clusters involving ``actor`` (and ``with_actor``), in date order."""
    params: list[Any] = []
    where = [_actor_condition(actor, params)]
    if with_actor:
        where.append(_actor_condition(with_actor, params))
    if since:
        where.append(f"{WHEN} >= ?")
        params.append(since)
    if until:
        where.append(f"left({WHEN}, {len(until)}) <= ?")
        params.append(until)
    where.append("c.num_articles >= ?")
    params.append(min_articles)
    sql = (
        f"SELECT {COLUMNS} FROM event_clusters c WHERE {' AND '.join(where)} "
        f"ORDER BY date, c.num_articles DESC, c.cluster_id LIMIT {int(limit)}"
    )
    return _fetch(con, sql, params)


def largest(
    con: duckdb.DuckDBPyConnection, *, min_articles: int = 2, limit: int = 50
) -> tuple[list[str], list[tuple]]:
    """The most reported happenings."""
    sql = (
        f"SELECT {COLUMNS} FROM event_clusters c WHERE c.num_articles >= ? "
        f"ORDER BY c.num_articles DESC, c.num_sources DESC, date, c.cluster_id LIMIT {int(limit)}"
    )
    return _fetch(con, sql, [min_articles])


def disagreements(
    con: duckdb.DuckDBPyConnection, *, cluster_id: str | None = None, limit: int = 100
) -> tuple[list[str], list[tuple]]:
    """Disagreements, with each side's values and sources (JSON) and the majority for date_majority."""
    where, params = "", []
    if cluster_id:
        where, params = "WHERE d.cluster_id = ? OR d.claim_cluster_id = ?", [cluster_id, cluster_id]
    sql = (
        "SELECT d.kind, d.field, d.description, d.majority_value, d.majority_articles, d.sides, "
        "d.cluster_id, d.claim_cluster_id FROM disagreements d "
        f"{where} ORDER BY d.kind, d.cluster_id, d.disagreement_id LIMIT {int(limit)}"
    )
    return _fetch(con, sql, params)


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> tuple[list[str], list[tuple]]:
    cur = con.execute(sql, params)
    return [d[0] for d in cur.description], cur.fetchall()
