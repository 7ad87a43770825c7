"""The verbs the CAMEO codebook's definitions use, per code, and which of them the lexicon lacks.

    .venv/bin/python -m tools.cameo_verbs [--missing] [--root 08]

Reads ../shared/reference/cameo_codes.csv (columns name, description, usage_notes; never `example`, which
is an evaluation set) and lists, for each code, the verb lemmas of those three columns, marking with `*`
the ones that are not a key of `verbs:` in newsevents/data/events/lexicon.yaml. A reviewer reads the list
to decide which verbs are general news paraphrases of the code (e.g. 082 "Cancel, suspend, or postpone
any ... activity that constitutes political dissent" -> postpone); nothing is added automatically.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict

from eval.report import require_shared
from newsevents.events.lexicon import lexicon

COLUMNS = ("name", "description", "usage_notes")
# Codebook boilerplate verbs ("use this code", "is coded here") that say nothing about the event.
_SKIP = frozenset({"be", "code", "cod", "use", "report", "relate", "accompany", "link", "imply", "contain", "constitute", "specify", "refer", "note", "make", "include", "involve", "see", "mean",
                   "apply", "consider", "distinguish", "differ", "follow", "take", "have", "do", "fit", "cover"})  # fmt: skip


def codebook_verbs(nlp) -> dict[str, list[str]]:
    """code -> verb lemmas of its name, description and usage notes, in order of first use."""
    shared = require_shared()
    rows = []
    with (shared / "reference" / "cameo_codes.csv").open(encoding="utf-8", errors="replace") as fh:
        for row in csv.DictReader(fh):
            text = ". ".join(row[c] for c in COLUMNS if row.get(c) and row[c] != "NA")
            rows.append((row["code"], text.replace("\ufffd", "'")))
    out: dict[str, list[str]] = defaultdict(list)
    for (code, _), doc in zip(rows, nlp.pipe(t for _, t in rows), strict=True):
        for tok in doc:
            lem = tok.lemma_.lower()
            if tok.pos_ == "VERB" and lem.isalpha() and lem not in _SKIP and lem not in out[code]:
                out[code].append(lem)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--missing", action="store_true", help="only codes with verbs the lexicon lacks")
    ap.add_argument("--root", default=None, help="only codes under this two-digit root")
    a = ap.parse_args()
    from newsevents.nlp import load_model
    from newsevents.settings import Settings

    known = set(lexicon().verbs)
    for code, verbs in codebook_verbs(load_model(Settings().model)).items():
        if a.root and not code.startswith(a.root):
            continue
        missing = [v for v in verbs if v not in known]
        if a.missing and not missing:
            continue
        print(f"{code:5} " + ", ".join(v + ("*" if v in missing else "") for v in verbs))


if __name__ == "__main__":
    main()
