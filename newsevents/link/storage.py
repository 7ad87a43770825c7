"""Linking in the store: ``update_clusters(store, article_ids)`` after each ingest run.

Only the blocks the given articles' events fall in (now or before a re-ingest) are re-clustered, from all
of the store's events in those blocks; one transaction rewrites their ``link_members``,
``event_clusters`` and ``disagreements`` rows and the members' ``events.cluster_id``. Because a block's
clusters are a function of its set of events, the tables end the same whatever the order and grouping
of the runs that filled the store.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from newsevents.link.cluster import Cluster, cluster_block, cluster_id
from newsevents.link.disagree import Disagreement, find_disagreements
from newsevents.link.records import LinkEvent, from_row
from newsevents.link.summary import summarize
from newsevents.model import to_jsonable

# The events columns linking reads (selecting them, not e.*, keeps loading 10^5 rows quick).
EVENT_COLUMNS = (
    "article_id", "id", "source_code", "source_country", "source_name", "target_code", "target_country",
    "target_name", "cameo_code", "cameo_root", "plover_type", "date_value", "date_granularity",
    "date_basis", "date_text", "location_name", "location_country", "location_lat", "location_lon",
    "counts", "sentence_text", "trigger_text", "sentence_start", "modality", "negated", "published",
)  # fmt: skip


@dataclass(slots=True)
class LinkResult:
    blocks: int = 0  # blocks re-clustered
    events: int = 0  # events in those blocks
    clusters: int = 0
    disagreements: int = 0


def _con(store_or_con: Any) -> duckdb.DuckDBPyConnection:
    return getattr(store_or_con, "con", store_or_con)


def _ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    # A store opened by newsevents.store has them (migration 2); a bare connection may not.
    from newsevents.store.link_tables import create_link_tables

    create_link_tables(con)


def _events_sql(where: str) -> str:
    cols = ", ".join(f'e."{c}"' for c in EVENT_COLUMNS)
    return f"SELECT {cols}, a.source AS outlet FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}"


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def update_clusters(store_or_connection: Any, article_ids: Iterable[str]) -> LinkResult:
    """Re-cluster the blocks touched by these articles' events (new, changed or deleted articles)."""
    con = _con(store_or_connection)
    _ensure_tables(con)
    ids = sorted(set(article_ids))
    result = LinkResult()
    if not ids:
        return result
    con.execute("BEGIN TRANSACTION")
    try:
        touched = {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT block FROM link_members WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                [ids],
            ).fetchall()
        }
        con.execute("DELETE FROM link_members WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        con.execute(
            "UPDATE events SET cluster_id = NULL WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        )
        fresh = [
            from_row(r)
            for r in _rows(con, _events_sql("e.article_id IN (SELECT unnest(?::VARCHAR[]))"), [ids])
        ]
        fresh = [e for e in fresh if e.linkable]
        _insert(
            con,
            "link_members",
            [
                {"article_id": e.article_id, "event_id": e.event_id, "block": e.block, "cluster_id": None}
                for e in fresh
            ],
        )
        touched |= {e.block for e in fresh}
        result = _recluster(con, sorted(touched))
        con.execute("DELETE FROM linked_articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        con.execute(
            "INSERT INTO linked_articles SELECT id, content_hash FROM articles "
            "WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [ids],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return result


def rebuild_clusters(store_or_connection: Any) -> LinkResult:
    """Link every article of the store from scratch (same result as the incremental updates)."""
    con = _con(store_or_connection)
    _ensure_tables(con)
    ids = [r[0] for r in con.execute("SELECT id FROM articles").fetchall()]
    con.execute("DELETE FROM linked_articles")
    con.execute("DELETE FROM link_members")
    con.execute("DELETE FROM event_clusters")
    con.execute("DELETE FROM disagreements")
    return update_clusters(con, ids)


def _recluster(con: duckdb.DuckDBPyConnection, blocks: Sequence[str]) -> LinkResult:
    result = LinkResult(blocks=len(blocks))
    if not blocks:
        return result
    where = (
        "(e.article_id, e.id) IN (SELECT (article_id, event_id) FROM link_members "
        "WHERE block IN (SELECT unnest(?::VARCHAR[])))"
    )
    by_block: dict[str, list[LinkEvent]] = defaultdict(list)
    for row in _rows(con, _events_sql(where), [list(blocks)]):
        e = from_row(row)
        by_block[e.block].append(e)
    members, clusters, disagreements = [], [], []
    for block in blocks:
        evs = by_block.get(block, [])
        result.events += len(evs)
        block_clusters = [Cluster(cluster_id(block, m), block, m) for m in cluster_block(evs)]
        for c in block_clusters:
            members += [
                {"article_id": e.article_id, "event_id": e.event_id, "block": block, "cluster_id": c.id}
                for e in c.members
            ]
            clusters.append(cluster_row(c))
        disagreements += [disagreement_row(d, block) for d in find_disagreements(block_clusters)]
    result.clusters, result.disagreements = len(clusters), len(disagreements)
    for table in ("link_members", "event_clusters", "disagreements"):
        con.execute(f"DELETE FROM {table} WHERE block IN (SELECT unnest(?::VARCHAR[]))", [list(blocks)])
    _insert(con, "link_members", members)
    _insert(con, "event_clusters", clusters)
    _insert(con, "disagreements", disagreements)
    con.execute(
        "UPDATE events SET cluster_id = m.cluster_id FROM link_members m "
        "WHERE events.article_id = m.article_id AND events.id = m.event_id "
        "AND m.block IN (SELECT unnest(?::VARCHAR[]))",
        [list(blocks)],
    )
    return result


def cluster_row(c: Cluster) -> dict[str, Any]:
    s = summarize(c)
    return {
        "cluster_id": s.cluster_id,
        "block": s.block,
        "event_group": s.group,
        "source_key": s.source_key,
        "target_key": s.target_key,
        "source_name": s.source_name,
        "target_name": s.target_name,
        "cameo_code": s.cameo_code,
        "plover_type": s.plover_type,
        "num_mentions": s.num_mentions,
        "num_articles": s.num_articles,
        "num_sources": s.num_sources,
        "first_reported": s.first_reported,
        "last_reported": s.last_reported,
        "date_value": s.date_value,
        "date_granularity": s.date_granularity,
        "place_name": s.place_name,
        "place_country": s.place_country,
        "representative_article": s.representative_article,
        "representative_event": s.representative_event,
        "representative_sentence": s.representative_sentence,
        "sources": json.dumps(s.sources, ensure_ascii=False),
        "members": json.dumps([list(k) for k in s.members], ensure_ascii=False),
    }


def disagreement_row(d: Disagreement, block: str) -> dict[str, Any]:
    return {
        "disagreement_id": d.id,
        "cluster_id": d.cluster_id,
        "block": block,
        "kind": d.kind,
        "field": d.field,
        "sides": json.dumps(to_jsonable(d.sides), ensure_ascii=False),
        "claim_cluster_id": d.claim_cluster_id,
        "majority_value": d.majority_value,
        "majority_articles": d.majority_articles,
        "majority_sources": json.dumps(d.majority_sources, ensure_ascii=False),
        "description": d.describe(),
    }


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    from newsevents.store.link_tables import LINK_TABLES
    from newsevents.store.tables import ARROW

    schema = pa.schema([pa.field(c.name, ARROW[c.type]) for c in LINK_TABLES[table]])
    batch = pa.Table.from_pylist(rows, schema=schema)
    con.register("_newsevents_link_batch", batch)
    try:
        cols = ", ".join(f'"{n}"' for n in schema.names)
        con.execute(f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM _newsevents_link_batch')
    finally:
        con.unregister("_newsevents_link_batch")


def pending_articles(store_or_connection: Any) -> list[str]:
    """Articles not linked since they last changed, and linked articles since deleted."""
    con = _con(store_or_connection)
    _ensure_tables(con)
    rows = con.execute(
        "SELECT a.id FROM articles a LEFT JOIN linked_articles l ON l.article_id = a.id "
        "WHERE l.content_hash IS DISTINCT FROM a.content_hash "
        "UNION SELECT l.article_id FROM linked_articles l ANTI JOIN articles a ON a.id = l.article_id"
    ).fetchall()
    return sorted(r[0] for r in rows)


def update_clusters_for_run(store_or_connection: Any, run_id: int | None = None) -> LinkResult:
    """``update_clusters`` after an ingest run: the articles it wrote, and any a killed run wrote
    before it could link them (``pending_articles``), so a rerun that skips them still links them."""
    con = _con(store_or_connection)
    ids = set(pending_articles(con))
    if run_id is not None:
        ids |= {r[0] for r in con.execute("SELECT id FROM articles WHERE run_id = ?", [run_id]).fetchall()}
    return update_clusters(con, ids)
