"""Per-stage overhead: each newsevents component's time against bare spaCy, on N corpus articles.

Bare spaCy (the same model, `nlp.pipe`) and the full newsevents pipeline run in the same process on the
same texts; in the full run every newsevents component is wrapped in a timer. The bare run is done before
and after the full one and averaged, since the machine is shared. Writes section "stages" of
docs/benchmarks.md.

    .venv/bin/python bench/stages.py [--n 500] [--corpus wire_afp_xinhua.jsonl.gz]
"""

from __future__ import annotations

import argparse
import gzip
import json
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
        t0 = time.perf_counter()
        doc = self.proc(doc)
        self.totals[self.name] += time.perf_counter() - t0
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


def time_bare(nlp, articles, batch_size: int) -> float:
    from newsevents.nlp import make_doc

    docs = [make_doc(nlp, a) for a in articles]
    t0 = time.perf_counter()
    for _ in nlp.pipe(docs, batch_size=batch_size):
        pass
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--corpus", default="wire_afp_xinhua.jsonl.gz")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    path = ROOT.parent / "shared" / "corpus" / args.corpus
    if not path.exists():
        sys.exit(f"bench needs {path}")

    import spacy

    from newsevents.nlp import make_doc
    from newsevents.pipeline import build_nlp
    from newsevents.settings import Settings

    settings = Settings.from_env()
    articles = load_articles(path, args.n)
    words = sum(len(a.text.split()) for a in articles)
    bare = spacy.load(settings.model)
    full = build_nlp(settings)
    totals: dict[str, float] = defaultdict(float)
    for k, (name, proc) in enumerate(full.pipeline):
        if name.startswith("newsevents_"):
            full._components[k] = (name, Timed(name, proc, totals))  # benchmark only: time each component
    # Warm-up on a few articles, so first-call costs (lazy data loads) are not counted.
    time_bare(bare, articles[:10], args.batch_size)
    list(full.pipe([make_doc(full, a) for a in articles[:10]], batch_size=args.batch_size))
    totals.clear()

    bare_1 = time_bare(bare, articles, args.batch_size)
    docs = [make_doc(full, a) for a in articles]
    t0 = time.perf_counter()
    for _ in full.pipe(docs, batch_size=args.batch_size):
        pass
    full_s = time.perf_counter() - t0
    bare_2 = time_bare(bare, articles, args.batch_size)
    bare_s = (bare_1 + bare_2) / 2

    n = len(articles)
    rows = [
        [
            "bare spaCy (`nlp.pipe`)",
            f"{bare_s:.2f}",
            f"{1000 * bare_s / n:.1f}",
            "100.0%",
            f"{words / bare_s:,.0f}",
        ]
    ]
    for stage, names in STAGES.items():
        secs = sum(totals.get(name, 0.0) for name in names)
        rows.append(
            [
                f"{stage} ({', '.join(names)})",
                f"{secs:.2f}",
                f"{1000 * secs / n:.1f}",
                f"+{100 * secs / bare_s:.1f}%",
                "",
            ]
        )
    rows.append(
        [
            "full pipeline",
            f"{full_s:.2f}",
            f"{1000 * full_s / n:.1f}",
            f"{100 * full_s / bare_s:.1f}%",
            f"{words / full_s:,.0f}",
        ]
    )
    table = markdown_table(["component", "seconds", "ms/article", "vs bare spaCy", "words/s"], rows)
    md = (
        "## Per-stage overhead\n\n"
        f"`bench/stages.py`: the first {len(articles)} articles of `{args.corpus}` ({words:,} words), "
        f"model `{settings.model}`, batch size {args.batch_size}, one process. Bare spaCy runs before and after "
        f"the full pipeline ({bare_1:.2f} s, {bare_2:.2f} s; mean used); each newsevents component is timed "
        "inside the full run. The machine is shared with other jobs: the two bare runs show how much the "
        "load moved, and the full run's spaCy part need not equal the bare mean, so the stage rows (timed "
        "in the same window as the spaCy work they follow) are the ones to read.\n\n" + table + "\n"
    )
    print(md)
    if not args.no_write:
        write_section("stages", md, path=ROOT / "docs" / "benchmarks.md")


if __name__ == "__main__":
    main()
