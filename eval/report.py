"""Helpers shared by the eval scripts: where the dev sets are, and writing a section of docs/accuracy.md.

Each eval script owns one section, delimited by HTML comments, and rewrites only that section, so the
scripts can run in any order and the rest of the page stays as written.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ACCURACY = ROOT / "docs" / "accuracy.md"


def require_shared() -> Path:
    if not SHARED.is_dir():
        sys.exit(f"eval needs the dev sets in {SHARED}")
    return SHARED


def markdown_table(headers: list[str], rows: list[list[object]]) -> str:
    def fmt(v: object) -> str:
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def write_section(name: str, markdown: str, path: Path = ACCURACY) -> None:
    """Replace (or append) the section `name` of docs/accuracy.md with `markdown`."""
    begin, end = f"<!-- eval:{name} -->", f"<!-- /eval:{name} -->"
    block = f"{begin}\n{markdown.strip()}\n{end}"
    text = (
        path.read_text(encoding="utf-8")
        if path.exists()
        else "# Accuracy\n\nMeasured by the scripts in eval/ against the dev sets in ../shared/eval.\n"
    )
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    text = (
        pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    )
    path.write_text(text, encoding="utf-8")
