"""Reports of one happening across blocks: each article's main event, linked by its article's context.

Blocks (same canonical source actor, same kind) keep the event linker precise, but most reports of one
happening do not share a main event with the same source and kind: one outlet leads with "North Korea
fired a missile", another with "Japan condemned the launch". So each article's main event (the first
linkable event with a source and a target: a lead states its happening first) carries the article's
context, its most-mentioned actors with fixed weights (``keys.article_context``), and two main events are joined
when their articles' contexts overlap enough within a few days (``story_link``). The test reads only the
two articles, never corpus statistics, so a link between two articles never changes when others arrive:
this is what keeps linking incremental and independent of arrival order.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsevents.link.config import config
from newsevents.link.records import LinkEvent


def main_event(events: Iterable[LinkEvent]) -> LinkEvent | None:
    """The article's main event: the first linkable event with a source and a target, else the first."""
    linkable = sorted((e for e in events if e.linkable), key=lambda e: (e.position, e.event_id))
    full = [e for e in linkable if e.source_key and e.target_key]
    return (full or linkable or [None])[0]


def main_events(events: Iterable[LinkEvent]) -> list[LinkEvent]:
    """The main event of each article among ``events`` (which must hold all of each article's events)."""
    by_article: dict[str, list[LinkEvent]] = defaultdict(list)
    for e in events:
        by_article[e.article_id].append(e)
    mains = (main_event(evs) for evs in by_article.values())
    return sorted((m for m in mains if m is not None), key=lambda m: m.key)


@dataclass(frozen=True, slots=True)
class _Profile:
    event: LinkEvent
    published: dt.date
    keys: dict[str, float]
    mass: float


def _dates_agree(a: LinkEvent, b: LinkEvent) -> bool:
    """Main events both dated in the text must overlap (the spans carry the granularity's tolerance)."""
    if not (a.text_dated and b.text_dated and a.span and b.span):
        return True
    return a.span[0] <= b.span[1] and b.span[0] <= a.span[1]


def story_link(a: _Profile, b: _Profile, shared: float) -> bool:
    """Whether two articles' main events report one happening, given the weight of their shared keys."""
    cfg = config()
    if shared < cfg.story_min_shared:
        return False
    sim = shared / min(a.mass, b.mass)
    days = abs((a.published - b.published).days)
    near = days <= cfg.story_window_days and sim >= cfg.story_min_similarity
    far = days <= cfg.story_far_window_days and sim >= cfg.story_far_min_similarity
    return (near or far) and _dates_agree(a.event, b.event)


def story_links(mains: Sequence[LinkEvent]) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Pairs of main events (by key) that report one happening. Candidates share an actor key and were
    published within ``story_far_window_days``: an index per key, in date order, keeps this far from all
    pairs, and the shared weight of each candidate is summed while walking it."""
    cfg = config()
    profiles = [
        _Profile(m, m.published, dict(m.context), sum(w for _, w in m.context))
        for m in sorted(mains, key=lambda m: m.key)
        if m.published is not None and m.context
    ]
    index: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for k in p.keys:
            index[k].append((p.published, i))
    for postings in index.values():
        postings.sort()
    far = dt.timedelta(days=cfg.story_far_window_days)
    out = []
    for i, p in enumerate(profiles):
        shared: dict[int, float] = defaultdict(float)
        last = p.published + far
        for k, w in p.keys.items():
            postings = index[k]
            for n in range(bisect.bisect_left(postings, (p.published - far, -1)), len(postings)):
                day, j = postings[n]
                if day > last:
                    break
                if j > i:
                    shared[j] += w
        for j in sorted(shared):
            if story_link(p, profiles[j], shared[j]):
                out.append((p.event.key, profiles[j].event.key))
    return out
