"""One record per happening: counts as in GDELT, first/last reported, a representative event."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from newsevents.link.cluster import Cluster
from newsevents.link.keys import LEVELS, date_level, truncate
from newsevents.link.records import LinkEvent


@dataclass(slots=True)
class ClusterSummary:
    cluster_id: str
    block: str
    group: str
    source_key: str
    target_key: str
    source_name: str | None
    target_name: str | None
    cameo_code: str | None
    plover_type: str | None
    # As GDELT: NumMentions counts every mention (an article can report the happening twice),
    # NumArticles the distinct articles, NumSources the distinct outlets.
    num_mentions: int
    num_articles: int
    num_sources: int
    first_reported: dt.date | None
    last_reported: dt.date | None
    date_value: str | None  # the date most members give (at the level most of them state)
    date_granularity: str | None
    place_name: str | None
    place_country: str | None
    representative_article: str
    representative_event: str
    representative_sentence: str | None
    sources: list[str] = field(default_factory=list)
    members: list[tuple[str, str]] = field(default_factory=list)


def _mode(values: list) -> object | None:
    """Most common value, ties broken by the value itself (deterministic)."""
    if len(values) == 1:  # most happenings have one member: no counting needed
        return None if values[0] in (None, "") else values[0]
    counts = Counter(v for v in values if v not in (None, ""))
    if not counts:
        return None
    return min(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]


def representative(members: list[LinkEvent]) -> LinkEvent:
    """The most complete report, then the first reported, then the one nearest its article's lead."""
    if len(members) == 1:  # most happenings
        return members[0]

    def score(e: LinkEvent) -> tuple:
        complete = (bool(e.target_key), e.text_dated, e.anchor, bool(e.place_name), bool(e.source_key))
        return (
            tuple(not c for c in complete),
            e.published or dt.date.max,
            e.position,
            e.key,
        )

    return min(members, key=score)


def consensus_date(members: list[LinkEvent]) -> tuple[str | None, str | None, int]:
    """The date the most articles give: (value, granularity, number of articles giving it)."""
    levels = Counter()
    for e in members:
        if e.text_dated and (lvl := date_level(e.date_granularity)):
            levels[lvl] += 1
    if not levels:
        return None, None, 0
    # The finest level at least half of the dated members reach.
    total = sum(levels.values())
    chosen = "year"
    for lvl in LEVELS:
        reach = sum(n for lv, n in levels.items() if LEVELS.index(lv) >= LEVELS.index(lvl))
        if reach * 2 >= total:
            chosen = lvl
    support: dict[str, set[str]] = {}
    for e in members:
        lvl = date_level(e.date_granularity)
        if e.text_dated and lvl and LEVELS.index(lvl) >= LEVELS.index(chosen):
            value = truncate(e.date_value, chosen)
            if value:
                support.setdefault(value, set()).add(e.article_id)
    if not support:
        return None, None, 0
    value, arts = min(support.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return value, chosen, len(arts)


def summarize(cluster: Cluster) -> ClusterSummary:
    m = cluster.members
    rep = representative(m)
    group = rep.group
    # Who did what to whom is read from the reports in the representative's block: a happening joined
    # across blocks (story links) mixes sources and kinds; counts, dates and places take every member.
    own = [e for e in m if e.block == rep.block]
    published = [e.published for e in m if e.published]
    date_value, date_gran, _ = consensus_date(m)
    sources = sorted({e.outlet for e in m if e.outlet})
    target_key = _mode([e.target_key for e in own]) or ""
    return ClusterSummary(
        cluster_id=cluster.id,
        block=cluster.block,
        group=group,
        source_key=rep.source_key,
        target_key=str(target_key),
        source_name=_mode([e.source_name for e in own]),  # type: ignore[arg-type]
        target_name=_mode([e.target_name for e in own if e.target_key == target_key]),  # type: ignore[arg-type]
        cameo_code=_mode([e.cameo_code for e in own]),  # type: ignore[arg-type]
        plover_type=_mode([e.plover_type for e in own]),  # type: ignore[arg-type]
        num_mentions=len(m),
        num_articles=len({e.article_id for e in m}),
        num_sources=len(sources),
        first_reported=min(published) if published else None,
        last_reported=max(published) if published else None,
        date_value=date_value,
        date_granularity=date_gran,
        place_name=_mode([e.place_name for e in m]),  # type: ignore[arg-type]
        place_country=_mode([e.place_country for e in m]),  # type: ignore[arg-type]
        representative_article=rep.article_id,
        representative_event=rep.event_id,
        representative_sentence=rep.sentence,
        sources=sources,
        members=[e.key for e in m],
    )
