"""Store tables -> JSONL, CSV, Parquet; and the filtered events query of `newsevents events`."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pyarrow.parquet as pq

from newsevents.errors import StoreError
from newsevents.store import TABLES, Store

EXPORTABLE = (*TABLES, "failures", "runs")


def check_table(name: str) -> str:
    if name not in EXPORTABLE:
        raise StoreError(f"unknown table {name!r}; one of: {', '.join(EXPORTABLE)}")
    return name


@contextmanager
def open_out(out: str | Path) -> Any:
    """A text file to write, or stdout for '-'."""
    if str(out) == "-":
        yield sys.stdout
        return
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        yield fh


def _plain(v: Any) -> Any:
    if isinstance(v, dt.datetime | dt.date):
        return v.isoformat()
    return v


def _ordered(name: str) -> str:
    keys = {"articles": "id"}.get(name)
    if name in TABLES:
        order = ", ".join(f'"{k}"' for k in TABLES[name].primary_key) or keys
        return f'SELECT * FROM "{name}" ORDER BY {order}'
    return f'SELECT * FROM "{name}" ORDER BY 1'


def write_rows(store: Store, sql: str, out: IO[str], fmt: str, params: list | None = None) -> int:
    cur = store.con.execute(sql, params or [])
    columns = [d[0] for d in cur.description]
    n = 0
    writer = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
    if writer:
        writer.writerow(columns)
    while batch := cur.fetchmany(2048):
        for row in batch:
            if writer:
                writer.writerow([_plain(v) for v in row])
            else:
                record = {c: _plain(v) for c, v in zip(columns, row, strict=True)}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def export_table(store: Store, out: str | Path, fmt: str, table: str = "events") -> int:
    """One table as JSONL or CSV (one row a line), or Parquet; ``table='all'`` with Parquet: a folder."""
    if fmt == "parquet":
        if table == "all":
            folder = Path(out)
            folder.mkdir(parents=True, exist_ok=True)
            return sum(_parquet(store, t, folder / f"{t}.parquet") for t in EXPORTABLE)
        return _parquet(store, check_table(table), Path(out))
    if table == "all":
        raise StoreError("--table all is for --format parquet (one file per table)")
    with open_out(out) as fh:
        return write_rows(store, _ordered(check_table(table)), fh, fmt)


def _parquet(store: Store, table: str, path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = store.arrow(_ordered(table))
    pq.write_table(data, path, compression="zstd")
    return data.num_rows


EVENT_COLUMNS = (
    "article_id, id AS event_id, coalesce(date_value, published::VARCHAR) AS date, "
    "source_name AS source, source_code, cameo_code, cameo_name, target_name AS target, target_code, "
    "plover_type AS plover, location_name AS location, modality, negated, sentence_text AS evidence"
)


def events_query(
    *,
    actor: str | None = None,
    country: str | None = None,
    cameo: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = 50,
    columns: str = EVENT_COLUMNS,
) -> tuple[str, list[Any]]:
    """SQL and parameters for events filtered the way `newsevents events` filters them."""
    where, params = [], []
    if actor:
        where.append(
            "(starts_with(upper(source_code), upper(?)) OR starts_with(upper(target_code), upper(?)) "
            "OR lower(source_name) = lower(?) OR lower(target_name) = lower(?))"
        )
        params += [actor] * 4
    if country:
        where.append("(upper(source_country) = upper(?) OR upper(target_country) = upper(?))")
        params += [country] * 2
    if cameo:
        where.append("starts_with(cameo_code, ?)")
        params.append(cameo)
    # Event date when resolved to a day (or finer), else the publication date.
    day = "coalesce(try_cast(left(date_value, 10) AS DATE), published)"
    if since:
        where.append(f"{day} >= ?::DATE")
        params.append(since)
    if until:
        where.append(f"{day} <= ?::DATE")
        params.append(until)
    sql = f"SELECT {columns} FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {day} NULLS LAST, article_id, sentence_start, trigger_start"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return sql, params
