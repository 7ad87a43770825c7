"""Regenerate newsevents/data/events/cameo.json and cameo_plover.json from ../shared/reference.

    python -m newsevents.events.build_data [SHARED_DIR]

Only facts are copied: each CAMEO code, its short name and its Goldstein score; and each code's PLOVER
event type, mode and context. The codebook's descriptions, usage notes and example sentences are never
copied. Quad class follows the usual convention by root: 01-05 verbal cooperation (1), 06-08 material
cooperation (2), 09-14 verbal conflict (3), 15-20 material conflict (4).

The 2021 conversion table has no rows for roots 01 and 02. Root 01 (statements) has no PLOVER type, so
those codes get none. PLOVER's REQUEST is defined as "all requests, demands and orders", which covers
CAMEO 02 (appeals) as well as 10 (demands); 02x codes get REQUEST with the mode of the parallel 10x
code (0231 <- 1031, 026 <- 106...). That supplement is ours and is marked "basis": "supplement".
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "events"


def quad_class(root: str) -> int:
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 14 else 4


def build_cameo(shared: Path) -> dict[str, dict]:
    codes: dict[str, dict] = {}
    path = shared / "reference" / "cameo_codes.csv"
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["code"].strip()
            codes[code] = {
                "name": row["name"].strip(),
                "goldstein": float(row["goldstein"]),
                "root": code[:2],
                "quad_class": quad_class(code[:2]),
            }
    return codes


LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*),?([^#]*))?")


def build_plover(shared: Path, cameo: dict[str, dict]) -> dict[str, dict]:
    table: dict[str, dict] = {}
    text = (shared / "reference" / "cameo2plover_2021.txt").read_text(encoding="utf-8", errors="replace")
    for line in text.splitlines():
        m = LINE.match(line.strip())
        if not m:
            continue
        code, typ, mode, context = m.groups(default="")
        if code in table and len(code) == 2:
            continue  # "08" is listed twice (CONCEDE, then RETREAT): the root keeps the first
        contexts = [c.strip() for c in context.split(";") if c.strip()]
        table[code] = {"type": typ, "mode": mode.strip() or None, "context": contexts, "basis": "table"}
    # Roots: the table lists e.g. "03: AGREE" without mode; keep the root's type.
    for code in cameo:
        if code.startswith("02"):
            parallel = "10" + code[2:] if len(code) > 2 else "10"
            base = table.get(parallel) or table.get(parallel[:3]) or {"mode": None, "context": []}
            table[code] = {
                "type": "REQUEST",
                "mode": base.get("mode"),
                "context": list(base.get("context", [])),
                "basis": "supplement",
            }
    # Codes absent from the table inherit from their 3-digit parent, then their root.
    for code in cameo:
        if code in table or code.startswith("01"):
            continue
        parent = table.get(code[:3]) or table.get(code[:2])
        if parent:
            table[code] = {**parent, "basis": "parent"}
    return dict(sorted(table.items()))


def main(argv: list[str]) -> None:
    shared = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[3] / "shared"
    cameo = build_cameo(shared)
    plover = build_plover(shared, cameo)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "cameo.json").write_text(json.dumps(cameo, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (OUT / "cameo_plover.json").write_text(
        json.dumps(plover, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{len(cameo)} CAMEO codes, {len(plover)} PLOVER mappings -> {OUT}")


if __name__ == "__main__":
    main(sys.argv)
