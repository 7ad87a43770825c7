"""The web explorer's read-only view of the store.

The database is opened with ``read_only=True`` and every query here is a fixed SQL string with ``?``
parameters: nothing the browser sends becomes SQL text. Column and table names that vary (the sort
column, optional tables of later stages) come from whitelists in this package, never from a request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

Row = dict[str, Any]


class StoreUnavailable(RuntimeError):
    """The database file is missing or locked by a writer."""


class ReadOnlyStore:
    """One read-only DuckDB connection; each query runs on its own cursor (thread-safe)."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path else None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()
        self._tables: dict[str, set[str]] | None = None
        self._memo: dict[str, Any] = {}
        self.error: str | None = None
        if self.path is None:
            self.error = "No database given: start with `newsevents serve --db FILE`."
        elif not self.path.is_file():
            self.error = f"No database at {self.path}: run `make demo` or `newsevents ingest` first."

    @property
    def available(self) -> bool:
        return self._connection() is not None

    def _connection(self) -> duckdb.DuckDBPyConnection | None:
        if self.path is None or not self.path.is_file():
            return None
        with self._lock:
            if self._con is None:
                try:
                    self._con = duckdb.connect(str(self.path), read_only=True)
                    self.error = None
                except duckdb.Error as exc:  # e.g. an ingest holds the write lock: retried next request
                    self.error = f"Cannot open {self.path} read-only (is an ingest writing to it?): {exc}"
                    return None
            return self._con

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self._connection()
        if con is None:
            raise StoreUnavailable(self.error or "database unavailable")
        cur = con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self.cursor() as cur:
            cur.execute(sql, list(params))
            names = [d[0] for d in cur.description or []]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self.cursor() as cur:
            row = cur.execute(sql, list(params)).fetchone()
            return row[0] if row else None

    def tables(self) -> dict[str, set[str]]:
        """Table name -> its columns (read once: the server never sees the schema change)."""
        if self._tables is None:
            if not self.available:
                return {}
            found: dict[str, set[str]] = {}
            for r in self.rows(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'"
            ):
                found.setdefault(r["table_name"], set()).add(r["column_name"])
            self._tables = found
        return self._tables

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """Compute once per connection: nothing can write the file while we hold it open read-only."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def has(self, table: str, *columns: str) -> bool:
        cols = self.tables().get(table)
        return cols is not None and all(c in cols for c in columns)
