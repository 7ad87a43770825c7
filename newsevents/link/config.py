"""The link stage's settings, read once from newsevents/data/link/linking.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsevents.resources import load_data


@dataclass(frozen=True, slots=True)
class LinkConfig:
    root_group: dict[str, str]
    plover_group: dict[str, str]
    tolerance_days: dict[str, int]
    collective_sectors: frozenset[str]
    max_span_days: int
    publication_lookback_days: int
    anchor_granularities: frozenset[str]
    place_disagreement_km: float
    count_tolerance: float
    majority_min_articles: int
    majority_min_sources: int
    majority_max_minority_ratio: float
    majority_max_year_gap: int
    article_top_actors: int
    article_window_days: int
    article_min_similarity: float
    article_same_kind: bool
    article_far_window_days: int
    article_far_min_similarity: float
    story_top_actors: int
    story_weights: dict[str, float]
    story_min_shared: float
    story_window_days: int
    story_min_similarity: float
    story_far_window_days: int
    story_far_min_similarity: float


@cache
def config() -> LinkConfig:
    raw = load_data("link", "linking.yaml")
    root_group = {root: group for group, roots in raw["cameo_groups"].items() for root in roots}
    maj, art, story = raw["majority"], raw["articles"], raw["story"]
    return LinkConfig(
        root_group=root_group,
        plover_group=dict(raw["plover_groups"]),
        collective_sectors=frozenset(raw.get("collective_sectors", [])),
        tolerance_days={k: int(v) for k, v in raw["date_tolerance_days"].items()},
        max_span_days=int(raw["max_span_days"]),
        publication_lookback_days=int(raw["publication_lookback_days"]),
        anchor_granularities=frozenset(raw["anchor_granularities"]),
        place_disagreement_km=float(raw["place_disagreement_km"]),
        count_tolerance=float(raw["count_tolerance"]),
        majority_min_articles=int(maj["min_articles"]),
        majority_min_sources=int(maj["min_sources"]),
        majority_max_minority_ratio=float(maj["max_minority_ratio"]),
        majority_max_year_gap=int(maj["max_year_gap"]),
        article_top_actors=int(art["top_actors"]),
        article_window_days=int(art["window_days"]),
        article_min_similarity=float(art["min_similarity"]),
        article_same_kind=bool(art.get("same_kind", False)),
        article_far_window_days=int(art.get("far_window_days", art["window_days"])),
        article_far_min_similarity=float(art.get("far_min_similarity", art["min_similarity"])),
        story_top_actors=int(story["top_actors"]),
        story_weights={k: float(v) for k, v in story["weights"].items()},
        story_min_shared=float(story["min_shared"]),
        story_window_days=int(story["window_days"]),
        story_min_similarity=float(story["min_similarity"]),
        story_far_window_days=int(story["far_window_days"]),
        story_far_min_similarity=float(story["far_min_similarity"]),
    )
