"""Linking across articles against ../shared/corpus/news_cluster.jsonl.gz (383 articles, 69 happenings).

Each record's `event_cluster` names the real happening the article reports. We extract every article,
link the events, and score with B-cubed precision and recall over articles, each article placed in the
happening of its main event (articles with no linkable event are singletons): this is what the store's
`event_clusters` hold, and the primary result. The store is filled three ways (one run, two runs, one
article per run in reverse order) and its happenings compared with the in-memory ones. For comparison
we also score the article-level linker (``newsevents.link.articles``: one happening per article from
its main actors with corpus IDF weights, in one batch).

A merge is "unsupported" when one predicted cluster joins two labels whose articles share no actor
(canonical actor keys of their main actors): the acceptance asks for none.

    .venv/bin/python eval/linking.py [--limit N] [--cache FILE]   # --cache: reuse extractions (JSONL)
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.report import markdown_table, require_shared, write_section  # noqa: E402

DEV = 128


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 over the items of `gold` (each item's own cluster counts)."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item, g in gold.items():
        by_gold[g].add(item)
        by_pred[pred[item]].add(item)
    p = r = 0.0
    for item, g in gold.items():
        c, lab = by_pred[pred[item]], by_gold[g]
        both = len(c & lab)
        p += both / len(c)
        r += both / len(lab)
    n = len(gold)
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def unsupported_merges(pred: dict[str, str], gold: dict[str, str], actors: dict[str, frozenset[str]]) -> list:
    """Predicted clusters holding two labels whose articles share no actor."""
    label_actors: dict[str, set[str]] = defaultdict(set)
    for item, g in gold.items():
        label_actors[g] |= actors.get(item, frozenset())
    members: dict[str, set[str]] = defaultdict(set)
    for item, c in pred.items():
        if item in gold:
            members[c].add(gold[item])
    bad = []
    for c, labels in members.items():
        ls = sorted(labels)
        for i, a in enumerate(ls):
            for b in ls[i + 1 :]:
                if not label_actors[a] & label_actors[b]:
                    bad.append((c, a, b))
    return bad


def extract_all(path: Path, limit: int | None, cache: Path | None):
    """Extractions of the corpus articles (from the cache when given and present) and read failures."""
    from newsevents.errors import InputError
    from newsevents.ingest import read
    from newsevents.model import Extraction
    from newsevents.pipeline import default_pipeline

    items = list(read([path]))  # reading is quick; it also says why an article was not read
    if limit:
        items = items[:limit]
    articles = [a for a in items if not isinstance(a, InputError)]
    failed = [str(e) for e in items if isinstance(e, InputError)]
    if cache and cache.exists():
        xs = [Extraction.from_dict(json.loads(line)) for line in cache.open(encoding="utf-8")]
        return xs[:limit] if limit else xs, failed, 0.0
    start = time.perf_counter()
    xs = list(default_pipeline().pipe(articles))
    seconds = time.perf_counter() - start
    if cache:
        with cache.open("w", encoding="utf-8") as f:
            for x in xs:
                f.write(x.to_json(indent=None) + "\n")
    return xs, failed, seconds


def store_orders(xs, clusters) -> str:
    """Fill a store in one run, in two runs, and one article per run in reverse order: are the
    happenings identical, and the in-memory ones?"""
    from newsevents.link import update_clusters
    from newsevents.store import Store

    expected = sorted((c.id, [list(e.key) for e in c.members]) for c in clusters)
    half = len(xs) // 2
    states, seconds = [], []
    for runs in ([xs], [xs[:half], xs[half:]], [[x] for x in reversed(xs)]):
        with Store(":memory:") as store:
            start = time.perf_counter()
            for batch in runs:
                store.write_extractions(batch)
                update_clusters(store, [x.article.id for x in batch])
            seconds.append(time.perf_counter() - start)
            rows = store.con.execute("SELECT cluster_id, members FROM event_clusters ORDER BY cluster_id")
            states.append(sorted((c, json.loads(m)) for c, m in rows.fetchall()))
    same = states[0] == states[1] == states[2]
    return (
        f"one run, two runs and {len(xs)} runs in reverse order gave {'identical' if same else 'DIFFERENT'} "
        f"happenings, {'the same as' if states[0] == expected else 'DIFFERENT from'} the in-memory linker "
        f"(write + link: {seconds[0]:.1f} s, {seconds[1]:.1f} s, {seconds[2]:.1f} s)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="Only the first N records (development).")
    ap.add_argument("--cache", type=Path, default=None, help="Extractions JSONL to reuse / write.")
    ap.add_argument("--no-write", action="store_true", help="Print, do not update docs/accuracy.md.")
    ap.add_argument("--no-store", action="store_true", help="Skip filling the store three ways.")
    args = ap.parse_args()

    from newsevents.link import cluster_events, from_extraction
    from newsevents.link.articles import article_happening, link_articles
    from newsevents.link.cluster import report_clusters
    from newsevents.link.story import main_event

    shared = require_shared()
    path = shared / "corpus" / "news_cluster.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    if args.limit:
        records = records[: args.limit]
    gold = {r["id"]: r["event_cluster"] for r in records}
    xs, failed, seconds = extract_all(path, args.limit, args.cache)
    if not failed:  # from the cache: the records that gave no extraction
        seen = {x.article.id for x in xs}
        failed = [f"{i}: not extracted" for i in gold if i not in seen]

    start = time.perf_counter()
    happenings = [article_happening(x) for x in xs]
    art_pred = link_articles(happenings)
    events = [e for x in xs for e in from_extraction(x)]
    clusters = cluster_events(events)
    reports = report_clusters(events)
    link_seconds = time.perf_counter() - start

    store_check = store_orders(xs, clusters) if not args.no_store else "not checked (--no-store)"

    # Article-level prediction; articles the pipeline could not read are singletons.
    pred_articles = {i: art_pred.get(i, "unread:" + i) for i in gold}
    # Event-level: each article in its main event's happening; before story links, in its main event's
    # report (block clusters only). Articles with no main event in a cluster are singletons.
    mains = {x.article.id: main_event(from_extraction(x)) for x in xs}

    def by_main_event(groups) -> tuple[dict[str, str], int]:
        """Each gold article's predicted group, and how many extracted articles found theirs."""
        group_of = {e.key: c.id for c in groups for e in c.members}
        pred = {a: group_of[m.key] for a, m in mains.items() if m and m.key in group_of}
        return {i: pred.get(i, "single:" + i) for i in gold}, len(pred)

    pred_events, n_main = by_main_event(clusters)
    pred_reports, _ = by_main_event(reports)
    actors = {h.article_id: h.actors for h in happenings}
    singletons = {i: i for i in gold}

    rows = []
    results = {}
    # The article-level settings were chosen on the first DEV records; the rest are held out.
    ids = list(gold)
    dev, held = set(ids[:DEV]), set(ids[DEV:])
    for name, pred in (
        ("events: main event's happening (store event_clusters)", pred_events),
        ("events, block reports only (no story links)", pred_reports),
        ("articles: main actors, corpus IDF, one batch (newsevents.link.articles)", pred_articles),
        ("baseline: every article alone", singletons),
    ):
        p, r, f = bcubed(pred, gold)
        f_dev = bcubed({i: pred[i] for i in dev}, {i: gold[i] for i in dev})[2]
        f_held = bcubed({i: pred[i] for i in held}, {i: gold[i] for i in held})[2] if held else float("nan")
        bad = unsupported_merges(pred, gold, actors)
        n_clusters = len(set(pred.values()))
        rows.append([name, p, r, f, f_dev, f_held, n_clusters, len({c for c, _, _ in bad})])
        results[name] = (p, r, f, bad)
    n_events = len(events)
    n_linkable = sum(1 for e in events if e.linkable)
    multi = sum(1 for c in clusters if len(c.article_ids) > 1)
    labels = Counter(gold.values())
    md = [
        "## Linking across articles (news_cluster)",
        "",
        f"`eval/linking.py` on `../shared/corpus/news_cluster.jsonl.gz`: {len(gold)} articles, "
        f"{len(labels)} labelled happenings (`event_cluster`), {len(xs)} articles extracted"
        + (f", {len(failed)} not read ({'; '.join(failed)}): scored as singletons" if failed else "")
        + ". B-cubed precision and recall over articles (each article's own cluster counts).",
        "",
        markdown_table(
            [
                "prediction",
                "B³ precision",
                "B³ recall",
                "B³ F1",
                f"F1 first {DEV} (tuning)",
                f"F1 other {len(held)} (held out)",
                "clusters",
                "unsupported merges",
            ],
            rows,
        ),
        "",
        "How the store links events (`newsevents/link/`): events first cluster into *reports* inside a "
        "block (same canonical source actor, same kind of happening; dates within a window that depends on "
        "granularity; compatible places). Reports then join into *happenings* through story links between "
        "articles' main events (the first linkable event with a source and a target: a lead states its "
        "happening first): each article's context is its 15 most-mentioned actors, outlets and generic "
        "agents ('police', bare sector codes) left out, weighted by what the key says (a name 1.0, a full "
        "code such as USAGOV 0.5, a bare country 0.25); two main events link when the shared weight is at "
        "least 1.0 (two countries alone never are), and over the smaller context's weight at least 0.3 for "
        "articles published within 3 days or 0.5 within 30 days, and, when both are dated in the text, "
        "their dates overlap. The weights are fixed rather than corpus frequencies, so a link depends on its "
        "two articles alone: happenings are connected components, the same in any order and updated "
        "incrementally. Tuning, on the first "
        f"{DEV} records only (best F1 there): weights code 0.5/0.7, country 0.2/0.25/0.3, generic agents 0 or "
        "0.1; similarity 0.2-0.4 near and 0.4-0.6 far; minimum shared weight 0.5-2.0; 10 or 15 actors; the "
        "date check on both or either main event (either: F1 0.853 on the tuning part against 0.872). With "
        "a minimum shared weight of 0.5 a single shared 'NASA' chained four space stories. F1 on the other "
        f"{len(held)} records is reported separately; B³ over a part scores the clusters restricted to that "
        "part. 'Unsupported merges' counts predicted clusters that join two labels whose articles share no "
        "main-actor key (full code or name, as in `articles.py`). The article-level row is the batch linker "
        "kept for comparison: it weights actors by IDF over the whole corpus, which no incremental linker "
        "can do.",
        "",
        f"Store: {store_check}.",
        "",
        f"Event-level linker on the same articles: {n_events} events, {n_linkable} linkable (asserted, not "
        f"negated, with an actor), {len(reports)} reports, {len(clusters)} happenings, {multi} reported by "
        "more than one article; "
        f"{n_main} of {len(xs)} articles have a main event. Linking took {link_seconds:.2f} s"
        + (f" (extraction {seconds:.0f} s)." if seconds else "."),
    ]
    text = "\n".join(md)
    print(text)
    for name, (_, _, _, bad) in results.items():
        for c, a, b in bad[:10]:
            print(f"unsupported merge in {name[:10]}: {c}: {a} + {b}")
    if not args.no_write and not args.limit:
        write_section("linking", text)


if __name__ == "__main__":
    main()
