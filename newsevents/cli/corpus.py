"""Corpus commands: `ingest`, `query`, `events`, `export`, `demo` (all on the DuckDB store)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from newsevents.cli import app
from newsevents.cli.common import cli_errors, console, err_console
from newsevents.settings import DEFAULT_DB

ROOT = Path(__file__).resolve().parents[2]


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class RowFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"
    plover = "plover"


DB_OPTION = typer.Option(DEFAULT_DB, "--db", help="The DuckDB file.", envvar="NEWSEVENTS_DB")


# ---- ingest ----------------------------------------------------------------------------------------


@app.command()
def ingest(
    paths: list[str] = typer.Argument(
        ..., help="Files, folders (recursive), .jsonl/.jsonl.gz corpora, or '-' for standard input."
    ),
    db: str = DB_OPTION,
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes (or Dask workers)."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per batch (one transaction)."),
    engine: Engine = typer.Option(Engine.local, help="local: worker processes; dask: a Dask cluster."),
    scheduler: str | None = typer.Option(
        None, help="Dask scheduler address (tcp://host:8786); default: a local cluster of --workers."
    ),
    output_parquet: Path | None = typer.Option(
        None, "--output-parquet", help="Dask engine: leave the Parquet dataset here instead of loading --db."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Extract every article under PATH... into the DuckDB store: resumable, idempotent, parallel.

    Unchanged articles (same id and content hash) are skipped, changed ones replaced. Unreadable inputs
    are stored in the `failures` table and the run goes on (exit code 0). Safe to kill and rerun.

    Examples:

      newsevents ingest corpus/ --db news.duckdb --workers 2

      newsevents ingest wire.jsonl.gz --engine dask --scheduler tcp://10.0.0.1:8786
    """
    from newsevents.corpus import count_inputs
    from newsevents.settings import Settings

    with cli_errors():
        settings = Settings.from_env()
        total = count_inputs(paths)
        with _progress_bar(total, quiet) as tick:
            if engine is Engine.dask:
                from newsevents.corpus.dask_engine import ingest_dask

                stats = ingest_dask(
                    paths,
                    None if output_parquet else db,
                    scheduler=scheduler,
                    workers=workers,
                    batch_size=batch_size,
                    settings=settings,
                    output_parquet=output_parquet,
                    progress=tick,
                )
            else:
                from newsevents.corpus import ingest as run_ingest

                stats = run_ingest(
                    paths, db, workers=workers, batch_size=batch_size, settings=settings, progress=tick
                )
    rate = stats.done / stats.seconds if stats.seconds else 0.0
    where = str(output_parquet) if output_parquet else db
    console.print(
        f"[bold]{stats.read}[/bold] read: [green]{stats.ok} ok[/green] ({stats.replaced} replaced), "
        f"{stats.skipped} skipped (unchanged), [red]{stats.failed} failed[/red]; "
        f"{stats.events} events; {stats.seconds:.1f}s ({rate:.1f} articles/s) -> {where}",
        highlight=False,
    )
    for f in stats.failures[:5]:
        at = f"{f.input}:{f.position}" if f.position is not None else f.input
        err_console.print(f"  failed: {at}: {f.reason}", highlight=False, soft_wrap=True)
    if len(stats.failures) > 5:
        err_console.print(f"  ... and {len(stats.failures) - 5} more: newsevents query 'FROM failures'")


class _progress_bar:
    """A rich progress bar fed with RunStats: done/total, articles/s and ETA."""

    def __init__(self, total: int | None, quiet: bool) -> None:
        self.total, self.quiet = total, quiet
        self.start = time.perf_counter()

    def __enter__(self):
        if self.quiet:
            return lambda stats: None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} articles/s"),
            TextColumn("ok {task.fields[ok]} skip {task.fields[skipped]} fail {task.fields[failed]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=err_console,
            transient=False,
        )
        self.progress.start()
        self.task = self.progress.add_task("ingest", total=self.total, rate=0.0, ok=0, skipped=0, failed=0)

        def tick(stats) -> None:
            elapsed = time.perf_counter() - self.start
            self.progress.update(
                self.task,
                completed=stats.done,
                rate=stats.done / elapsed if elapsed else 0.0,
                ok=stats.ok,
                skipped=stats.skipped,
                failed=stats.failed,
            )

        return tick

    def __exit__(self, *exc: object) -> None:
        if not self.quiet:
            self.progress.stop()


# ---- reading -----------------------------------------------------------------------------------


def _jsonable(v: Any) -> Any:
    if isinstance(v, dt.datetime | dt.date):
        return v.isoformat()
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    return v


