"""The store schema: numbered migrations, applied in order, recorded in ``schema_migrations``.

Rules for whoever adds to this file (e.g. the link stage's ``event_clusters``):
- append a ``Migration`` with the next number; never edit one that has shipped;
- a migration is plain SQL (or a function of the connection) and runs inside the opening transaction.

On top of the numbered migrations, ``sync`` adds a column for every field added to ``model.py`` since the
table was created (``ALTER TABLE ... ADD COLUMN``), so additive model changes need no migration.

There are no PRIMARY KEY constraints: DuckDB checks them eagerly, which breaks "delete an article's rows,
insert the new ones" inside one transaction. The logical keys (``TableSpec.primary_key``) are kept by
the store's write path and checked by the tests. No secondary indexes either: zone maps serve the
article-id lookups of a batch, and the store stays a plain file that survives ``kill -9`` (WAL replay).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from newsevents.store.link_tables import create_link_tables
from newsevents.store.tables import TABLES, Column, TableSpec

FAILURES_COLUMNS = (
    Column("input", "VARCHAR", "The file (or '<stdin>') that could not be read."),
    Column("position", "BIGINT", "Line number in a JSONL file; NULL for a whole file."),
    Column("article_id", "VARCHAR", "Article.id when the article was read but the pipeline failed."),
    Column("error", "VARCHAR", "Error class, e.g. MalformedRecord, BinaryInput, PipelineError."),
    Column("reason", "VARCHAR", "Why, in words."),
    Column("run_id", "BIGINT", "The run that first recorded the failure."),
    Column("recorded_at", "TIMESTAMP", "When it was first recorded (UTC)."),
)
RUNS_COLUMNS = (
    Column("run_id", "BIGINT", "1, 2, 3... in the order runs started."),
    Column("started_at", "TIMESTAMP"),
    Column("finished_at", "TIMESTAMP"),
    Column("status", "VARCHAR", "running, finished, interrupted (killed: found running by the next run)."),
    Column("engine", "VARCHAR", "local or dask."),
    Column("workers", "BIGINT"),
    Column("batch_size", "BIGINT"),
    Column("inputs", "VARCHAR", "JSON list of the paths given."),
    Column("n_read", "BIGINT", "Articles and unreadable inputs seen."),
    Column("n_ok", "BIGINT", "Articles extracted and written (new or changed)."),
    Column("n_skipped", "BIGINT", "Articles already in the store with the same content hash."),
    Column("n_failed", "BIGINT", "Inputs and articles recorded in failures."),
    Column("newsevents_version", "VARCHAR"),
)


def create_table_sql(name: str, columns: list[Column] | tuple[Column, ...]) -> str:
    cols = ",\n  ".join(f'"{c.name}" {c.type}' for c in columns)
    return f'CREATE TABLE IF NOT EXISTS "{name}" (\n  {cols}\n)'


def _initial(con: duckdb.DuckDBPyConnection) -> None:
    for spec in TABLES.values():
        con.execute(create_table_sql(spec.name, spec.all_columns()))
    con.execute(create_table_sql("failures", FAILURES_COLUMNS))
    con.execute(create_table_sql("runs", RUNS_COLUMNS))


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]


MIGRATIONS: list[Migration] = [
    Migration(
        1,
        "initial tables: articles, actors, mentions, events, quotes, attributions, times, "
        "places, failures, runs",
        _initial,
    ),  # fmt: skip
    Migration(2, "link: linked_articles, link_members, event_clusters, disagreements", create_link_tables),
]


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT, name VARCHAR, applied_at TIMESTAMP)"
    )
    row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the pending migrations and add columns for new model fields; returns the versions applied."""
    con.execute("BEGIN TRANSACTION")
    try:
        have = current_version(con)
        applied = []
        for m in MIGRATIONS:
            if m.version > have:
                m.apply(con)
                con.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, now()::TIMESTAMP)", [m.version, m.name]
                )
                applied.append(m.version)
        sync(con)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return applied


def existing_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def sync(con: duckdb.DuckDBPyConnection) -> None:
    """Add a nullable column for each model field that is not in its table yet."""
    specs: list[tuple[str, list[Column] | tuple[Column, ...]]] = [
        (s.name, s.all_columns()) for s in TABLES.values()
    ]
    specs += [("failures", FAILURES_COLUMNS), ("runs", RUNS_COLUMNS)]
    for name, columns in specs:
        have = set(existing_columns(con, name))
        for c in columns:
            if c.name not in have:
                con.execute(f'ALTER TABLE "{name}" ADD COLUMN "{c.name}" {c.type}')


def spec(name: str) -> TableSpec:
    return TABLES[name]
