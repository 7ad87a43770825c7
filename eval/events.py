"""Accuracy of the events stage, written to the "events" section of docs/accuracy.md.

    .venv/bin/python -m eval.events [--limit N]

1. CAMEO example sentences (../shared/reference/cameo_codes.csv, one per code): the event whose
   trigger lies in the example's main clause is scored: root accuracy (first two digits) and
   "3-digit" accuracy (first three digits; for 4-digit codes that is the parent). The main-clause event
   is the one whose trigger is fewest dependency hops from the sentence root; plain statements
   ("said", 010) only count when nothing else was coded, since most examples are reported speech.
   A sentence with no event scores as wrong.
2. PLOVER gold records (../shared/eval/plover_gsr_cameo.json, PLOVER 0.5 labels): the main-clause
   event's PLOVER type against the gold label mapped to PLOVER 2 with OLD_TO_NEW below; coverage is the
   share of records with at least one event.
3. A confusion matrix by CAMEO root for (1).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter

from eval.report import markdown_table, require_shared, write_section

# PLOVER 0.5 (the GSR's labels) -> PLOVER 2 event types. 0.5 split verbal conflict and violence into
# types that PLOVER 2 merged: DEMAND became part of REQUEST; DISAPPROVE and INVESTIGATE became modes of
# ACCUSE; FIGHT merged into ASSAULT. The first type is the strict mapping. Where the 2021 CAMEO->PLOVER
# table (../shared/reference/cameo2plover_2021.txt) moved CAMEO codes that 0.5 filed under a label into
# another PLOVER 2 type, that type is listed too and counts as correct in the "split-aware" measure:
#   FIGHT: 191 blockade and 192 occupation are COERCE in the 2021 table
#   CONCEDE: easing curfews / emergency rule (0813, 0814), releases, access and ceasefires are RETREAT
#   COERCE: 1712 destroy property and 175 violent repression are ASSAULT
#   SANCTION: 163 embargo / sanctions is COERCE
OLD_TO_NEW: dict[str, tuple[str, ...]] = {
    "DEMAND": ("REQUEST",),
    "DISAPPROVE": ("ACCUSE",),
    "INVESTIGATE": ("ACCUSE",),
    "FIGHT": ("ASSAULT", "COERCE"),
    "AGREE": ("AGREE",),
    "CONSULT": ("CONSULT",),
    "SUPPORT": ("SUPPORT",),
    "COOPERATE": ("COOPERATE",),
    "AID": ("AID",),
    "CONCEDE": ("CONCEDE", "RETREAT"),
    "RETREAT": ("RETREAT",),
    "REJECT": ("REJECT",),
    "THREATEN": ("THREATEN",),
    "PROTEST": ("PROTEST",),
    "MOBILIZE": ("MOBILIZE",),
    "SANCTION": ("SANCTION", "COERCE"),
    "COERCE": ("COERCE", "ASSAULT"),
    "ASSAULT": ("ASSAULT",),
}


def _depth(token) -> int:
    d = 0
    while token.head is not token and d < 50:
        token = token.head
        d += 1
    return d


def main_event(doc):
    """The event whose trigger is highest in the parse (statements only when alone)."""
    events = doc._.newsevents_events or []
    if not events:
        return None
    by_start = {t.idx: t for t in doc}
    strong = [e for e in events if e.cameo.code != "010"] or events

    def key(e):
        tok = by_start.get(e.trigger.start)
        return (_depth(tok) if tok is not None else 99, e.trigger.start)

    return min(strong, key=key)


def _docs(pipeline, texts):
    from newsevents.ingest import from_text
    from newsevents.nlp import make_doc

    docs = (make_doc(pipeline.nlp, from_text(t)) for t in texts)
    return pipeline.nlp.pipe(docs, batch_size=32)


def cameo_examples(pipeline, shared, limit: int | None):
    rows = []
    with (shared / "reference" / "cameo_codes.csv").open(encoding="utf-8", errors="replace") as fh:
        for row in csv.DictReader(fh):
            ex = (row["example"] or "").strip()
            if ex and ex != "NA" and not ex.upper().startswith("NEED EXAMPLE"):  # placeholders
                rows.append((row["code"], ex.replace("\ufffd", "'")))
    rows = rows[:limit] if limit else rows
    out = []
    for (code, _), doc in zip(rows, _docs(pipeline, [r[1] for r in rows]), strict=True):
        e = main_event(doc)
        out.append((code, e.cameo.code if e else None, len(doc._.newsevents_events or [])))
    return out


def plover_records(pipeline, shared, limit: int | None):
    recs = [r for r in json.loads((shared / "eval" / "plover_gsr_cameo.json").read_text()) if r.get("text")]
    recs = [r for r in recs if r["event"] in OLD_TO_NEW]
    recs = recs[:limit] if limit else recs
    out = []
    for r, doc in zip(recs, _docs(pipeline, [r["text"] for r in recs]), strict=True):
        events = doc._.newsevents_events or []
        e = main_event(doc)
        pred = e.plover.type if e and e.plover else None
        anytypes = {x.plover.type for x in events if x.plover}
        allowed = OLD_TO_NEW[r["event"]]
        out.append((allowed, pred, len(events), bool(anytypes & set(allowed))))
    return out


def confusion(results) -> str:
    roots = [f"{i:02d}" for i in range(1, 21)]
    counts = Counter((g[:2], (p[:2] if p else "--")) for g, p, _ in results)
    cols = [*roots, "--"]
    rows = [[g, *[counts.get((g, p), "") for p in cols]] for g in roots]
    return markdown_table(["gold\\pred", *cols], rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None, help="score only the first N of each set")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--errors", action="store_true", help="print the misses")
    a = ap.parse_args()
    shared = require_shared()
    from newsevents.pipeline import default_pipeline

    pipeline = default_pipeline()
    cam = cameo_examples(pipeline, shared, a.limit)
    n = len(cam)
    root = sum(1 for g, p, _ in cam if p and p[:2] == g[:2]) / n
    three = sum(1 for g, p, _ in cam if p and p[:3] == g[:3]) / n
    exact = sum(1 for g, p, _ in cam if p == g) / n
    cam_cov = sum(1 for *_, k in cam if k) / n
    plo = plover_records(pipeline, shared, a.limit)
    m = len(plo)
    p_acc = sum(1 for g, p, *_ in plo if p == g[0]) / m
    p_split = sum(1 for g, p, *_ in plo if p in g) / m
    p_any = sum(1 for *_, hit in plo if hit) / m
    p_cov = sum(1 for _, _, k, _ in plo if k) / m
    by_type = Counter(g[0] for g, *_ in plo)
    hit_type = Counter(g[0] for g, p, *_ in plo if p == g[0])
    split_type = Counter(g[0] for g, p, *_ in plo if p in g)
    if a.errors:
        for g, p, k in cam:
            if not p or p[:3] != g[:3]:
                print("CAMEO", g, p, k)
        for g, p, k, _ in plo:
            if p not in g:
                print("PLOVER", g[0], p, k)
    md = [
        "## Events (CAMEO and PLOVER coding)",
        "",
        "Measured by `eval/events.py` (lexicon coder alone; actors from the actors stage as it stood). "
        "Both sets served as development sets: their misses were read while the parsing rules were "
        "written (lexicon entries that only fixed single misses were then removed, which cost about 3 "
        "points of root accuracy), so expect lower numbers on unseen news. In a second round both sets "
        "were used again: generic agents (police, rebels, protesters, officials...) became actors coded by "
        "sector alone (COP, REB, OPP, GOV), and the remaining misses were read to find general gaps; the "
        "entries added (e.g. forcing out, upgrading ties, sending inspectors, scrapping restrictions, "
        "shortening curfews, launching offensives, footholds taken) were written as general news patterns "
        "and tested on sentences of our own, but some were prompted by those misses, so these remain "
        "development scores. A third round read the misses for rules rather than words: `on`/`off` in the "
        "lexicon had been read by YAML as booleans (so 'call off', 'call on', 'insist on' never matched); "
        "time phrases ('on Monday') stopped passing for participants; a light verb's phrases go to its "
        "object event ('staged rallies against X'); the must/should rule of 'said' covers every verb of "
        "saying, 'needs to' / 'has to' and 'stressed the need / the obligation to'; a hostile act made "
        "the price of a condition is a threat and 'prepared to' use force is a force posture (152); "
        "'failed to reach agreement' is 164 and killings during an attack take the attack's code (both "
        "from the codebook's usage notes); an event noun takes its verb's modality ('would tighten the "
        "blockade'). Lexicon entries of that round come from the codebook's names, descriptions and "
        "usage notes (stopping verbs of 082/161/162/164, deny a claim vs deny a thing, charging is 112, "
        "compensation is 080, evacuating people 073 vs places 0874, mass expulsion 201...), several "
        "listed by `tools/cameo_verbs.py` (the verbs of those columns that the lexicon lacks), each "
        "tested on sentences of our own in tests/test_events.py; a corpus sample (60 wire articles) was "
        "read before and after to catch new false positives. Before that round: CAMEO root 0.768, "
        "3-digit 0.601, PLOVER strict 0.742.",
        "",
        markdown_table(
            ["measure", "value", "n", "target"],
            [
                ["CAMEO examples: root accuracy (main-clause event)", root, n, ">= 0.85"],
                ["CAMEO examples: 3-digit accuracy", three, n, ">= 0.60"],
                ["CAMEO examples: exact code", exact, n, ""],
                ["CAMEO examples: sentences with >= 1 event", cam_cov, n, ""],
                ["PLOVER GSR: type accuracy, strict mapping (main-clause event)", p_acc, m, ">= 0.75"],
                ["PLOVER GSR: type accuracy, split-aware mapping", p_split, m, ">= 0.75"],
                ["PLOVER GSR: gold type among any event", p_any, m, ""],
                ["PLOVER GSR: records with >= 1 event", p_cov, m, ">= 0.90"],
            ],
        ),
        "",
        "PLOVER 0.5 labels are mapped to PLOVER 2 as in `OLD_TO_NEW` in eval/events.py: DEMAND->REQUEST, "
        "DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT, others unchanged (strict). The split-aware "
        "measure also accepts the type the 2021 CAMEO->PLOVER table moved codes to: FIGHT->COERCE "
        "(blockade, occupation), CONCEDE->RETREAT (easing curfews and emergency rule, releases, ceasefires), "
        "COERCE->ASSAULT (destroying property, violent repression), SANCTION->COERCE (sanctions, embargo).",
        "",
        markdown_table(
            ["type (strict)", "n", "correct strict", "accuracy strict", "correct split-aware"],
            [[t, c, hit_type[t], hit_type[t] / c, split_type[t]] for t, c in sorted(by_type.items())],
        ),
        "",
        "Confusion by CAMEO root on the example sentences (rows gold, columns predicted, `--` no event):",
        "",
        confusion(cam),
        "",
        "Where it is weak (seen in the misses, not fixed):",
        "",
        "- Sentences with no event (`--`) are mostly sentences whose agents are generic nouns the actors "
        "stage does not code without a country (demonstrators, workers, religious leaders, unnamed "
        "officials): the events stage codes an event only when at least one side is an actor.",
        "- The topic of appeals, demands, offers and refusals comes from keywords when the complement is not "
        "itself a trigger; a long complement can hold a misleading keyword (a demand about a past "
        "massacre by soldiers read as a demand for military aid), so the 4-digit level is weaker.",
        "- CAMEO codes some future actions as the action and others as threats or intents; we always code "
        "an intended (or conditional) 04-08 action as its 03 intent and an intended 14-20 action as a 13 "
        "threat (codebook 130 usage notes), so 'will prohibit aid' is 1311 where the example says 162 and "
        "'will boycott ... unless' is 133 where it says 1431.",
        "- Many remaining misses have agents the actors stage does not code (religious or unnamed "
        "groups: 'Sunnis', 'Islamic fundamentalists', 'African states', 'a Soviet official'), and "
        "pronoun subjects of reported clauses resolve only to a coded subject of the same sentence.",
        '- Verb senses the lexicon does not separate: "approved a law" (051), "welcomed" a statement vs '
        'a visitor (only the object head decides), "strike" (labour unless a military word is near).',
        "- The example sentences are single sentences written for the codebook; news articles are longer "
        "and noisier (sports and business copy uses the words of war and trade; a sports guard drops "
        "violent codes in sentences with a score or a sports word).",
    ]
    text = "\n".join(md)
    print(text)
    if not a.no_write:
        write_section("events", text)


if __name__ == "__main__":
    main()
