"""The Python API: ``newsevents.extract(text, published=...)``."""

from __future__ import annotations

import datetime as dt

from newsevents.ingest import from_text
from newsevents.model import Article, Extraction
from newsevents.pipeline import default_pipeline
from newsevents.settings import Settings


def extract(
    text: str,
    *,
    published: str | dt.date | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    id: str | None = None,
    settings: Settings | None = None,
) -> Extraction:
    """Extract actors, events, quotes, dates and places from one article's text.

    Args:
        text: the article text (plain text; boilerplate such as trailing related headlines is set aside).
        published: publication date (``"2025-08-15"`` or a ``date``); relative dates resolve against it.
        title, source, url, id: article metadata carried into the output.
        settings: overrides (model name, size limit, dictionaries); default from the environment.

    Returns:
        An ``Extraction``; ``.to_dict()`` / ``.to_json()`` give the JSON contract.

    Raises:
        newsevents.InputError: empty, non-English or otherwise unreadable text.

    Example:
        >>> import newsevents
        >>> x = newsevents.extract("Russia and China signed a treaty on Monday.", published="2024-05-16")
        >>> [e.cameo.code for e in x.events]
    """
    settings = settings or Settings.from_env()
    article = from_text(
        text, id=id, title=title, source=source, url=url, published=published, languages=settings.languages
    )
    return extract_article(article, settings=settings)


def extract_article(article: Article, *, settings: Settings | None = None) -> Extraction:
    """Run the pipeline over an Article made by ``newsevents.ingest``."""
    return default_pipeline(settings or Settings.from_env())(article)
