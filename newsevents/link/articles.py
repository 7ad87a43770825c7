"""One happening per article: its main event, or its main actors when it has no linkable event.

Used to link whole articles (eval/linking.py scores them against news_cluster's labels, which say which
happening each article reports). An article is represented by

- its main event: the first linkable event that has both a source and a target (the lead of a news
  story states its happening first), else the first linkable event;
- its main actors: the canonical keys (``keys.actor_key``) of the ``top_actors`` most-mentioned actors
  (media actors left out: the outlet is not what the story is about) plus the main event's actors;
- its date: the main event's date when the text gives a day, else the publication date.

Two articles report the same happening when their dates are within ``window_days`` and they share enough
main actors (``min_similarity``, overlap over the smaller set), or, for follow-up reports, when they are
within ``far_window_days`` and share at least ``far_min_shared`` actors and ``far_min_similarity``; with ``same_kind`` their main events, when
both have one, must also be of the same kind (off by default: on news_cluster an article's first event
is as often a reaction or background as the happening itself). Clusters are the connected components of that relation: a property of the
set of articles, whatever their order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from newsevents.link.config import config
from newsevents.link.keys import actor_key
from newsevents.link.records import LinkEvent, from_extraction
from newsevents.model import Extraction


@dataclass(frozen=True, slots=True)
class ArticleHappening:
    article_id: str
    outlet: str | None
    day: dt.date | None
    actors: frozenset[str]
    main: LinkEvent | None


def main_event(events: Iterable[LinkEvent]) -> LinkEvent | None:
    linkable = sorted((e for e in events if e.linkable), key=lambda e: (e.position, e.event_id))
    full = [e for e in linkable if e.source_key and e.target_key]
    return (full or linkable or [None])[0]


def article_happening(x: Extraction) -> ArticleHappening:
    cfg = config()
    main = main_event(from_extraction(x))

    def weight(a) -> tuple:
        first = min((m.start for m in a.mentions), default=len(x.article.text))
        return (-len(a.mentions), first, a.id)

    people = sorted((a for a in x.actors if a.kind != "media"), key=weight)
    keys: list[str] = []
    for a in people:
        k = actor_key(a.code, a.country, a.name)
        if k and k not in keys:
            keys.append(k)
        if len(keys) >= cfg.article_top_actors:
            break
    if main:
        keys += [k for k in (main.source_key, main.target_key) if k]
    day = x.article.published
    if main and main.anchor:
        span = main.interval()
        day = span[0] if span else day
    return ArticleHappening(x.article.id, x.article.source, day, frozenset(keys), main)


def _compatible(a: ArticleHappening, b: ArticleHappening) -> bool:
    cfg = config()
    if a.day is None or b.day is None or not a.actors or not b.actors:
        return False
    if cfg.article_same_kind and a.main and b.main and a.main.group != b.main.group:
        return False
    days = abs((a.day - b.day).days)
    shared = len(a.actors & b.actors)
    overlap = shared / min(len(a.actors), len(b.actors))
    if days <= cfg.article_window_days and overlap >= cfg.article_min_similarity:
        return True
    # Follow-up reports (the investigation, the funeral) come weeks later: they must share more.
    return (
        days <= cfg.article_far_window_days
        and shared >= cfg.article_far_min_shared
        and overlap >= cfg.article_far_min_similarity
    )


def link_articles(items: Iterable[ArticleHappening]) -> dict[str, str]:
    """article id -> cluster id (connected components; ids derived from the smallest member)."""
    arts = sorted(items, key=lambda a: a.article_id)
    parent = list(range(len(arts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Candidates share at least one actor key: an inverted index keeps this far from all pairs.
    index: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(arts):
        for k in a.actors:
            index[k].append(i)
    for i, a in enumerate(arts):
        seen: set[int] = set()
        for k in a.actors:
            for j in index[k]:
                if j > i and j not in seen:
                    seen.add(j)
                    if _compatible(a, arts[j]):
                        ri, rj = find(i), find(j)
                        if ri != rj:
                            parent[max(ri, rj)] = min(ri, rj)
    out = {}
    for i, a in enumerate(arts):
        root = arts[find(i)].article_id
        out[a.article_id] = "A" + hashlib.sha1(root.encode()).hexdigest()[:15]
    return out
