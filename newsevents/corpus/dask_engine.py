"""The Dask engine: the same batches and the same ``process_batch`` as the local engine, on Dask workers.

    client: read(paths) -> batches -> skip known (id, hash) -> client.submit(run_partition, batch, k)
    worker: Pipeline loaded once per worker process -> Arrow tables -> <dir>/<table>/part-<k>.parquet
    client: load the partitions into DuckDB, in order, one transaction each (or leave the dataset)

Workers write the partitions themselves, so ``--output-parquet`` (or the scratch folder next to the
database) must be on a file system every worker can see: a shared disk on a cluster (docs/scaling.md).
Because both engines turn batches into rows with the same code, and the store skips or replaces by
(article id, content hash), a Dask run and a local run over the same input give the same tables.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.corpus.runner import (
    DEFAULT_BATCH_SIZE,
    ProgressFn,
    RunStats,
    _todo,
    batches,
    input_failure,
    link_run,
    process_batch,
)
from newsevents.errors import InputError, NewsEventsError
from newsevents.ingest import read
from newsevents.model import Article
from newsevents.settings import Settings
from newsevents.store import TABLES, Failure, Store

FAILURE_SCHEMA = pa.schema(
    [
        ("input", pa.string()),
        ("position", pa.int64()),
        ("article_id", pa.string()),
        ("error", pa.string()),
        ("reason", pa.string()),
    ]
)


def run_partition(
    articles: Sequence[Article], part: int, out_dir: str, settings: Settings, run_id: int | None
) -> dict[str, Any]:
    """On a worker: one batch through the pipeline, written as one Parquet file per table."""
    result = process_batch(articles, settings, run_id)
    name = f"part-{part:06d}.parquet"
    for table, data in result.tables.items():
        folder = Path(out_dir) / table
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(data, folder / name)
    if result.failures:
        folder = Path(out_dir) / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        rows = [
            {"input": f.input, "position": f.position, "article_id": f.article_id, "error": f.error,
             "reason": f.reason}
            for f in result.failures
        ]  # fmt: skip
        pq.write_table(pa.Table.from_pylist(rows, schema=FAILURE_SCHEMA), folder / name)
    return {
        "part": part,
        "articles": result.tables["articles"].num_rows,
        "events": result.tables["events"].num_rows,
        "tokens": result.tokens,
        "failures": [(f.input, f.position, f.article_id, f.error, f.reason) for f in result.failures],
    }


def read_partition(out_dir: str | Path, part: int) -> dict[str, pa.Table]:
    name = f"part-{part:06d}.parquet"
    return {t: pq.read_table(Path(out_dir) / t / name, schema=TABLES[t].arrow_schema()) for t in TABLES}


def _client(scheduler: str | None, workers: int) -> Any:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # the dask extra is optional
        raise NewsEventsError("the dask engine needs `pip install newsevents[dask]`") from exc
    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster)


def ingest_dask(
    paths: Sequence[str | Path],
    db: str | Path | None,
    *,
    scheduler: str | None = None,
    client: Any = None,
    workers: int = 2,
    batch_size: int = DEFAULT_BATCH_SIZE,
    settings: Settings | None = None,
    output_parquet: str | Path | None = None,
    progress: ProgressFn | None = None,
    items: Iterable[Article | InputError] | None = None,
) -> RunStats:
    """Run the pipeline on a Dask cluster; load the result into ``db`` or leave it in ``output_parquet``.

    ``client``: an existing ``dask.distributed.Client`` (tests pass one on a LocalCluster); else one is
    made for ``scheduler`` (an address) or for a local cluster of ``workers`` processes.
    """
    if db is None and output_parquet is None:
        raise NewsEventsError("give a database or --output-parquet")
    settings = settings or Settings.from_env()
    tick = progress or (lambda s: None)
    stats = RunStats()
    start = time.perf_counter()
    store = Store.open(db) if db is not None else None
    scratch = output_parquet is None
    if output_parquet:
        out_dir = Path(output_parquet)
    else:  # scratch next to the database: workers on this machine can see it
        out_dir = Path(tempfile.mkdtemp(prefix=".newsevents-dask-", dir=Path(str(db)).resolve().parent))
    out_dir.mkdir(parents=True, exist_ok=True)
    own_client = client is None
    client = client or _client(scheduler, workers)
    status = "failed"
    if store is not None:
        stats.run_id = store.start_run(
            inputs=[str(p) for p in paths], engine="dask", workers=workers, batch_size=batch_size
        )
    try:
        from dask.distributed import as_completed

        stream = items if items is not None else read(paths, settings)
        parts: list[int] = []
        loose_failures: list[Failure] = []
        pipeline_failures: list[Failure] = []
        running = as_completed()
        # Back-pressure: a few batches per worker in flight, so the client never holds the whole corpus.
        limit = 4 * max(1, len(client.scheduler_info().get("workers", {})) or workers)

        def collect(fut: Any) -> None:
            info = fut.result()
            parts.append(info["part"])
            stats.events += info["events"]
            stats.tokens += info["tokens"]
            failed = [
                Failure(input=i, position=p, article_id=a, error=e, reason=r)
                for i, p, a, e, r in info["failures"]
            ]
            stats.failed += len(failed)
            stats.failures.extend(failed)
            pipeline_failures.extend(failed)
            if store is None:
                stats.ok += info["articles"]
            tick(stats)

        for k, (articles, errors) in enumerate(batches(stream, batch_size)):
            if store is not None:
                todo = _todo(store, stats, articles, errors)
            else:
                stats.read += len(articles) + len(errors)
                loose_failures += [input_failure(e) for e in errors]
                stats.failed += len(errors)
                todo = articles
            if todo:
                running.add(
                    client.submit(run_partition, todo, k, str(out_dir), settings, stats.run_id, pure=False)
                )
            tick(stats)
            while running.count() >= limit:
                collect(next(running))
        for fut in running:
            collect(fut)
        # Load in partition order, so a duplicate id within the input resolves as in a local run.
        if store is not None:
            for part in sorted(parts):
                written = store.write_arrow(read_partition(out_dir, part), run_id=stats.run_id)
                stats.ok += written.written + written.replaced
                stats.replaced += written.replaced
                stats.skipped += written.skipped
            store.record_failures(pipeline_failures, run_id=stats.run_id)
            link_run(store, stats.run_id)
        elif loose_failures:
            folder = out_dir / "failures"
            folder.mkdir(parents=True, exist_ok=True)
            rows = [
                {"input": f.input, "position": f.position, "article_id": f.article_id, "error": f.error,
                 "reason": f.reason}
                for f in loose_failures
            ]  # fmt: skip
            pq.write_table(pa.Table.from_pylist(rows, schema=FAILURE_SCHEMA), folder / "inputs.parquet")
            stats.failures += loose_failures
        tick(stats)
        status = "finished"
    finally:
        stats.seconds = time.perf_counter() - start
        if own_client:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
        if store is not None:
            stats.record(store, status)
            store.close()
        if scratch and status == "finished":
            shutil.rmtree(out_dir, ignore_errors=True)
    return stats
