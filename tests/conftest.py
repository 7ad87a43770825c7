"""Shared fixtures. Tests that need ../shared use the `shared_dir` fixture and skip cleanly without it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (it is present in CI)")
    return SHARED


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def pipeline():
    """One pipeline for the whole test session: loading spaCy is the slow part."""
    from newsevents.pipeline import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def run(pipeline):
    """run(text, published=...) -> Extraction, through the shared pipeline."""
    from newsevents.ingest import from_text

    def _run(text: str, **fields):
        return pipeline(from_text(text, **fields))

    return _run


@pytest.fixture(scope="session")
def seed(shared_dir, pipeline):
    """The reference article, published 2025-08-15, extracted once."""
    from newsevents.ingest import read_one

    return pipeline(
        read_one(shared_dir / "seed" / "article.txt", published="2025-08-15", source="The Guardian")
    )
