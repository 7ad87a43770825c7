"""Throughput: bare spaCy ``nlp.pipe`` vs ``newsevents ingest``, 1 and 2 processes, n = 100, 300, 1000.

    .venv/bin/python bench/throughput.py [--corpus ../shared/corpus/wire_afp_xinhua.jsonl.gz] [--n 100 300 1000]

Both sides read the same first n articles of one corpus file, with the same spaCy model and the same
number of processes. Each measurement runs in a fresh Python process, so peak RSS is that run's own:

- spacy:      spacy.load(model) (outside the clock), then nlp.pipe(texts, n_process=P) over the texts;
- newsevents: its models loaded outside the clock: the language identifier in the process, the pipeline
              (P=1) in the process or (P=2) in the forkserver that the workers are forked from
              (``corpus.runner.warm_workers``); then ``corpus.ingest`` of the JSONL into a new DuckDB
              file: reading, all stages, writing, linking. With P=2 the clock includes forking the
              workers, as spaCy's n_process does.
- stock:      as newsevents, with spaCy's stock attribute_ruler and lemmatizer (at --stock-n only).

The fixed costs (pool start, model load in workers) are separated from the per-article cost by a
least-squares line time = a + b*n per configuration; 1/b is the marginal throughput reported next to
the raw articles/s. Writes the "throughput" section of docs/benchmarks.md and docs/img/throughput.png.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wire_afp_xinhua.jsonl.gz"


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux; children = the largest worker process that has been waited for.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def cpu_seconds() -> float:
    """User + system CPU seconds of this process so far."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def one(mode: str, procs: int, path: str) -> dict:
    """One measurement, in this (fresh) process."""
    if mode == "stock":
        # newsevents with spaCy's own attribute_ruler and lemmatizer instead of its exact stand-ins.
        os.environ["NEWSEVENTS_FAST_SPACY_RULES"] = "0"
    from newsevents.settings import Settings

    settings = Settings.from_env()
    if mode == "spacy":
        import spacy

        nlp = spacy.load(settings.model)
        with open(path, encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh]
        start, cpu = time.perf_counter(), cpu_seconds()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32, n_process=procs))
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
        return {
            "seconds": seconds,
            "cpu": cpu,
            "articles": len(texts),
            "tokens": tokens,
            "rss_mb": peak_rss_mb(),
        }
    from newsevents.corpus import ingest
    from newsevents.ingest.language import identifier
    from newsevents.pipeline import default_pipeline

    identifier()  # newsevents' other model, read by the main process: loaded outside the clock too
    if procs == 1:
        default_pipeline(settings)
    else:
        # The model loaded outside the clock here too: in the forkserver the workers are forked from,
        # as spaCy's workers are forked from a process that has it loaded.
        from newsevents.corpus.runner import warm_workers

        warm_workers()
    with tempfile.TemporaryDirectory() as tmp:
        start, cpu = time.perf_counter(), cpu_seconds()
        stats = ingest([path], Path(tmp) / "bench.duckdb", workers=procs, batch_size=32, settings=settings)
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {
        "seconds": seconds,
        "cpu": cpu,
        "articles": stats.ok,
        "failed": stats.failed,
        "events": stats.events,
        "rss_mb": peak_rss_mb(),
    }


