"""store: the DuckDB file a corpus run writes (articles, actors, mentions, events, quotes, attributions,
times, places, failures, runs). Schema in ``store.tables`` (derived from model.py) and ``store.schema``
(numbered migrations); tables and columns documented in docs/store.md.
"""

from __future__ import annotations

from newsevents.store.store import Failure, Store, WriteResult, open_store, split_input
from newsevents.store.tables import TABLES, extraction_rows, to_arrow

__all__ = [
    "TABLES",
    "Failure",
    "Store",
    "WriteResult",
    "extraction_rows",
    "open_store",
    "split_input",
    "to_arrow",
]
