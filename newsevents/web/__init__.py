"""The web explorer (`newsevents serve`): server-rendered pages over a store, opened read-only.

from newsevents.web import create_app
app = create_app("newsevents.duckdb")
"""

from __future__ import annotations

from newsevents.web.app import create_app

__all__ = ["create_app"]
