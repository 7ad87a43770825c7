"""The corpus runner: inputs -> Articles -> batches -> Pipeline.pipe in worker processes -> the store.

    read(paths) ─┬─ InputError ───────────────────────────────► failures (at once)
                 └─ Article ─► batch ─► skip known (id, hash) ─► worker: Pipeline.pipe ─► rows
                                                                    (model loaded once per worker)
                                                     main process: one transaction per batch ◄─┘

Only the main process touches the DuckDB file (one writer); workers return Arrow tables. Finished
batches are written a few at a time (WRITE_BATCHES), in one transaction per write: each DuckDB
transaction has a fixed cost that per-batch commits paid again and again. A batch is committed whole or
not at all, so after ``kill -9`` a rerun finds the committed batches by (article id, content hash), skips
them and does the rest: nothing lost, nothing twice.
"""

from __future__ import annotations

import gzip
import multiprocessing as mp
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from newsevents.errors import InputError
from newsevents.ingest import JSONL_SUFFIXES, iter_files, read
from newsevents.model import Article
from newsevents.settings import Settings
from newsevents.store import Failure, Store, to_arrow
from newsevents.store.store import utcnow

DEFAULT_BATCH_SIZE = 32
# Finished batches written together in one transaction.
WRITE_BATCHES = 4


@dataclass(slots=True)
class RunStats:
    run_id: int = 0
    read: int = 0  # articles and unreadable inputs seen
    ok: int = 0  # articles extracted and written (new or replaced)
    replaced: int = 0  # of which changed since the last run
    skipped: int = 0  # unchanged articles already in the store
    failed: int = 0  # failures recorded
    events: int = 0
    tokens: int = 0  # tokens the pipeline read (for throughput)
    pending: int = 0  # extracted, waiting to be written with the next few batches
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    def record(self, store: Store, status: str) -> None:
        """Close this run's row in the `runs` table with its counts."""
        store.finish_run(
            self.run_id,
            status=status,
            n_read=self.read,
            n_ok=self.ok,
            n_skipped=self.skipped,
            n_failed=self.failed,
        )

    @property
    def done(self) -> int:
        return self.ok + self.skipped + self.failed + self.pending


