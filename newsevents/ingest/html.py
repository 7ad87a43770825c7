"""HTML -> Article: trafilatura keeps the story and drops navigation, ads and related links."""

from __future__ import annotations

from typing import Any

import trafilatura

from newsevents.errors import EmptyInput
from newsevents.ingest.text import from_text
from newsevents.model import Article


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def from_html(html: str, *, input: str | None = None, **fields: Any) -> Article:
    """Extract the story text and the page's title, date, URL and site name."""
    name = input or "<html>"
    doc = trafilatura.bare_extraction(
        html, url=fields.get("url"), include_comments=False, include_tables=False, with_metadata=True
    )
    if doc is None or not (doc.text or "").strip():
        raise EmptyInput(name, "no story text found in the HTML page")
    fields.setdefault("title", doc.title)
    fields.setdefault("published", doc.date)
    fields.setdefault("url", doc.url)
    fields.setdefault("source", doc.sitename)
    fields = {k: v for k, v in fields.items() if v is not None}
    return from_text(doc.text, input=input, **fields)
