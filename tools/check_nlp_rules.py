"""Check that the fast attribute_ruler and lemmatizer (newsevents/nlp/rules.py) annotate as spaCy's do.

    PYTHONPATH=. .venv/bin/python tools/check_nlp_rules.py [--n 500] [--corpus wire_afp_xinhua.jsonl.gz ...]

Runs the model's spaCy components only, stock and with ``rules.install``, over the first N articles of
each ../shared corpus (the text the pipeline reads: ``nlp.analysis_text``), compares every token's
TAG, POS, MORPH, LEMMA, DEP, HEAD, entity and sentence start, and reports tokens compared, mismatches
per attribute (with a few examples), and both pipelines' CPU ms/article for the two components.
Exits 1 on any mismatch.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsevents.ingest import record_to_article
from newsevents.nlp import analysis_text, rules
from newsevents.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpus"
DEFAULT_CORPORA = ("wire_afp_xinhua.jsonl.gz", "bbc.jsonl.gz", "allsides.jsonl.gz", "news_cluster.jsonl.gz")
COMPARED = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START", "NORM")
TIMED = (rules.RULER, rules.LEMMATIZER)
BATCH = 50


def texts(path: Path, n: int, settings: Settings) -> Iterator[str]:
    """The analysis texts of the first n records that ingest accepts."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(itertools.islice(fh, n)):
            try:
                yield analysis_text(record_to_article(line, f"{path.name}:{i + 1}", settings))
            except Exception:  # noqa: BLE001 - a record ingest refuses is not part of the check
                continue


def annotate(nlp: Language, batch: list[str], cpu: dict[str, float]) -> list[Doc]:
    """Run the components one by one over the batch, adding each timed one's CPU seconds to cpu."""
    docs = [nlp.make_doc(text) for text in batch]
    for name, proc in nlp.pipeline:
        start = time.process_time()
        docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(doc) for doc in docs]
        if name in TIMED:
            cpu[name] += time.process_time() - start
    return docs


def compare(stock: Doc, fast: Doc, mismatches: Counter[str], examples: list[str]) -> int:
    """Count differing token attributes; returns the number of tokens compared."""
    if [t.text for t in stock] != [t.text for t in fast]:
        mismatches["TOKENS"] += 1
        return 0
    a, b = stock.to_array(list(COMPARED)), fast.to_array(list(COMPARED))
    for col, name in enumerate(COMPARED):
        for i in (a[:, col] != b[:, col]).nonzero()[0]:
            mismatches[name] += 1
            if len(examples) < 10:
                t, u = stock[int(i)], fast[int(i)]
                examples.append(
                    f"{name} {t.text!r} in {t.sent.text[:80]!r}: stock {_value(t, name)} fast {_value(u, name)}"
                )
    return len(stock)


def _value(token: spacy.tokens.Token, name: str) -> str:
    attr = {"SENT_START": "is_sent_start", "HEAD": "head"}.get(name, name.lower() + "_")
    return repr(getattr(token, attr, None))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500, help="articles per corpus")
    ap.add_argument("--corpus", nargs="*", default=list(DEFAULT_CORPORA))
    args = ap.parse_args()
    settings = Settings.from_env()
    stock = spacy.load(settings.model)
    fast = spacy.load(settings.model)
    rules.install(fast)
    cpu: dict[str, dict[str, float]] = {"stock": defaultdict(float), "fast": defaultdict(float)}
    mismatches: Counter[str] = Counter()
    examples: list[str] = []
    total_tokens = total_articles = 0
    for name in args.corpus:
        path = CORPORA / name
        if not path.exists():
            print(f"{name}: missing, skipped")
            continue
        tokens = articles = 0
        source = texts(path, args.n, settings)
        while batch := list(itertools.islice(source, BATCH)):
            stock_docs = annotate(stock, batch, cpu["stock"])
            fast_docs = annotate(fast, batch, cpu["fast"])
            tokens += sum(
                compare(s, f, mismatches, examples) for s, f in zip(stock_docs, fast_docs, strict=True)
            )
            articles += len(batch)
        print(f"{name}: {articles} articles, {tokens} tokens compared", flush=True)
        total_tokens += tokens
        total_articles += articles
    print(f"total: {total_articles} articles, {total_tokens} tokens, {sum(mismatches.values())} mismatches")
    for attr, count in sorted(mismatches.items()):
        print(f"  {attr}: {count}")
    for line in examples:
        print(f"  e.g. {line}")
    per = 1000 / max(total_articles, 1)
    for component in TIMED:
        s, f = cpu["stock"][component] * per, cpu["fast"][component] * per
        print(f"{component}: stock {s:.2f} ms/article, fast {f:.2f} ms/article (CPU)")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
