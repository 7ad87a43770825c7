"""Corpus runs: ingest end to end, failures, idempotency, kill -9 and resume, worker processes, Dask."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_store import snapshot
from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.corpus import count_inputs, ingest
from newsevents.store import Store

ROOT = Path(__file__).resolve().parents[1]

PAIRS = [
    ("Norway", "Chile", "signed a fisheries accord with"),
    ("Kenya", "Uganda", "accused"),
    ("Japan", "Vietnam", "pledged aid to"),
    ("Brazil", "Argentina", "held talks with"),
    ("Egypt", "Sudan", "criticised"),
]


def articles(n: int) -> list[dict]:
    """n short, distinct articles (the pairs and days vary) as JSONL records."""
    out = []
    for i in range(n):
        a, b, verb = PAIRS[i % len(PAIRS)]
        day = 1 + i % 27
        out.append(
            {
                "id": f"t{i:03d}",
                "source": "Test Wire",
                "date": f"2025-04-{day:02d}",
                "title": f"Story {i}",
                "text": f"The government of {a} {verb} {b} on Tuesday, officials said. "
                f"Talks between the two countries are expected to continue in May, story {i} said.",
            }
        )
    return out


def write_jsonl(path: Path, records: list[dict], extra_lines: list[str] = ()) -> Path:
    lines = [json.dumps(r) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Five good articles, a malformed JSONL line, a binary file and an empty file."""
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "wire.jsonl", articles(5), ['{"id": "broken", "text": '])
    (folder / "image.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def data(db: Path) -> dict:
    with Store.open(db, read_only=True) as s:
        return snapshot(s)


def test_ingest_records_failures_and_exits_zero(corpus, tmp_path, pipeline):
    db = tmp_path / "c.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "5 ok" in result.output and "3 failed" in result.output
    with Store.open(db, read_only=True) as s:
        _, rows = s.query("SELECT input, position, error FROM failures ORDER BY input")
        assert [(Path(i).name, p, e) for i, p, e in rows] == [
            ("empty.txt", None, "EmptyInput"),
            ("image.txt", None, "BinaryInput"),
            ("wire.jsonl", 6, "MalformedRecord"),
        ]
        assert s.counts()["articles"] == 5
        _, runs = s.query("SELECT status, n_read, n_ok, n_skipped, n_failed FROM runs")
        assert runs == [("finished", 8, 5, 0, 3)]


def test_second_run_changes_nothing_and_changed_article_is_replaced(corpus, tmp_path, pipeline):
    db = tmp_path / "c.duckdb"
    ingest([corpus], db)
    with Store.open(db, read_only=True) as s:
        before = snapshot(s, drop=())
    stats = ingest([corpus], db)
    assert (stats.ok, stats.skipped, stats.failed) == (0, 5, 3)
    with Store.open(db, read_only=True) as s:
        assert snapshot(s, drop=()) == before
    # One article edited: only that one is extracted again.
    records = articles(5)
    records[2]["text"] = records[2]["text"].replace("Tuesday", "Wednesday")
    write_jsonl(corpus / "wire.jsonl", records, ['{"id": "broken", "text": '])
    stats = ingest([corpus], db)
    assert (stats.ok, stats.replaced, stats.skipped) == (1, 1, 4)
    with Store.open(db, read_only=True) as s:
        _, rows = s.query("SELECT count(*) FROM articles WHERE text LIKE '%Wednesday%'")
        assert rows == [(1,)] and s.counts()["articles"] == 5


KILL_SCRIPT = textwrap.dedent(
    """
    import sys
    import time
    from newsevents.corpus import ingest

    def tick(stats):
        print(stats.ok, flush=True)
        time.sleep(0.3)  # a slow corpus: room for the kill to land mid-run

    ingest([sys.argv[1]], sys.argv[2], batch_size=2, progress=tick)
    print("done", flush=True)
    """
)


def test_kill_9_then_resume_equals_uninterrupted_run(tmp_path, pipeline):
    src = write_jsonl(tmp_path / "twenty.jsonl", articles(20))
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    ingest([src], clean, batch_size=2)

    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(src), str(killed)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    committed = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip().isdigit():
            committed = int(line)
        if committed >= 6:  # a few batches committed, the rest not yet
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"

    with Store.open(killed, read_only=True) as s:
        partial = s.counts()["articles"]
    assert 6 <= partial < 20
    stats = ingest([src], killed, batch_size=2)
    assert stats.skipped == partial and stats.ok == 20 - partial
    resumed, uninterrupted = data(killed), data(clean)
    for table in uninterrupted:
        assert resumed[table] == uninterrupted[table], table
    with Store.open(killed, read_only=True) as s:
        _, statuses = s.query("SELECT status FROM runs ORDER BY run_id")
        assert statuses == [("interrupted",), ("finished",)]
        before = snapshot(s, drop=())
    stats = ingest([src], killed, batch_size=2)
    assert (stats.ok, stats.skipped) == (0, 20)
    with Store.open(killed, read_only=True) as s:
        assert snapshot(s, drop=()) == before


def test_two_worker_processes_equal_one(tmp_path, pipeline):
    src = write_jsonl(tmp_path / "six.jsonl", articles(6))
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    ingest([src], one, batch_size=2)
    stats = ingest([src], two, batch_size=2, workers=2)
    assert stats.ok == 6
    a, b = data(one), data(two)
    for table in a:
        assert a[table] == b[table], table


def test_dask_engine_equals_local_run(tmp_path, pipeline):
    distributed = pytest.importorskip("dask.distributed")
    from newsevents.corpus.dask_engine import ingest_dask

    src = write_jsonl(tmp_path / "six.jsonl", articles(6), ["not json"])
    local, viadask = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    ingest([src], local, batch_size=2)
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        stats = ingest_dask([src], viadask, client=client, batch_size=2)
        assert (stats.ok, stats.failed) == (6, 1)
        out = tmp_path / "parquet"
        pq_stats = ingest_dask([src], None, client=client, batch_size=2, output_parquet=out)
        assert pq_stats.ok == 6
    assert data(local) == data(viadask)
    # The Parquet dataset: one folder per table, readable as one table.
    import duckdb

    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/articles/*.parquet')").fetchall()[0][0]
    assert n == 6
    assert (out / "events").is_dir() and (out / "failures").is_dir()
    assert not list(tmp_path.glob(".newsevents-dask-*")), "the scratch partitions are removed"


def test_count_inputs(corpus):
    assert count_inputs([corpus]) == 8


@pytest.mark.parametrize("command", ["ingest", "query", "events", "export", "demo"])
def test_help_ends_with_an_example(command):
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0
    body = result.output.split("╭")[0].rstrip().splitlines()
    assert body[-1].strip().startswith("newsevents "), body[-3:]
    assert any(line.strip().startswith("Example") for line in body)


def test_demo_is_idempotent(tmp_path, pipeline):
    db = tmp_path / "demo.duckdb"
    first = CliRunner().invoke(app, ["demo", "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "Top actors" in first.output and "Events with their evidence" in first.output
    with Store.open(db, read_only=True) as s:
        before = snapshot(s, drop=())
        assert s.counts()["articles"] >= 6
    second = CliRunner().invoke(app, ["demo", "--db", str(db)])
    assert second.exit_code == 0 and "0 extracted" in second.output
    with Store.open(db, read_only=True) as s:
        assert snapshot(s, drop=()) == before


def test_progress_is_reported(corpus, tmp_path, pipeline):
    seen = []
    ingest([corpus], tmp_path / "p.duckdb", batch_size=2, progress=lambda s: seen.append(s.done))
    assert seen == sorted(seen) and seen[-1] == 8


def test_batches_written_together_equal_batches_written_one_by_one(tmp_path, pipeline):
    """An article repeated in a later batch of the same write is replaced, as with one write per batch."""
    from newsevents.corpus import runner

    r = articles(4)
    changed = dict(r[0], text=r[0]["text"].replace("Tuesday", "Wednesday"))
    # Batches of two: [r0 r1] [r2 r0'] [r3 r1]. The second batch repeats r0 with a new text inside the
    # first write; the third repeats r1 unchanged after it.
    src = write_jsonl(tmp_path / "repeat.jsonl", [r[0], r[1], r[2], changed, r[3], r[1]])
    together = ingest([src], tmp_path / "together.duckdb", batch_size=2)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(runner, "WRITE_BATCHES", 1)
        one_by_one = ingest([src], tmp_path / "one.duckdb", batch_size=2)
    counts = ("read", "ok", "replaced", "skipped", "failed", "events", "pending")
    assert [getattr(together, c) for c in counts] == [getattr(one_by_one, c) for c in counts]
    assert (together.ok, together.replaced, together.skipped, together.pending) == (5, 1, 1, 0)
    assert data(tmp_path / "together.duckdb") == data(tmp_path / "one.duckdb")