def print_rows(columns: list[str], rows: list[tuple], fmt: RowFormat, title: str | None = None) -> None:
    if fmt is RowFormat.json:
        typer.echo(
            json.dumps(
                [{c: _jsonable(v) for c, v in zip(columns, r, strict=True)} for r in rows],
                ensure_ascii=False,
                indent=2,
            )
        )
    elif fmt is RowFormat.csv:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(columns)
        w.writerows([_jsonable(v) for v in r] for r in rows)
    else:
        from rich.table import Table

        table = Table(title=title, title_justify="left")
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*("" if v is None else str(_jsonable(v)) for v in r))
        console.print(table)


@app.command()
def query(
    sql: str = typer.Argument(..., help="A SQL query (DuckDB dialect) over the store's tables."),
    db: str = DB_OPTION,
    output_format: RowFormat = typer.Option(RowFormat.table, "--format", "-f", help="table, csv or json."),
) -> None:
    """Run a read-only SQL query on the store; json is a list of row objects.

    Tables: articles, actors, mentions, events, quotes, attributions, times, places, failures, runs
    (docs/store.md).

    Example:

      newsevents query "SELECT cameo_root, count(*) n FROM events GROUP BY 1 ORDER BY n DESC" -f csv
    """
    from newsevents.store import Store

    with cli_errors(), Store.open(db, read_only=True) as store:
        columns, rows = store.query(sql)
    print_rows(columns, rows, output_format)


@app.command()
def events(
    db: str = DB_OPTION,
    actor: str | None = typer.Option(
        None, help="Source or target actor code (prefix match: RUS matches RUSGOV) or name."
    ),
    country: str | None = typer.Option(None, help="ISO3 country of the source or target actor."),
    cameo: str | None = typer.Option(None, help="CAMEO code prefix: 04 (root) or 042."),
    since: str | None = typer.Option(None, help="Event date (else publication date) on or after YYYY-MM-DD."),
    until: str | None = typer.Option(None, help="Event date (else publication date) on or before."),
    limit: int = typer.Option(50, min=1, help="At most this many rows."),
    output_format: RowFormat = typer.Option(RowFormat.table, "--format", "-f", help="table, csv or json."),
) -> None:
    """List stored events with their evidence sentence, filtered by actor, country, CAMEO code and date.

    Example:

      newsevents events --country RUS --cameo 04 --since 2025-01-01 --limit 20
    """
    from newsevents.export.tables import events_query
    from newsevents.store import Store

    sql, params = events_query(
        actor=actor, country=country, cameo=cameo, since=since, until=until, limit=limit
    )
    with cli_errors(), Store.open(db, read_only=True) as store:
        columns, rows = store.query(sql, params)
    print_rows(columns, rows, output_format, title=f"Events ({len(rows)})")


@app.command()
def export(
    out: Path = typer.Argument(..., help="Output file ('-' for stdout; parquet --table all: a folder)."),
    output_format: ExportFormat = typer.Option(
        ExportFormat.jsonl, "--format", "-f", help="jsonl, csv, parquet, gdelt (TSV) or plover (JSONL)."
    ),
    db: str = DB_OPTION,
    table: str = typer.Option(
        "events", help="jsonl/csv/parquet: the table to export, or 'all' (parquet: one file per table)."
    ),
) -> None:
    """Export the store: tables as JSONL/CSV/Parquet, events as GDELT 2.0 TSV or PLOVER JSONL.

    Examples:

      newsevents export events.parquet --format parquet

      newsevents export events.gdelt.tsv --format gdelt
    """
    from newsevents.export import export as run_export
    from newsevents.store import Store

    with cli_errors(), Store.open(db, read_only=True) as store:
        n = run_export(store, out, output_format.value, table=table)
    err_console.print(f"{n} rows -> {out}", highlight=False)


# ---- demo --------------------------------------------------------------------------------------


@app.command()
def demo(db: str = DB_OPTION) -> None:
    """Ingest the example articles (and ../shared/seed when present) and show what was found.

    Running it again changes nothing: the articles are already stored.

    Example:

      newsevents demo --db newsevents.duckdb
    """
    from newsevents.corpus import ingest as run_ingest
    from newsevents.corpus.demo import demo_inputs, print_demo
    from newsevents.store import Store

    with cli_errors():
        items = demo_inputs(ROOT)
        with _progress_bar(len(items), False) as tick:
            stats = run_ingest([str(ROOT / "examples")], db, progress=tick, batch_size=8, items=items)
        console.print(
            f"{stats.read} articles read: {stats.ok} extracted, {stats.skipped} already stored, "
            f"{stats.failed} failed -> {db}",
            highlight=False,
        )
        with Store.open(db, read_only=True) as store:
            print_demo(store, console)
