"""Linking in the store: ``update_clusters(store, article_ids)`` after each ingest run.

Only the blocks the given articles' events fall in (now or before a re-ingest) get their reports
re-clustered, from all of the store's events in those blocks (``link_members`` holds each linked event's
block and report); then only the happenings those reports, the articles' old happenings and the
articles published within the story window were in are joined again (``_recluster``). One transaction
rewrites those ``link_members``, ``event_clusters`` and ``disagreements`` rows and the members'
``events.cluster_id``. Reports are a function of a block's set of events and story links of their two
articles, so the tables end the same whatever the order and grouping of the runs that filled the store.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import duckdb
import pyarrow as pa

from newsevents.link.cluster import Cluster, cluster_block, cluster_id, happenings
from newsevents.link.config import config
from newsevents.link.disagree import Disagreement, block_majority_disagreements, happening_disagreements
from newsevents.link.keys import article_context
from newsevents.link.records import LinkEvent, from_row, row_reader
from newsevents.link.story import main_events
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


def _member_events_sql(where: str, extra: str = "") -> str:
    """``_events_sql`` joined with ``link_members``: each event with its report (``report_id``,
    ``report_block``) and ``extra`` columns."""
    return (
        _events_sql(where)
        .replace(
            "FROM events e",
            "FROM events e JOIN link_members m ON m.article_id = e.article_id AND m.event_id = e.id",
        )
        .replace("SELECT ", f"SELECT m.cluster_id AS report_id, m.block AS report_block, {extra}", 1)
    )


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def update_clusters(store_or_connection: Any, article_ids: Iterable[str]) -> LinkResult:
    """Re-link what these articles' events (new, changed or deleted articles) can change."""
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
        # The happenings these articles were in: they may split or lose members.
        old = {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT cluster_id FROM events WHERE cluster_id IS NOT NULL "
                "AND article_id IN (SELECT unnest(?::VARCHAR[]))",
                [ids],
            ).fetchall()
        }
        con.execute("DELETE FROM link_members WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        con.execute(
            "UPDATE events SET cluster_id = NULL WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        )
        known = _link_events(con, ids)
        # The fresh events get their link_members rows when their blocks are rewritten (_recluster, which
        # reads them from ``known``, not from the table): no placeholder rows to insert and delete again.
        fresh = [e for e in known.events.values() if e.linkable]
        touched |= {e.block for e in fresh}
        result = _recluster(con, sorted(touched), fresh, old, set(ids), known)
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
    con.execute("UPDATE events SET cluster_id = NULL WHERE cluster_id IS NOT NULL")
    return update_clusters(con, ids)


def _contexts(con: duckdb.DuckDBPyConnection, article_ids: Iterable[str]) -> dict[str, tuple]:
    """Each article's context (keys.article_context) from its `actors` rows."""
    ids = sorted(set(article_ids))
    actors: dict[str, list[tuple]] = defaultdict(list)
    if ids:
        for aid, *row in con.execute(
            "SELECT article_id, id, code, name, kind, coalesce(n_mentions, 0) FROM actors "
            "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
            [ids],
        ).fetchall():
            actors[aid].append(tuple(row))
    return {a: article_context(rows) for a, rows in actors.items()}


@dataclass(slots=True)
class _Known:
    """What update_clusters already read about the run's articles: every event of each of them (by key),
    and their contexts (an article without actors has none). _recluster reads only the rest."""

    articles: set[str]
    events: dict[tuple[str, str], LinkEvent]
    contexts: dict[str, tuple]

    def article_events(self, article_ids: Iterable[str]) -> list[LinkEvent]:
        wanted = set(article_ids) & self.articles
        return [e for e in self.events.values() if e.article_id in wanted]


def _link_events(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> _Known:
    """LinkEvents of all the events of ``article_ids``, with their articles' contexts."""
    cur = con.execute(_events_sql("e.article_id IN (SELECT unnest(?::VARCHAR[]))"), [article_ids])
    names = [d[0] for d in cur.description]
    read, article = row_reader(names), names.index("article_id")
    rows = cur.fetchall()  # tuples: ~10^4 rows a run, a dict per row cost more than reading them
    contexts = _contexts(con, {r[article] for r in rows})
    events = {}
    for r in rows:
        e = read(r, contexts.get(r[article], ()))
        events[e.key] = e
    return _Known(set(article_ids), events, contexts)


def _window_days(days: Iterable[Any], width: int) -> list[Any]:
    """Every day within ``width`` days of one of ``days``."""
    out = set()
    for d in days:
        out |= {d + dt.timedelta(days=i) for i in range(-width, width + 1)}
    return sorted(out)


def _recluster(
    con: duckdb.DuckDBPyConnection,
    blocks: Sequence[str],
    fresh: list[LinkEvent],
    old: set[str],
    updated: set[str],
    known: _Known,
) -> LinkResult:
    """Re-cluster the reports of ``blocks``, then re-join the happenings they can change.

    Which happenings can change: those the touched blocks' events were in, those of the articles
    ``fresh`` main events can now link to (published within the story window), and ``old`` (the
    happenings of re-ingested or deleted articles). Story links between two unchanged articles do not
    change (they read the two articles alone), so any happening not among these keeps its members: the
    components computed over the events of these happenings are the global ones.
    """
    result = LinkResult(blocks=len(blocks))
    if not blocks:
        return result
    cfg = config()
    # The run's own events were built by update_clusters; their contexts are not read here (only the
    # main events' are, and those are set below).
    made: dict[tuple[str, str], LinkEvent] = dict(known.events)

    def event(row: dict[str, Any]) -> LinkEvent:
        """from_row, once per event: the same events are read for reports, happenings and majorities."""
        key = (row["article_id"], row["id"])
        if key not in made:
            made[key] = from_row(row)
        return made[key]

    in_blocks = (
        "(e.article_id, e.id) IN (SELECT (article_id, event_id) FROM link_members "
        "WHERE block IN (SELECT unnest(?::VARCHAR[])))"
    )
    touched = set(blocks)
    by_block: dict[str, list[LinkEvent]] = defaultdict(list)
    happening_ids = set(old)
    # The run's linkable events are in the touched blocks (update_clusters deleted their articles' old
    # link_members rows); only the other articles' events in these blocks are read.
    for e in fresh:
        by_block[e.block].append(e)
    others_in_blocks = f"{in_blocks} AND e.article_id NOT IN (SELECT unnest(?::VARCHAR[]))"
    for row in _rows(con, _events_sql(others_in_blocks), [list(blocks), sorted(known.articles)]):
        e = event(row)
        by_block[e.block].append(e)
    new_reports = []
    for block in blocks:
        evs = by_block.get(block, [])
        result.events += len(evs)
        for m in cluster_block(evs):
            c = Cluster(cluster_id(block, m), block, m)
            new_reports.append(c)
    # Happenings the touched blocks' events were in.
    happening_ids |= {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT e.cluster_id FROM events e JOIN link_members m ON m.article_id = e.article_id "
            "AND m.event_id = e.id WHERE e.cluster_id IS NOT NULL AND m.block IN (SELECT unnest(?::VARCHAR[]))",
            [list(blocks)],
        ).fetchall()
    }
    # Happenings of the articles the fresh main events may link to.
    days = {m.published for m in main_events(fresh) if m.published and m.context}
    if days:
        window = _window_days(days, cfg.story_far_window_days)
        happening_ids |= {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT e.cluster_id FROM events e JOIN articles a ON a.id = e.article_id "
                "WHERE e.cluster_id IS NOT NULL AND a.published IN (SELECT unnest(?::DATE[]))",
                [window],
            ).fetchall()
        }
    # Their members outside the touched blocks keep their reports (link_members.cluster_id).
    members = _rows(
        con, _member_events_sql("e.cluster_id IN (SELECT unnest(?::VARCHAR[]))"), [sorted(happening_ids)]
    )
    kept: dict[str, list[LinkEvent]] = defaultdict(list)
    kept_block: dict[str, str] = {}
    for row in members:
        if row["report_block"] in touched:  # re-clustered above
            continue
        e = event(row)
        kept[row["report_id"]].append(e)
        kept_block[row["report_id"]] = row["report_block"]
    all_reports = new_reports + [
        Cluster(rid, kept_block[rid], sorted(evs, key=lambda e: e.key)) for rid, evs in kept.items()
    ]
    # Main events of the articles in play (each article's events are all read to choose it), with their
    # articles' contexts.
    node_keys = {e.key for r in all_reports for e in r.members}
    articles = sorted({k[0] for k in node_keys})
    others = [a for a in articles if a not in known.articles]
    rows = (
        _rows(con, _events_sql("e.article_id IN (SELECT unnest(?::VARCHAR[]))"), [others]) if others else []
    )
    pool = known.article_events(articles) + [event(r) for r in rows]
    found = [m for m in main_events(pool) if m.key in node_keys]
    contexts = {a: c for a, c in known.contexts.items() if a in known.articles}
    contexts.update(_contexts(con, {m.article_id for m in found if m.article_id not in known.articles}))
    mains = [replace(m, context=contexts.get(m.article_id, ())) for m in found]
    joined = happenings(all_reports, mains)
    result.clusters = len(joined)
    # Happenings with the same members as before, none of them re-ingested, are left as they are.
    before = dict(
        con.execute(
            "SELECT cluster_id, members FROM event_clusters WHERE cluster_id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(happening_ids)],
        ).fetchall()
    )
    members_json = {h.id: _members_json(h) for h in joined}  # compared here, written below
    changed = [
        h
        for h in joined
        if before.get(h.id) != members_json[h.id] or any(e.article_id in updated for e in h.members)
    ]
    gone = sorted(happening_ids - ({h.id for h in joined} - {h.id for h in changed}))

    # Write: reports of the touched blocks, changed happenings, their events' cluster_id.
    con.execute("DELETE FROM link_members WHERE block IN (SELECT unnest(?::VARCHAR[]))", [list(blocks)])
    _insert(
        con,
        "link_members",
        [
            {"article_id": e.article_id, "event_id": e.event_id, "block": c.block, "cluster_id": c.id}
            for c in new_reports
            for e in c.members
        ],
    )
    con.execute("DELETE FROM event_clusters WHERE cluster_id IN (SELECT unnest(?::VARCHAR[]))", [gone])
    _insert(con, "event_clusters", [cluster_row(h, members_json[h.id]) for h in changed])
    assign = [{"article_id": e.article_id, "event_id": e.event_id, "block": h.block, "cluster_id": h.id}
              for h in changed for e in h.members]  # fmt: skip
    con.execute(
        "UPDATE events SET cluster_id = NULL WHERE cluster_id IN (SELECT unnest(?::VARCHAR[]))", [gone]
    )
    if assign:
        batch = pa.Table.from_pylist(assign)
        con.register("_newsevents_link_assign", batch)
        try:
            con.execute(
                "UPDATE events SET cluster_id = a.cluster_id FROM _newsevents_link_assign a "
                "WHERE events.article_id = a.article_id AND events.id = a.event_id"
            )
        finally:
            con.unregister("_newsevents_link_assign")

    # Disagreements: each changed happening's own; dated claims against the majority per block, for the
    # touched blocks (their reports and happenings are the ones just made) and every other block whose
    # reports now belong to other happenings (read back whole, with their happening ids).
    own = [disagreement_row(d, h.block) for h in changed for d in happening_disagreements(h)]
    con.execute(
        "DELETE FROM disagreements WHERE kind <> 'date_majority' AND cluster_id IN (SELECT unnest(?::VARCHAR[]))",
        [gone],
    )
    majority_blocks = sorted(set(blocks) | {e.block for h in changed for e in h.members})
    reports_of: dict[str, list[Cluster]] = defaultdict(list)
    for c in new_reports:
        reports_of[c.block].append(c)
    happening_of = {e.key: h.id for h in joined for e in h.members}
    others = [b for b in majority_blocks if b not in touched]
    rows = (
        _rows(con, _member_events_sql(in_blocks, "e.cluster_id AS happening_id, "), [others])
        if others
        else []
    )
    grouped: dict[str, dict[str, list[LinkEvent]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        e = event(row)
        grouped[row["report_block"]][row["report_id"]].append(e)
        happening_of[e.key] = row["happening_id"]
    for block, reports in grouped.items():
        reports_of[block] = [
            Cluster(rid, block, sorted(evs, key=lambda e: e.key)) for rid, evs in reports.items()
        ]
    majority = []
    for block in majority_blocks:
        block_reports = sorted(reports_of[block], key=lambda c: c.id)
        majority += [
            disagreement_row(d, block) for d in block_majority_disagreements(block_reports, happening_of)
        ]
    con.execute(
        "DELETE FROM disagreements WHERE kind = 'date_majority' AND block IN (SELECT unnest(?::VARCHAR[]))",
        [majority_blocks],
    )
    found = list({d["disagreement_id"]: d for d in own + majority}.values())
    _insert(con, "disagreements", found)
    result.disagreements = len(found)
    return result


def _members_json(c: Cluster) -> str:
    return json.dumps([list(e.key) for e in c.members], ensure_ascii=False)


def cluster_row(c: Cluster, members_json: str | None = None) -> dict[str, Any]:
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
        "members": members_json if members_json is not None else _members_json(c),
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