def sample(corpus: Path, n: int, out: Path) -> Path:
    path = out / f"sample-{n}.jsonl"
    with gzip.open(corpus, "rt", encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    return path


def measure(mode: str, procs: int, path: Path) -> dict:
    """Run one measurement in a fresh process; sample the RSS of it and every descendant (workers)."""
    import psutil

    proc = subprocess.Popen(
        [sys.executable, __file__, "--one", mode, str(procs), str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    peak = 0
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            for p in [root, *root.children(recursive=True)]:
                peak = max(peak, p.memory_info().rss)
        except psutil.Error:
            pass
        time.sleep(0.2)
    out = proc.stdout.read() if proc.stdout else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{mode} P={procs} failed with exit code {proc.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    # The sampled peak catches forkserver workers, which getrusage(RUSAGE_CHILDREN) does not see.
    result["rss_mb"] = max(result["rss_mb"], peak / 2**20)
    return result


def fit(ns: list[int], secs: list[float]) -> tuple[float, float]:
    """Least squares time = a + b*n."""
    k = len(ns)
    mx, my = sum(ns) / k, sum(secs) / k
    b = sum((x - mx) * (y - my) for x, y in zip(ns, secs, strict=True)) / sum((x - mx) ** 2 for x in ns)
    return my - b * mx, b


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--n", type=int, nargs="+", default=[100, 300, 1000])
    ap.add_argument("--procs", type=int, nargs="+", default=[1, 2])
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs per cell, alternating spaCy and newsevents; the fastest counts, the spread is shown",
    )
    ap.add_argument(
        "--stock-n",
        type=int,
        default=1000,
        help="also run newsevents with spaCy's stock attribute_ruler and lemmatizer at this n (0: no)",
    )
    ap.add_argument("--one", nargs=3, metavar=("MODE", "PROCS", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        mode, procs, path = args.one
        print(json.dumps(one(mode, int(procs), path)))
        return
    if not args.corpus.exists():
        sys.exit(f"bench needs {args.corpus} (../shared)")

    results: list[dict] = []
    args.load_before = os.getloadavg()[1]
    with tempfile.TemporaryDirectory() as tmp:
        samples = {n: sample(args.corpus, n, Path(tmp)) for n in args.n}
        for n in args.n:
            for procs in args.procs:
                modes = ("spacy", "newsevents", "stock") if n == args.stock_n else ("spacy", "newsevents")
                for mode in (m for _ in range(args.repeat) for m in modes):  # alternating
                    r = measure(mode, procs, samples[n]) | {"mode": mode, "procs": procs, "n": n}
                    results.append(r)
                    print(
                        f"{mode:10s} P={procs} n={n:5d}: {r['seconds']:7.1f}s "
                        f"{r['articles'] / r['seconds']:6.1f} art/s  rss {r['rss_mb']:.0f} MB "
                        f"failed {r.get('failed', 0)}",
                        flush=True,
                    )
    args.load_after = os.getloadavg()[1]
    # Tokens are counted by spaCy; both sides read the same texts.
    tokens = {r["n"]: r["tokens"] for r in results if r["mode"] == "spacy"}
    write_report(results, tokens, args)


def write_report(results: list[dict], tokens: dict[int, int], args: argparse.Namespace) -> None:
    # The measurements import newsevents as installed (or from PYTHONPATH, e.g. a frozen copy of the
    # tree); only the report needs the repository's eval/ helpers.
    sys.path.insert(0, str(ROOT))
    from eval.report import markdown_table, write_section

    def get(mode: str, procs: int, n: int) -> dict:
        """The fastest of the repeated runs of a cell: other jobs only ever slow a run down."""
        runs = [r for r in results if (r["mode"], r["procs"], r["n"]) == (mode, procs, n)]
        return min(runs, key=lambda r: r["seconds"])

    def spread(procs: int, n: int) -> str:
        """Lowest-highest ratio over the alternating pairs (i-th spaCy run, i-th newsevents run): how far
        one pair of neighbouring runs can be from the fastest-run ratio on this machine."""
        runs = {
            m: [r for r in results if (r["mode"], r["procs"], r["n"]) == (m, procs, n)]
            for m in ("spacy", "newsevents")
        }
        ratios = [s["seconds"] / x["seconds"] for s, x in zip(runs["spacy"], runs["newsevents"], strict=True)]
        return f"{min(ratios):.2f}-{max(ratios):.2f}x" if len(ratios) > 1 else ""

    rows = []
    for procs in args.procs:
        for n in args.n:
            s, x = get("spacy", procs, n), get("newsevents", procs, n)
            rows.append(
                [
                    procs,
                    n,
                    f"{s['seconds']:.1f}",
                    f"{x['seconds']:.1f}",
                    f"{n / s['seconds']:.1f}",
                    f"{n / x['seconds']:.1f}",
                    f"{tokens[n] / s['seconds']:.0f}",
                    f"{tokens[n] / x['seconds']:.0f}",
                    f"{s['seconds'] / x['seconds']:.2f}x",
                    spread(procs, n),
                    f"{s['cpu'] / x['cpu']:.2f}x" if procs == 1 else "",
                    f"{s['rss_mb']:.0f}",
                    f"{x['rss_mb']:.0f}",
                    f"{x['articles']} / {x.get('failed', 0)}",
                ]
            )
    fits = []
    for procs in args.procs:
        line = [procs]
        slopes = {}
        for mode in ("spacy", "newsevents"):
            a, b = fit(args.n, [get(mode, procs, n)["seconds"] for n in args.n])
            slopes[mode] = b
            line += [f"{a:.1f}", f"{1 / b:.1f}" if b > 0 else "n/a"]
        line.append(f"{slopes['spacy'] / slopes['newsevents']:.2f}x")
        fits.append(line)
    stock_rows = []
    if args.stock_n in args.n:
        for procs in args.procs:
            s, x, k = (get(m, procs, args.stock_n) for m in ("spacy", "newsevents", "stock"))
            stock_rows.append(
                [
                    procs,
                    args.stock_n,
                    f"{s['seconds']:.1f}",
                    f"{k['seconds']:.1f}",
                    f"{s['seconds'] / k['seconds']:.2f}x",
                    f"{s['cpu'] / k['cpu']:.2f}x" if procs == 1 else "",
                    f"{s['seconds'] / x['seconds']:.2f}x",
                    f"{k['events']} / {x['events']}",
                ]
            )
    events = {n: get("newsevents", args.procs[0], n).get("events", 0) for n in args.n}
    md = "\n\n".join(
        [
            "## Throughput: bare spaCy vs newsevents ingest",
            f"`bench/throughput.py`, run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on "
            f"{platform.machine()} ({args.procs[-1]} cores shared with other jobs), Python "
            f"{platform.python_version()}; the first n articles of `{args.corpus.name}`. spaCy: "
            "`nlp.pipe(texts, n_process=P)` with the model loaded before the clock starts. newsevents: "
            "`corpus.ingest` of the same articles into a new DuckDB file (read, all stages, write, link), "
            "with its models loaded before the clock as spaCy's is: the pipeline with its stage data, and "
            "py3langid's language identifier (about 0.5 s; the ingest stage asks it about the few articles "
            "an English function-word test does not settle). "
            "With P=2 the newsevents model is loaded before the clock in the forkserver its workers are forked "
            "from (`corpus.runner.warm_workers`), as spaCy's workers are forked from a process that has it. "
            f"Each cell is the fastest of {args.repeat} runs, each in a fresh process (spaCy and "
            "newsevents alternating): other jobs only ever slow a run down, so the fastest run is the best "
            "estimate of each side's own cost. The pairwise range shows the ratio of each neighbouring "
            "pair of runs (first spaCy run with first newsevents run, and so on): the noise a single pair "
            "carries on this machine. Peak RSS is the largest single process of the run "
            "(main or worker, sampled every 0.2 s). Load average (5 min) of the machine: "
            f"{args.load_before:.1f} before, {args.load_after:.1f} after: with other jobs on the same "
            "cores the absolute rates are low and noisy; spaCy and newsevents runs alternate, so the "
            "ratios are the figure to read. With one process the CPU seconds of the run (user + system) are "
            "shown as a ratio too: other jobs change them far less than the wall time. (With two processes "
            "the workers are not all children of the measured process, so no CPU ratio there.) Both sides "
            "run the model's enabled components (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner) "
            "and newsevents disables none; it adds its own and, by default, runs exact stand-ins for the "
            "model's attribute_ruler and lemmatizer (`nlp/rules.py`: the same annotations on every token, "
            "about a tenth of the cost). The second table shows the same ingest with spaCy's stock "
            "components (`NEWSEVENTS_FAST_SPACY_RULES=0`).",
            markdown_table(
                [
                    "processes",
                    "n",
                    "spaCy s",
                    "newsevents s",
                    "spaCy art/s",
                    "newsevents art/s",
                    "spaCy tok/s",
                    "newsevents tok/s",
                    "newsevents / spaCy",
                    "pairwise range",
                    "CPU-time ratio (1 process)",
                    "spaCy peak RSS MB",
                    "newsevents peak RSS MB",
                    "newsevents ok / failed",
                ],
                rows,
            ),
            "Linear fit time = a + b·n per configuration (a: fixed cost such as starting workers that "
            "load the model; 1/b: marginal articles/s):",
            markdown_table(
                [
                    "processes",
                    "spaCy a (s)",
                    "spaCy 1/b (art/s)",
                    "newsevents a (s)",
                    "newsevents 1/b (art/s)",
                    "marginal ratio",
                ],
                fits,
            ),
            *(
                [
                    "The same ingest with spaCy's stock attribute_ruler and lemmatizer:",
                    markdown_table(
                        [
                            "processes",
                            "n",
                            "spaCy s",
                            "newsevents (stock rules) s",
                            "newsevents (stock rules) / spaCy",
                            "CPU-time ratio (1 process)",
                            "newsevents (default) / spaCy",
                            "events: stock rules / default",
                        ],
                        stock_rows,
                    ),
                ]
                if stock_rows
                else []
            ),
            f"Events extracted (newsevents, P={args.procs[0]}): "
            + ", ".join(f"n={n}: {e}" for n, e in events.items())
            + ".",
            "![time against n](img/throughput.png)",
        ]
    )
    bench = ROOT / "docs" / "benchmarks.md"
    if not bench.exists():
        bench.write_text(
            "# Benchmarks\n\nMeasured by the scripts in bench/; each section is rewritten by its script.\n",
            encoding="utf-8",
        )
    write_section("throughput", md, path=bench)
    plot(results, args)
    print(md)


def plot(results: list[dict], args: argparse.Namespace) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    for mode, style in (("spacy", "--"), ("newsevents", "-")):
        for procs in args.procs:
            best: dict[int, float] = {}
            for r in results:
                if r["mode"] == mode and r["procs"] == procs:
                    best[r["n"]] = min(best.get(r["n"], r["seconds"]), r["seconds"])
            pts = sorted(best.items())
            ax.plot(*zip(*pts, strict=True), style, marker="o", label=f"{mode}, {procs} process(es)")
    ax.set_xlabel("articles (n)")
    ax.set_ylabel("seconds")
    ax.set_title("Time against n: bare spaCy vs newsevents ingest")
    ax.grid(alpha=0.3)
    ax.legend()
    out = ROOT / "docs" / "img" / "throughput.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    main()
