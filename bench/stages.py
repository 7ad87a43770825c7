"""Per-stage overhead: each newsevents component's time against bare spaCy, on N corpus articles.

Bare spaCy (the same model, `nlp.pipe`) and the full newsevents pipeline run in the same process on the same
texts; in both every component is wrapped in a timer, so spaCy's own components are shown side by side. Times are
CPU seconds of this process (time.process_time), not wall time: the machine is shared, and wall time
moved by a third between two identical bare runs, which once made the full run look faster than bare
spaCy. After one untimed round of each, the two pipelines alternate for --rounds rounds (bare, full,
bare, full...) and the means are reported. Writes section "stages" of docs/benchmarks.md.

    .venv/bin/python bench/stages.py [--n 500] [--rounds 2] [--corpus wire_afp_xinhua.jsonl.gz]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.report import markdown_table, write_section  # noqa: E402

# The components each stage adds (stage -> component-name prefixes).
STAGES = {
    "actors": ("newsevents_actor_ruler", "newsevents_actors"),
    "temporal": ("newsevents_temporal",),
    "places": ("newsevents_places",),
    "events": ("newsevents_events",),
    "attribution": ("newsevents_attribution",),
}


class Timed:
    """Wraps a component: same call, time added to a shared counter."""

    def __init__(self, name: str, proc, totals: dict[str, float]) -> None:
        self.name, self.proc, self.totals = name, proc, totals

    def __call__(self, doc):
        t0 = time.process_time()
        doc = self.proc(doc)
        self.totals[self.name] += time.process_time() - t0
        return doc


def load_articles(path: Path, n: int):
    from newsevents.ingest import from_text

    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if not (rec.get("text") or "").strip():
                continue
            out.append(from_text(rec["text"], published=rec.get("date"), source=rec.get("source")))
            if len(out) == n:
                break
    return out


def time_pipe(nlp, articles, batch_size: int) -> float:
    """CPU seconds of nlp.pipe over the articles (tokenising included, as in an ingest)."""
    from newsevents.nlp import make_doc

    t0 = time.process_time()
    for _ in nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=batch_size):
        pass
    return time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--corpus", default="wire_afp_xinhua.jsonl.gz")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    path = ROOT.parent / "shared" / "corpus" / args.corpus
    if not path.exists():
        sys.exit(f"bench needs {path}")

    import spacy

    from newsevents.pipeline import build_nlp
    from newsevents.settings import Settings

    settings = Settings.from_env()
    articles = load_articles(path, args.n)
    words = sum(len(a.text.split()) for a in articles)
    bare = spacy.load(settings.model)
    full = build_nlp(settings)
    bare_totals: dict[str, float] = defaultdict(float)
    totals: dict[str, float] = defaultdict(float)
    # Benchmark only: time every component on both sides. Index _components itself: `pipeline` leaves out
    # the disabled ones (the model's senter), so its indices are off by one after it, and wrapping by them
    # once overwrote the lemmatizer and the entity recogniser (the "full" run found no events).
    for nlp, sums in ((bare, bare_totals), (full, totals)):
        names = list(nlp.pipe_names)
        for k, (name, proc) in enumerate(nlp._components):
            if name in names:
                nlp._components[k] = (name, Timed(name, proc, sums))
        assert nlp.pipe_names == names
    # An untimed round first: whichever pipeline ran first paid for lazy data loads, the lemmatizer's
    # cache and the first large allocations, and looked slower (the full pipeline "beat" bare spaCy).
    time_pipe(bare, articles, args.batch_size)
    time_pipe(full, articles, args.batch_size)
    totals.clear()
    bare_totals.clear()

    load_before = os.getloadavg()[1]
    bare_runs, full_runs = [], []
    for _ in range(args.rounds):
        bare_runs.append(time_pipe(bare, articles, args.batch_size))
        full_runs.append(time_pipe(full, articles, args.batch_size))
    load_after = os.getloadavg()[1]
    bare_s = sum(bare_runs) / len(bare_runs)
    full_s = sum(full_runs) / len(full_runs)
    for sums in (totals, bare_totals):
        for name in sums:
            sums[name] /= args.rounds
    stage_s = sum(v for k, v in totals.items() if k.startswith("newsevents_"))
    # Tokenising and spaCy's own bookkeeping between components: the run minus its components.
    bare_rest = bare_s - sum(bare_totals.values())
    full_rest = full_s - sum(totals.values())

    n = len(articles)

    def ms(secs: float | None) -> str:
        return "" if secs is None else f"{1000 * secs / n:.1f}"

    def share(secs: float) -> str:
        return f"{100 * secs / bare_s:.1f}%"

    spacy_names = [name for name in full.pipe_names if not name.startswith("newsevents_")]
    spacy_names += [name for name in bare.pipe_names if name not in spacy_names]
    rows = [
        [f"spaCy `{name}`", ms(bare_totals.get(name)), ms(totals.get(name)), "", ""] for name in spacy_names
    ]
    rows.append(["tokeniser and pipe bookkeeping", ms(bare_rest), ms(full_rest), "", ""])
    for stage, names in STAGES.items():
        secs = sum(totals.get(name, 0.0) for name in names)
        rows.append([f"newsevents {stage} ({', '.join(names)})", "", ms(secs), f"+{share(secs)}", ""])
    rows.append(["all newsevents stages", "", ms(stage_s), f"+{share(stage_s)}", ""])
    rows.append(
        [
            "**whole run**",
            ms(bare_s),
            ms(full_s),
            share(full_s),
            f"{words / bare_s:,.0f} / {words / full_s:,.0f}",
        ]
    )
    table = markdown_table(
        [
            "component",
            "bare spaCy ms/article",
            "newsevents ms/article",
            "vs bare spaCy",
            "words/s (bare / newsevents)",
        ],
        rows,
    )
    runs = ", ".join(f"{b:.2f} / {f:.2f}" for b, f in zip(bare_runs, full_runs, strict=True))
    md = (
        "## Per-component cost\n\n"
        f"`bench/stages.py`, run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: the first "
        f"{len(articles)} articles of `{args.corpus}` ({words:,} words), model `{settings.model}`, batch size "
        f"{args.batch_size}, one process. Bare spaCy is `spacy.load(model)` with its components "
        f"({', '.join(bare.pipe_names)}); newsevents is `build_nlp(settings)` "
        f"({', '.join(full.pipe_names)}). CPU seconds of the process (not wall time: the "
        "machine is shared with other jobs, load average (5 min) "
        f"{load_before:.1f} before, {load_after:.1f} after); after one untimed round of each, bare and full "
        f"runs alternate, {args.rounds} rounds (bare / newsevents CPU s: {runs}), means shown. Every "
        "component is timed inside its run.\n\n"
        + table
        + f"\n\nThe newsevents pipeline runs at {bare_s / full_s:.2f}x the speed of bare spaCy here; reading, "
        "writing and linking come on top of it in an ingest (see the throughput section).\n"
    )
    print(md)
    if not args.no_write:
        write_section("stages", md, path=ROOT / "docs" / "benchmarks.md")


if __name__ == "__main__":
    main()
