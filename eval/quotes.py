"""Quotes and speakers against PolNeAR (dev split), with textacy's direct quotations side by side.

    .venv/bin/python -m eval.quotes [--limit N] [--no-write] [--no-textacy]

PolNeAR (../shared/eval/polnear) annotates every attribution in 1,000 US political news articles as brat
standoff: Source, Cue and Content spans (possibly in several fragments) tied by an Attribution event.

Scoring. A predicted span matches a gold span when it covers at least half of the gold span's
whitespace tokens; each gold span is matched at most once (greedy, best coverage first).
- Content F1: gold = every attribution's content; predicted = our quotes, the quotes sharing one cue
  merged (PolNeAR has one attribution per cue: "...," said X. "..." is one content in two fragments).
- Source F1: gold = the distinct Source spans; predicted = the distinct speaker mentions at the cues.
- Pair F1 (stricter, reported alongside): an attribution counts when both its content and its source
  match one predicted quote.
textacy's `extract.triples.direct_quotations` runs on a Doc of the same text from the same spaCy model;
it refuses a text with an odd number of quotation marks (ValueError): that article yields nothing.

Halves. The dev files, sorted by name, are cut in two: the first half is where misses were read while
the attribution rules were tuned, the second half's annotations were not read. Both are reported, with
the whole split; the targets are judged on the whole split.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from eval.report import markdown_table, require_shared, write_section

Frag = tuple[int, int]


@dataclass
class Item:
    content: list[Frag] = field(default_factory=list)
    source: list[Frag] = field(default_factory=list)


def parse_ann(path: Path) -> list[Item]:
    spans: dict[str, tuple[str, list[Frag]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, middle, _ = line.split("\t", 2)
            label, offsets = middle.split(" ", 1)
            frags = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
            spans[tid] = (label, frags)  # type: ignore[assignment]
        elif line.startswith("E"):
            events.append(dict(arg.split(":", 1) for arg in line.split("\t")[1].split()))
    items = []
    for ev in events:
        item = Item()
        for role, key in (("Content", "content"), ("Source", "source")):
            if role in ev and ev[role] in spans:
                getattr(item, key).extend(spans[ev[role]][1])
        if item.content:
            items.append(item)
    return items


def tokens(text: str, frags: list[Frag]) -> list[Frag]:
    return [(a + m.start(), a + m.end()) for a, b in frags for m in re.finditer(r"\S+", text[a:b])]


def covered(text: str, gold: list[Frag], pred: list[Frag]) -> float:
    toks = tokens(text, gold)
    if not toks:
        return 0.0
    hit = sum(1 for s, e in toks if any(s < pe and ps < e for ps, pe in pred))
    return hit / len(toks)


def match(text: str, gold: list[list[Frag]], pred: list[list[Frag]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matches (gold index, pred index) with coverage >= 0.5."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            c = covered(text, g, p)
            if c >= 0.5:
                pairs.append((c, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def dedupe(frags: list[list[Frag]]) -> list[list[Frag]]:
    seen, out = set(), []
    for f in frags:
        key = tuple(sorted(f))
        if f and key not in seen:
            seen.add(key)
            out.append(f)
    return out


def score(text: str, gold: list[Item], pred: list[Item], counts: dict[str, Counts]) -> None:
    g_content = [g.content for g in gold]
    p_content = [p.content for p in pred]
    content_matches = match(text, g_content, p_content)
    counts["content"].add(len(content_matches), len(p_content), len(g_content))
    g_source, p_source = dedupe([g.source for g in gold]), dedupe([p.source for p in pred])
    counts["source"].add(len(match(text, g_source, p_source)), len(p_source), len(g_source))
    pair_tp = sum(
        1
        for gi, pi in content_matches
        if gold[gi].source and pred[pi].source and covered(text, gold[gi].source, pred[pi].source) >= 0.5
    )
    counts["pair"].add(pair_tp, sum(1 for p in pred if p.source), sum(1 for g in gold if g.source))


def ours(extraction) -> list[Item]:
    by_cue: dict[object, Item] = {}
    for q in extraction.quotes:
        key = (q.cue.start, q.cue.end) if q.cue else ("q", q.start)
        item = by_cue.setdefault(key, Item())
        item.content.append((q.start, q.end))
        if q.speaker_mention and (q.speaker_mention.start, q.speaker_mention.end) not in item.source:
            item.source.append((q.speaker_mention.start, q.speaker_mention.end))
    items = list(by_cue.values())
    # PolNeAR gives each token to one attribution at most: a quote inside another predicted quote
    # (a partial quote inside reported speech) is part of that one, not an attribution of its own.
    spans = [(min(a for a, _ in i.content), max(b for _, b in i.content)) for i in items]
    return [
        item
        for k, (item, (a, b)) in enumerate(zip(items, spans, strict=True))
        if not any(j != k and c <= a and b <= d and (c, d) != (a, b) for j, (c, d) in enumerate(spans))
    ]


def textacy_items(doc) -> list[Item]:
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return []  # textacy refuses texts with an odd number of quotation marks
    items = []
    for speaker, _cue, content in triples:
        source = [(min(t.idx for t in speaker), max(t.idx + len(t) for t in speaker))] if speaker else []
        items.append(Item(content=[(content.start_char, content.end_char)], source=source))
    return items


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="first N dev articles only (development)")
    parser.add_argument("--no-write", action="store_true", help="print, do not write docs/accuracy.md")
    parser.add_argument("--no-textacy", action="store_true", help="skip the baseline (development)")
    args = parser.parse_args(argv)
    if args.no_textacy:
        args.no_write = True  # the page keeps the full table only

    shared = require_shared()
    root = shared / "eval" / "polnear"
    meta = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    anns = sorted((root / "dev" / "attributions").glob("*.ann"))
    tuning = {a.stem for a in anns[: len(anns) // 2]}
    if args.limit:
        anns = anns[: args.limit]

    from newsevents.ingest import from_text
    from newsevents.nlp import load_model
    from newsevents.pipeline import default_pipeline

    pipeline = default_pipeline()
    bare = load_model(pipeline.settings.model)
    counts = {name: defaultdict(Counts) for name in ("newsevents", "textacy")}
    halves = {name: defaultdict(Counts) for name in ("tuning", "held-out")}
    failures = 0
    started = time.time()
    for n, ann in enumerate(anns, start=1):
        name = ann.stem
        stem = re.sub(r"_[0-9a-f]{4}$", "", name)
        text = (root / "dev" / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        gold = parse_ann(ann)
        row = meta.get(name) or meta.get(stem) or {}
        try:
            extraction = pipeline(from_text(text, source=row.get("publisher") or None))
            predicted = ours(extraction)
        except Exception as exc:  # a failing article is counted, not hidden
            failures += 1
            print(f"failed: {name}: {exc!r}", file=sys.stderr)
            predicted = []
        score(text, gold, predicted, counts["newsevents"])
        score(text, gold, predicted, halves["tuning" if name in tuning else "held-out"])
        if not args.no_textacy:
            score(text, gold, textacy_items(bare(text)), counts["textacy"])
        if n % 10 == 0:
            print(f"{n}/{len(anns)} articles, {time.time() - started:.0f}s", file=sys.stderr)

    rows = []
    for system in ("newsevents",) if args.no_textacy else ("newsevents", "textacy"):
        for metric in ("source", "content", "pair"):
            c = counts[system][metric]
            p, r, f = c.prf()
            rows.append([system, metric, c.gold, c.pred, c.tp, p, r, f])
    table = markdown_table(["system", "measure", "gold", "predicted", "matched", "P", "R", "F1"], rows)
    in_tuning = sum(1 for a in anns if a.stem in tuning)
    sizes = {"tuning": in_tuning, "held-out": len(anns) - in_tuning, "all": len(anns)}
    half_rows = []
    for metric in ("source", "content", "pair"):
        for half, c in (*halves.items(), ("all", counts["newsevents"])):
            half_rows.append([metric, f"{half} ({sizes[half]})", c[metric].gold, *c[metric].prf()])
    half_table = markdown_table(["measure", "articles", "gold", "P", "R", "F1"], half_rows)
    f = {(s, m): counts[s][m].prf()[2] for s in counts for m in ("source", "content")}
    md = "\n".join(
        [
            "## Quotes and speakers (PolNeAR dev)",
            "",
            f"`eval/quotes.py` on {len(anns)} PolNeAR dev articles"
            + (f" (first {args.limit}, a development subset)" if args.limit else " (the full dev split)")
            + f"; {failures} article(s) failed in the pipeline and count as empty.",
            "A predicted span matches a gold span when it covers at least half of the gold span's tokens.",
            "Content: every PolNeAR attribution's content vs our quotes (direct, partial, indirect; quotes",
            "sharing a cue merged). Source: distinct gold source spans vs our speaker mentions. Pair: content",
            "and source both right. Baseline: textacy 0.13 `extract.triples.direct_quotations`, same spaCy model.",
            "",
            table,
            "",
            "By half of the dev split (files sorted by name). While the rules were developed, misses against",
            "the gold were read only in the first half, the tuning half; the held-out half's annotations were",
            "not read (our own output on it was seen in diffs between versions). Two articles are annotated six",
            "times each in PolNeAR dev, one in each half, so each half weighs one story six-fold.",
            "",
            half_table,
            "",
            f"Targets: Source F1 >= 0.75 (measured {f['newsevents', 'source']:.3f}), Content F1 >= 0.70 "
            f"(measured {f['newsevents', 'content']:.3f}), each at least twice textacy's "
            f"({f['textacy', 'source']:.3f} and {f['textacy', 'content']:.3f}).",
            "",
            _verdict(f, baseline=not args.no_textacy),
            'PolNeAR counts every attribution, stances and public acts included ("backed the plan",',
            '"unleashed a flurry of tweets"); most of what we miss is there, and in source boundaries',
            "where the gold picks another mention of the same speaker.",
        ]
    )
    print(md)
    if not args.no_write:
        write_section("quotes", md)


def _verdict(f: dict[tuple[str, str], float], *, baseline: bool = True) -> str:
    checks = [
        ("Source F1 >= 0.75", f["newsevents", "source"] >= 0.75),
        ("Content F1 >= 0.70", f["newsevents", "content"] >= 0.70),
        (
            "Source F1 >= 2x textacy",
            f["newsevents", "source"] >= 2 * f["textacy", "source"] if baseline else None,
        ),
        (
            "Content F1 >= 2x textacy",
            f["newsevents", "content"] >= 2 * f["textacy", "content"] if baseline else None,
        ),
    ]
    word = {True: "met", False: "NOT met", None: "baseline not run"}
    return "Verdict: " + "; ".join(f"{name}: {word[ok]}" for name, ok in checks) + "."


if __name__ == "__main__":
    main()
