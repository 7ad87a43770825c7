"""Names for codes shown in the pages: CAMEO roots (from the events stage's codebook) and quad classes."""

from __future__ import annotations

from functools import cache


@cache
def cameo_roots() -> dict[str, str]:
    """'05' -> 'ENGAGE IN DIPLOMATIC COOPERATION'; empty when the codebook is not installed."""
    from newsevents.resources import load_data

    try:
        book = load_data("events", "cameo.json")
    except (FileNotFoundError, OSError, ValueError):
        return {}
    return {code: str(v.get("name", "")) for code, v in sorted(book.items()) if len(code) == 2}
