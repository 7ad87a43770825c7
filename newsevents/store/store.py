"""The DuckDB store: one file, the tables of ``store.tables``, written one batch per transaction.

Idempotency: an article is identified by ``Article.id``; if the store already holds that id with the same
``content_hash`` the article is skipped, with a different hash all its rows are replaced. A batch is one
transaction, so after ``kill -9`` the store holds whole batches only, and a rerun skips them.

DuckDB lets one process write a file at a time; other processes may open it read-only when no writer
has it open (``Store.open(path, read_only=True)``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from newsevents.errors import StoreError
from newsevents.model import Extraction
from newsevents.store.schema import migrate
from newsevents.store.tables import CHILD_TABLES, TABLES, to_arrow
from newsevents.version import __version__

_POSITION = re.compile(r"^(.*):(\d+)$")


def split_input(where: str | None) -> tuple[str | None, int | None]:
    """'corpus.jsonl:17' -> ('corpus.jsonl', 17); a plain path has no position."""
    if where is None:
        return None, None
    m = _POSITION.match(where)
    return (m.group(1), int(m.group(2))) if m else (where, None)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(slots=True)
class WriteResult:
    written: int = 0  # new articles
    replaced: int = 0  # articles whose content hash changed
    skipped: int = 0  # same id and hash already stored


@dataclass(frozen=True, slots=True)
class Failure:
    input: str | None
    reason: str
    position: int | None = None
    error: str | None = None
    article_id: str | None = None

    @classmethod
    def from_source(cls, source: str, reason: str, error: str | None = None, **kw: Any) -> Failure:
        path, pos = split_input(source)
        return cls(input=path, position=pos, reason=reason, error=error, **kw)


class Store:
    """A newsevents DuckDB file.

    >>> with Store.open("newsevents.duckdb") as store:
    ...     store.write_extractions([extraction])
    """

    def __init__(self, path: str | Path = "newsevents.duckdb", *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database (run `newsevents ingest` first)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        if not read_only:
            migrate(self.con)

    @classmethod
    def open(cls, path: str | Path = "newsevents.duckdb", *, read_only: bool = False) -> Store:
        return cls(path, read_only=read_only)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # ---- idempotency -------------------------------------------------------------------------------
    def known_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """id -> content_hash for the given ids that are already stored."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        ).fetchall()
        return dict(rows)

    def has_article(self, article_id: str, content_hash: str | None = None) -> bool:
        """True when the article is stored (with this content hash, when one is given)."""
        stored = self.known_hashes([article_id]).get(article_id)
        return stored is not None and (content_hash is None or stored == content_hash)

    # ---- writing -----------------------------------------------------------------------------------
    def write_extractions(
        self, extractions: Sequence[Extraction], *, run_id: int | None = None
    ) -> WriteResult:
        """Write a batch in one transaction: new articles added, changed ones replaced, same ones skipped."""
        return self.write_arrow(to_arrow(list(extractions), run_id=run_id, ingested_at=utcnow()))

    def write_arrow(
        self, tables: dict[str, pa.Table], failures: Sequence[Failure] = (), *, run_id: int | None = None
    ) -> WriteResult:
        """Write rows made by ``tables.to_arrow`` (a local batch or a Parquet partition) in one transaction."""
        result = WriteResult()
        articles = tables["articles"]
        ids = articles.column("id").to_pylist()
        hashes = articles.column("content_hash").to_pylist()
        with self.transaction():
            known = self.known_hashes(ids)
            keep = [i for i, h in zip(ids, hashes, strict=True) if known.get(i) != h]
            result.skipped = len(ids) - len(keep)
            result.replaced = sum(1 for i in keep if i in known)
            result.written = len(keep) - result.replaced
            replaced = [i for i in keep if i in known]
            if replaced:
                self._delete_articles(replaced)
            if keep:
                keep_arr = pa.array(keep, pa.string())
                for name, table in tables.items():
                    key = "id" if name == "articles" else "article_id"
                    if name not in TABLES or table.num_rows == 0:
                        continue
                    if len(keep) != len(ids):
                        table = table.filter(pc.is_in(table.column(key), value_set=keep_arr))
                    self._insert(name, table)
                # An input that failed before and now reads fine is no longer a failure.
                inputs = [split_input(w) for w in articles.column("input").to_pylist()]
                self._clear_failures([(p, n) for p, n in inputs if p is not None])
            for f in failures:
                self._record_failure(f, run_id)
        return result

    def _insert(self, name: str, table: pa.Table) -> None:
        cols = ", ".join(f'"{c}"' for c in table.column_names)
        self.con.register("_newsevents_batch", table)
        try:
            self.con.execute(f'INSERT INTO "{name}" ({cols}) SELECT {cols} FROM _newsevents_batch')
        finally:
            self.con.unregister("_newsevents_batch")

    def _delete_articles(self, ids: list[str]) -> None:
        for name in CHILD_TABLES:
            self.con.execute(f'DELETE FROM "{name}" WHERE article_id IN (SELECT unnest(?::VARCHAR[]))', [ids])
        self.con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])

    def delete_article(self, article_id: str) -> None:
        with self.transaction():
            self._delete_articles([article_id])

    def _clear_failures(self, positions: list[tuple[str, int | None]]) -> None:
        if not positions:
            return
        keys = [f"{p}\x00{'' if n is None else n}" for p, n in positions]
        self.con.execute(
            "DELETE FROM failures WHERE (input || chr(0) || coalesce(position::VARCHAR, '')) "
            "IN (SELECT unnest(?::VARCHAR[]))",
            [keys],
        )

    def record_failure(
        self,
        input: str | None,
        reason: str,
        *,
        position: int | None = None,
        error: str | None = None,
        article_id: str | None = None,
        run_id: int | None = None,
    ) -> None:
        """Record (or update the reason of) the failure of one input position, in its own transaction."""
        with self.transaction():
            self._record_failure(Failure(input, reason, position, error, article_id), run_id)

    def record_failures(self, failures: Sequence[Failure], *, run_id: int | None = None) -> None:
        if failures:
            with self.transaction():
                for f in failures:
                    self._record_failure(f, run_id)

    def _record_failure(self, f: Failure, run_id: int | None) -> None:
        # One row per (input, position): a rerun that fails the same way changes nothing.
        where = "input IS NOT DISTINCT FROM ? AND position IS NOT DISTINCT FROM ?"
        found = self.con.execute(f"SELECT reason, error FROM failures WHERE {where}", [f.input, f.position])
        row = found.fetchone()
        if row is None:
            self.con.execute(
                "INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?, ?)",
                [f.input, f.position, f.article_id, f.error, f.reason, run_id, utcnow()],
            )
        elif row != (f.reason, f.error):
            self.con.execute(
                f"UPDATE failures SET reason = ?, error = ?, article_id = ? WHERE {where}",
                [f.reason, f.error, f.article_id, f.input, f.position],
            )

    # ---- runs --------------------------------------------------------------------------------------
    def start_run(
        self,
        *,
        inputs: Sequence[str] = (),
        engine: str = "local",
        workers: int = 1,
        batch_size: int = 0,
    ) -> int:
        """Open a run; a run still marked 'running' was killed (one writer at a time), so mark it."""
        with self.transaction():
            self.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            row = self.con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()
            run_id = int(row[0]) if row else 1
            self.con.execute(
                "INSERT INTO runs (run_id, started_at, status, engine, workers, batch_size, inputs, "
                "n_read, n_ok, n_skipped, n_failed, newsevents_version) "
                "VALUES (?, ?, 'running', ?, ?, ?, ?, 0, 0, 0, 0, ?)",
                [run_id, utcnow(), engine, workers, batch_size, json.dumps(list(inputs)), __version__],
            )
        return run_id

    def finish_run(
        self,
        run_id: int,
        *,
        status: str = "finished",
        n_read: int = 0,
        n_ok: int = 0,
        n_skipped: int = 0,
        n_failed: int = 0,
    ) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, status = ?, n_read = ?, n_ok = ?, n_skipped = ?, "
            "n_failed = ? WHERE run_id = ?",
            [utcnow(), status, n_read, n_ok, n_skipped, n_failed, run_id],
        )

    # ---- reading -----------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] | None = None) -> tuple[list[str], list[tuple]]:
        """(column names, rows) of a query."""
        try:
            cur = self.con.execute(sql, params or [])
        except duckdb.Error as exc:
            raise StoreError(str(exc).splitlines()[0]) from exc
        if cur.description is None:
            return [], []
        return [d[0] for d in cur.description], cur.fetchall()

    def arrow(self, sql: str, params: Sequence[Any] | None = None) -> pa.Table:
        try:
            result = self.con.sql(sql, params=list(params)) if params else self.con.sql(sql)
            # The method's name changed across DuckDB releases.
            for name in ("to_arrow_table", "arrow"):
                if hasattr(result, name):
                    table = getattr(result, name)()
                    break
        except duckdb.Error as exc:
            raise StoreError(str(exc).splitlines()[0]) from exc
        return table if isinstance(table, pa.Table) else table.read_all()

    def counts(self) -> dict[str, int]:
        names = [*TABLES, "failures", "runs"]
        return {n: int(self.con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def open_store(path: str | Path = "newsevents.duckdb", *, read_only: bool = False) -> Store:
    return Store.open(path, read_only=read_only)
