"""Try it: paste an article (and its date), see the extraction highlighted. Nothing is stored.

The text goes through ``newsevents.extract`` and then through the same rows and highlighting as a stored
article (``store.tables.extraction_rows``), so the page shows what an ingest would store.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from newsevents.web.highlight import ArticleView, build

MAX_CHARS = 50_000  # a long news article is ~10,000 characters
_lock = threading.Lock()  # one extraction at a time: the spaCy pipeline is loaded once and shared


def run(text: str, published: str, source: str) -> dict[str, Any]:
    """Form values -> {"view": ArticleView} or {"error": message}; never raises on bad input."""
    from newsevents.errors import NewsEventsError

    text = text.replace("\r\n", "\n")
    if not text.strip():
        return {"error": "Paste an article's text first."}
    if len(text) > MAX_CHARS:
        return {"error": f"That text has {len(text):,} characters; the limit here is {MAX_CHARS:,}."}
    date: dt.date | None = None
    if published.strip():
        try:
            date = dt.date.fromisoformat(published.strip())
        except ValueError:
            return {"error": "The publication date must look like 2025-08-15."}
    try:
        with _lock:
            view = extract_view(text, date, source.strip()[:200] or None)
    except NewsEventsError as exc:
        return {"error": str(exc)}
    return {"view": view}


def extract_view(text: str, published: dt.date | None, source: str | None) -> ArticleView:
    import newsevents
    from newsevents.store.tables import extraction_rows

    x = newsevents.extract(text, published=published, source=source, id="pasted")
    rows = extraction_rows(x)
    (article,) = rows["articles"]
    return build(
        article,
        actors=rows["actors"],
        mentions=rows["mentions"],
        events=rows["events"],
        attributions=rows["attributions"],
        quotes=rows["quotes"],
        times=rows["times"],
        places=rows["places"],
    )
