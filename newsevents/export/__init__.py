"""export: extractions and stored tables -> files other tools read (JSONL, CSV, Parquet, GDELT, PLOVER).

``export(store, out, fmt)``: jsonl/csv/parquet write a table (default ``events``; Parquet can write all
tables, one file each); gdelt writes GDELT 2.0 Event TSV (61 columns); plover writes PLOVER JSONL.
The columns are documented in docs/store.md.
"""

from __future__ import annotations

from pathlib import Path

from newsevents.errors import StoreError

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")


def export(store, out: str | Path, fmt: str, *, table: str = "events") -> int:
    """Write the store (or one table) to ``out`` in ``fmt``; returns the number of rows written."""
    if fmt == "gdelt":
        from newsevents.export.gdelt import export_gdelt

        return export_gdelt(store, out)
    if fmt == "plover":
        from newsevents.export.plover import export_plover

        return export_plover(store, out)
    if fmt in ("jsonl", "csv", "parquet"):
        from newsevents.export.tables import export_table

        return export_table(store, out, fmt, table)
    raise StoreError(f"unknown export format {fmt!r}; one of: {', '.join(FORMATS)}")
