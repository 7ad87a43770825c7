"""Imported once by the forkserver (multiprocessing preload), before it forks the worker processes.

It builds the default pipeline, runs it on one sentence and turns the result into Arrow tables (what a
worker does with every batch; pyarrow's first conversion imports pandas, about 0.25 s), so each worker forked from the server starts
with the spaCy model and the stage data loaded and the lazy caches filled, instead of loading them
itself (several seconds per worker, all of them at once on the same cores). A worker whose settings differ
from the environment's builds its own pipeline as before.
"""

from __future__ import annotations

import contextlib


def _warm() -> None:
    from newsevents.ingest import from_text
    from newsevents.pipeline import default_pipeline
    from newsevents.settings import Settings
    from newsevents.store import to_arrow

    pipeline = default_pipeline(Settings.from_env())
    to_arrow(
        [
            pipeline(
                from_text("Russia and China signed a treaty in Beijing on Monday.", published="2024-05-16")
            )
        ]
    )


# A failure here is not reported: the worker meets it again when it builds the pipeline itself.
with contextlib.suppress(Exception):
    _warm()