ProgressFn = Callable[[RunStats], None]


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """How many items ``read(paths)`` will yield (for the progress bar's ETA); None for stdin."""
    total = 0
    for path in iter_files(paths):
        if path == "-":
            return None
        name = str(path)
        if name.endswith(JSONL_SUFFIXES):
            opener = gzip.open if name.endswith(".gz") else open
            try:
                with opener(name, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


# ---- the work of one batch (in a worker process, or in-process with one worker) --------------------


def _pipeline(settings: Settings):
    # Once per process (default_pipeline is cached): loading spaCy and the stage data is the slow part.
    from newsevents.pipeline import default_pipeline

    return default_pipeline(settings)


def _init_worker(settings: Settings) -> None:
    _pipeline(settings)


@dataclass(slots=True)
class BatchResult:
    tables: dict[str, pa.Table]
    failures: list[Failure]
    tokens: int = 0


def process_batch(
    articles: Sequence[Article],
    settings: Settings,
    run_id: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> BatchResult:
    """Run the pipeline over a batch; an article that breaks the pipeline becomes a failure, not a crash.

    spaCy gets the whole batch at once (batch_size defaults to the runner's batch), as ``nlp.pipe`` with the
    same batch size would: halving it made the parser and entity recogniser a little slower.
    """
    pipeline = _pipeline(settings)
    failures: list[Failure] = []
    try:
        extractions = list(pipeline.pipe(articles, batch_size=batch_size))
    except Exception:
        # Find the culprit(s) one by one; the rest of the batch is kept.
        extractions = []
        for article in articles:
            try:
                extractions.append(pipeline(article))
            except Exception as exc:
                failures.append(pipeline_failure(article, exc))
    tokens = sum(len(x.article.text.split()) for x in extractions)
    tables = to_arrow(extractions, run_id=run_id, ingested_at=utcnow())
    return BatchResult(tables, failures, tokens)


def pipeline_failure(article: Article, exc: BaseException) -> Failure:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {'/'.join(Path(where.filename).parts[-2:])}:{where.lineno}" if where else ""
    return Failure.from_source(
        article.input or article.id,
        f"pipeline error{at}: {exc.__class__.__name__}: {exc}",
        error="PipelineError",
        article_id=article.id,
    )


def input_failure(exc: InputError) -> Failure:
    return Failure.from_source(exc.source, exc.detail, error=exc.__class__.__name__)


# ---- batching ------------------------------------------------------------------------------------


def batches(
    items: Iterable[Article | InputError], size: int
) -> Iterator[tuple[list[Article], list[InputError]]]:
    """Group the reader's stream into (articles, input errors) chunks of ``size`` articles."""
    arts: list[Article] = []
    errs: list[InputError] = []
    for item in items:
        if isinstance(item, InputError):
            errs.append(item)
            if len(errs) >= size:
                yield arts, errs
                arts, errs = [], []
            continue
        arts.append(item)
        if len(arts) >= size:
            yield arts, errs
            arts, errs = [], []
    if arts or errs:
        yield arts, errs


def _mp_context() -> mp.context.BaseContext:
    # Never fork a process that may hold DuckDB and spaCy state; forkserver where available.
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    # The server loads the pipeline once and forks the workers from it (see preload.py). This takes
    # effect when the server starts, i.e. on the first pool of the process.
    ctx.set_forkserver_preload(["newsevents.corpus.preload"])
    return ctx


def _noop() -> None:
    pass


def warm_workers() -> None:
    """Start the forkserver now and return once it has loaded the pipeline (see preload.py).

    For callers that time ingest runs or start many of them: the worker processes of later runs are then
    forked from a loaded pipeline at once. Without it the first run with workers > 1 starts the server.
    """
    ctx = _mp_context()
    if ctx.get_start_method() == "forkserver":
        probe = ctx.Process(target=_noop)
        probe.start()  # the server forks it only after its preload is done
        probe.join()


# ---- the run -------------------------------------------------------------------------------------


def ingest(
    paths: Sequence[str | Path],
    db: str | Path,
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    settings: Settings | None = None,
    progress: ProgressFn | None = None,
    store: Store | None = None,
    items: Iterable[Article | InputError] | None = None,
) -> RunStats:
    """Ingest ``paths`` into the DuckDB file ``db`` with the local engine; returns the run's counts.

    ``items`` replaces reading ``paths`` (Articles built by the caller, e.g. with metadata of its own).
    """
    settings = settings or Settings.from_env()
    own = store is None
    store = store or Store.open(db)
    stats = RunStats()
    start = time.perf_counter()
    stats.run_id = store.start_run(
        inputs=[str(p) for p in paths], engine="local", workers=workers, batch_size=batch_size
    )
    status = "failed"
    try:
        stream = items if items is not None else read(paths, settings)
        _run_local(stream, store, stats, workers, batch_size, settings, progress)
        link_run(store, stats.run_id)
        status = "finished"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        stats.seconds = time.perf_counter() - start
        stats.record(store, status)
        if own:
            store.close()
    return stats


def link_run(store: Store, run_id: int) -> None:
    """The link stage after the run: re-cluster only the blocks the new or changed articles touch."""
    from newsevents.link import update_clusters_for_run

    update_clusters_for_run(store, run_id)


def _todo(store: Store, stats: RunStats, articles: list[Article], errors: list[InputError]) -> list[Article]:
    """Record input errors, drop articles already stored unchanged; what is left goes to the pipeline."""
    stats.read += len(articles) + len(errors)
    if errors:
        failures = [input_failure(e) for e in errors]
        store.record_failures(failures, run_id=stats.run_id)
        stats.failed += len(failures)
        stats.failures.extend(failures)
    known = store.known_hashes(a.id for a in articles)
    todo = [a for a in articles if known.get(a.id) != a.content_hash]
    stats.skipped += len(articles) - len(todo)
    return todo


class _Writer:
    """Writes finished batches to the store, WRITE_BATCHES at a time in one transaction.

    The batches of one write never share an article id, so the store sees exactly what one write per
    batch would have given it (a repeated article is skipped or replaced by the later batch).
    """

    def __init__(self, store: Store, stats: RunStats, every: int | None = None) -> None:
        self.store, self.stats, self.every = store, stats, every or WRITE_BATCHES
        self.results: list[BatchResult] = []
        self.ids: set[str] = set()

    def add(self, result: BatchResult) -> None:
        ids = set(result.tables["articles"].column("id").to_pylist())
        if ids & self.ids:
            self.flush()
        self.results.append(result)
        self.ids |= ids
        self.stats.pending += len(ids)
        if len(self.results) >= self.every:
            self.flush()

    def flush(self) -> None:
        if not self.results:
            return
        results, self.results, self.ids = self.results, [], set()
        if len(results) == 1:
            tables = results[0].tables
        else:
            tables = {t: pa.concat_tables([r.tables[t] for r in results]) for t in results[0].tables}
        failures = [f for r in results for f in r.failures]
        written = self.store.write_arrow(tables, failures, run_id=self.stats.run_id)
        stats = self.stats
        stats.pending -= tables["articles"].num_rows
        stats.ok += written.written + written.replaced
        stats.replaced += written.replaced
        stats.skipped += written.skipped
        stats.failed += len(failures)
        stats.failures.extend(failures)
        stats.events += tables["events"].num_rows
        stats.tokens += sum(r.tokens for r in results)


def _run_local(
    items: Iterable[Article | InputError],
    store: Store,
    stats: RunStats,
    workers: int,
    batch_size: int,
    settings: Settings,
    progress: ProgressFn | None,
) -> None:
    stream = batches(items, batch_size)
    tick = progress or (lambda s: None)
    writer = _Writer(store, stats)
    if workers <= 1:
        try:
            for articles, errors in stream:
                todo = _todo(store, stats, articles, errors)
                if todo:
                    writer.add(process_batch(todo, settings, stats.run_id))
                tick(stats)
        except KeyboardInterrupt:
            writer.flush()  # the finished batches are kept
            raise
        writer.flush()
        tick(stats)
        return
    # Keep a few batches per worker in flight: enough to keep them busy, few enough to bound memory.
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=_mp_context(), initializer=_init_worker, initargs=(settings,)
    )
    try:
        pending: deque[Future[BatchResult]] = deque()
        for articles, errors in stream:
            todo = _todo(store, stats, articles, errors)
            if todo:
                pending.append(pool.submit(process_batch, todo, settings, stats.run_id))
            else:
                tick(stats)
            while len(pending) >= 2 * workers:
                _drain(pending, writer, tick, block=True)
            _drain(pending, writer, tick, block=False)
        while pending:
            _drain(pending, writer, tick, block=True)
        writer.flush()
        tick(stats)
    except BaseException as exc:
        # Ctrl-C or an error: drop the queued batches (they were not written; a rerun does them).
        pool.shutdown(wait=False, cancel_futures=True)
        if isinstance(exc, KeyboardInterrupt):
            writer.flush()  # the finished batches are kept
        raise
    pool.shutdown(wait=True)


def _drain(pending: deque[Future[BatchResult]], writer: _Writer, tick: ProgressFn, *, block: bool) -> None:
    if block:
        wait(list(pending), return_when=FIRST_COMPLETED)
    for fut in [f for f in pending if f.done()]:
        pending.remove(fut)
        writer.add(fut.result())
        tick(writer.stats)
