"""CAMEO code -> Cameo (name, Goldstein, quad class) and PLOVER (type, mode, context), from data files."""

from __future__ import annotations

from newsevents.model import Cameo, Plover
from newsevents.resources import load_data


def cameo(code: str) -> Cameo:
    table = load_data("events", "cameo.json")
    entry = table.get(code)
    while entry is None and len(code) > 2:  # an unknown sub-code falls back to its parent
        code = code[:-1]
        entry = table.get(code)
    if entry is None:
        raise KeyError(f"unknown CAMEO code {code!r}")
    return Cameo(
        code=code,
        root=entry["root"],
        name=entry["name"],
        goldstein=entry["goldstein"],
        quad_class=entry["quad_class"],
    )


def plover(code: str) -> Plover | None:
    """PLOVER 2 type and mode; None for CAMEO 01 (statements have no PLOVER type)."""
    entry = load_data("events", "cameo_plover.json").get(code)
    if entry is None:
        return None
    return Plover(type=entry["type"], mode=entry.get("mode"), context=list(entry.get("context") or []))


def is_code(code: str) -> bool:
    return code in load_data("events", "cameo.json")
