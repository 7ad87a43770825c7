"""The public Python API: a short, deliberate surface."""

from __future__ import annotations

import newsevents


def test_exported_members_are_sorted_and_exist():
    assert newsevents.__all__ == sorted(newsevents.__all__)
    for name in newsevents.__all__:
        assert hasattr(newsevents, name)


def test_extract_returns_an_extraction():
    x = newsevents.extract(
        "Russia and China signed a trade agreement in Moscow on Monday, officials said.",
        published="2024-05-16",
        source="Example Wire",
    )
    assert isinstance(x, newsevents.Extraction)
    assert str(x.article.published) == "2024-05-16" and x.article.source == "Example Wire"
    assert x.to_dict()["article"]["published"] == "2024-05-16"


def test_pipeline_is_loaded_once():
    from newsevents.pipeline import default_pipeline

    assert default_pipeline() is default_pipeline()
