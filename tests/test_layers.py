"""Data flows one way: a stage never imports a later one (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "newsevents"
# The stages in data-flow order. The orchestrators (pipeline.py over the doc stages, corpus/ over a corpus
# run, api.py) sit above them and the faces (cli/, web/) above everything: no stage imports those.
ORDER = [
    "ingest",
    "nlp",
    "actors",
    "temporal",
    "places",
    "events",
    "attribution",
    "store",
    "link",
    "export",
    "web",
]
ABOVE = ["pipeline", "corpus", "api", "cli"]
RANK = {name: i for i, name in enumerate(ORDER)} | {name: len(ORDER) for name in ABOVE}


def _imported_stages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "newsevents" and len(parts) > 1 and parts[1] in RANK:
                found.add(parts[1])
    return found


def test_no_stage_imports_a_later_stage():
    offences = []
    for stage in ORDER[:-1]:
        for path in sorted((PACKAGE / stage).rglob("*.py")):
            for other in _imported_stages(path):
                if RANK[other] > RANK[stage]:
                    offences.append(f"{path.relative_to(PACKAGE)} imports newsevents.{other}")
    assert not offences, "\n".join(offences)
