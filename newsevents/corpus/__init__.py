"""corpus: runs over many articles. ``ingest(paths, db)`` with the local engine (worker processes) or
``ingest_dask`` on a Dask cluster; both write the DuckDB store of ``newsevents.store``.
"""

from __future__ import annotations

from newsevents.corpus.runner import DEFAULT_BATCH_SIZE, RunStats, count_inputs, ingest, process_batch

__all__ = ["DEFAULT_BATCH_SIZE", "RunStats", "count_inputs", "ingest", "process_batch"]
