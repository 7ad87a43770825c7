"""newsevents: evidence-backed event data from news articles.

>>> import newsevents
>>> extraction = newsevents.extract(text, published="2025-08-15")
>>> extraction.to_json()
"""

from newsevents.api import extract, extract_article
from newsevents.errors import InputError, ModelError, NewsEventsError, StoreError
from newsevents.model import (
    Actor,
    Article,
    Attribution,
    Event,
    Extraction,
    Place,
    Quote,
    TimeExpression,
)
from newsevents.pipeline import Pipeline
from newsevents.settings import Settings
from newsevents.version import __version__

__all__ = [
    "Actor",
    "Article",
    "Attribution",
    "Event",
    "Extraction",
    "InputError",
    "ModelError",
    "NewsEventsError",
    "Pipeline",
    "Place",
    "Quote",
    "Settings",
    "StoreError",
    "TimeExpression",
    "__version__",
    "extract",
    "extract_article",
]
