"""Clustering events into happenings, deterministically from the set of events.

Two levels. *Reports* (``report_clusters``): events link inside a block (same canonical source actor,
same kind of happening: ``LinkEvent.block``); a block is clustered by a pure function of the *set* of its
events (everything is sorted by content first), so an update only re-clusters the blocks its new events
fall in. *Happenings* (``happenings``): the connected components of the reports joined by story links
between articles' main events (``story.py``: reports of one happening whose main events differ in source
or kind). A story link is a function of its two articles alone, so the happenings are a function of the
set of events too, whatever the order in which articles arrived. Within a block:

1. anchors (a day-level date from the text and a known target) are grouped per target in date order:
   an anchor joins the earliest open cluster that started at most ``max_span_days`` before it and does
   not place the happening in another country; otherwise it starts a cluster. The cap stops daily
   strikes by the same actors from chaining into one months-long "happening".
2. vaguer events (a month or year, no target, dated only by their article) attach to the anchor cluster
   they are compatible with (target, date interval, country), the largest first; an event with no target
   only where its source itself (full code or name, not just the country) is already a member. Sizes are read before
   any vague event attaches, so vague events never decide for each other.
3. vague events that found no anchor group by (target, date value) when dated in the text, and by
   publication date (``publication_lookback_days``) otherwise (with no target, by source: full code or
   name); target-less dated ones then join the largest targeted group with the same date and source.

Cluster ids are derived from content: a hash of the block and the smallest member key for reports, of
the smallest member key for happenings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsevents.link.config import config
from newsevents.link.records import LinkEvent
from newsevents.link.story import main_events, story_links


@dataclass(slots=True)
class Cluster:
    id: str
    block: str
    members: list[LinkEvent] = field(default_factory=list)

    @property
    def article_ids(self) -> set[str]:
        return {m.article_id for m in self.members}


@dataclass(slots=True)
class _Group:
    target: str
    first: dt.date
    lo: dt.date
    hi: dt.date
    members: list[LinkEvent] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)

    def add(self, e: LinkEvent, span: tuple[dt.date, dt.date]) -> None:
        self.members.append(e)
        self.lo, self.hi = min(self.lo, span[0]), max(self.hi, span[1])
        if e.place_country:
            self.countries.add(e.place_country)

    def place_ok(self, e: LinkEvent) -> bool:
        return not (e.place_country and self.countries and e.place_country not in self.countries)


def _sort_key(e: LinkEvent) -> tuple:
    span = e.interval()
    return (span[0] if span else dt.date.min, e.article_id, e.event_id)


def _candidates(groups: list[_Group]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """The anchor groups a vague event may join, by index in order: per target; and, for an event with
    no target, per source (full code or name) among the group's members: with no target to match, the
    country is too weak a link, the source itself must recur. Indexed once per block instead of testing
    every group for every vague event."""
    by_target: dict[str, list[int]] = defaultdict(list)
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        by_target[g.target].append(i)
        for source in {m.source_detail for m in g.members}:
            by_source[source].append(i)
    return by_target, by_source


def cluster_block(events: Iterable[LinkEvent]) -> list[list[LinkEvent]]:
    """The happenings of one block, as lists of member events (each sorted by key)."""
    cfg = config()
    max_span = dt.timedelta(days=cfg.max_span_days)
    evs = sorted((e for e in events if e.linkable and e.interval() is not None), key=_sort_key)
    anchors = [e for e in evs if e.anchor]
    vague = [e for e in evs if not e.anchor]

    # 1. anchors, per target in date order.
    groups: list[_Group] = []
    by_target: dict[str, list[LinkEvent]] = defaultdict(list)
    for e in anchors:
        by_target[e.target_key].append(e)
    for target in sorted(by_target):
        open_groups: list[_Group] = []
        for e in by_target[target]:
            span = e.interval()
            assert span is not None
            open_groups = [g for g in open_groups if span[0] <= g.first + max_span]
            home = next((g for g in open_groups if g.place_ok(e)), None)
            if home is None:
                home = _Group(target, span[0], span[0], span[1])
                open_groups.append(home)
                groups.append(home)
            home.add(e, span)

    # 2. vague events attach to an anchor group, decided against the anchor groups as they stand.
    sizes = [(len(g.members), g.first, g.members[0].key) for g in groups]
    by_group_target, by_group_source = _candidates(groups)
    attach: list[tuple[_Group, LinkEvent]] = []
    left: list[LinkEvent] = []
    for e in vague:
        span = e.interval()
        assert span is not None
        candidates = (
            by_group_target.get(e.target_key, ())
            if e.target_key
            else by_group_source.get(e.source_detail, ())
        )
        fits = [
            i
            for i in candidates
            if span[0] <= groups[i].hi and groups[i].lo <= span[1] and groups[i].place_ok(e)
        ]
        if fits:
            best = min(fits, key=lambda i: (-sizes[i][0], sizes[i][1], sizes[i][2]))
            attach.append((groups[best], e))
        else:
            left.append(e)
    for g, e in attach:
        span = e.interval()
        assert span is not None
        g.add(e, span)

    # 3. the rest: same target and date value when dated in the text, else by publication date. With no
    # target, the source itself (not just its country) must be the same.
    dated: dict[tuple[str, str, str], list[LinkEvent]] = defaultdict(list)
    undated: dict[tuple[str, str], list[LinkEvent]] = defaultdict(list)
    for e in left:
        who = "" if e.target_key else e.source_detail
        if e.text_dated:
            dated[(e.target_key, who, e.date_value or "")].append(e)
        else:
            undated[(e.target_key, who)].append(e)
    # Target-less dated claims join the largest targeted group with the same date value and source.
    for (target, who, value), members in sorted(dated.items()):
        if target or not members:
            continue
        hosts = [
            (len(m), t)
            for (t, _, v), m in dated.items()
            if t and v == value and any(x.source_detail == who for x in m)
        ]
        if hosts:
            _, host = min(hosts, key=lambda h: (-h[0], h[1]))
            dated[(host, "", value)].extend(members)
            dated[(target, who, value)] = []
    out = [g.members for g in groups] + [m for m in dated.values() if m]
    lookback = dt.timedelta(days=cfg.publication_lookback_days)
    for key in sorted(undated):
        current: list[LinkEvent] = []
        first: dt.date | None = None
        for e in undated[key]:  # already in date order
            day = e.interval()[1]  # type: ignore[index]
            if first is None or day > first + lookback:
                current = []
                out.append(current)
                first = day
            current.append(e)
    return [sorted(m, key=lambda e: e.key) for m in out if m]


def cluster_id(block: str, members: list[LinkEvent]) -> str:
    """Content-derived id: the block and the smallest member key, hashed."""
    first = min(m.key for m in members)
    digest = hashlib.sha1(f"{block}\x1f{first[0]}\x1f{first[1]}".encode()).hexdigest()
    return "C" + digest[:15]


def happening_id(members: list[LinkEvent]) -> str:
    """Content-derived id of a happening: its smallest member key, hashed."""
    first = min(m.key for m in members)
    return "H" + hashlib.sha1(f"{first[0]}\x1f{first[1]}".encode()).hexdigest()[:15]


def report_clusters(events: Iterable[LinkEvent]) -> list[Cluster]:
    """The reports of a set of events (any order): per block, sorted by id."""
    blocks: dict[str, list[LinkEvent]] = defaultdict(list)
    for e in events:
        if e.linkable:
            blocks[e.block].append(e)
    out = []
    for block, evs in blocks.items():
        for members in cluster_block(evs):
            out.append(Cluster(cluster_id(block, members), block, members))
    return sorted(out, key=lambda c: c.id)


def happenings(reports: Iterable[Cluster], mains: Iterable[LinkEvent]) -> list[Cluster]:
    """Reports joined by story links between the given main events: connected components, sorted by id.
    A happening's block is its representative report's (for display; members may span blocks)."""
    from newsevents.link.summary import representative  # summary imports this module

    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(k: tuple[str, str]) -> tuple[str, str]:
        root = k
        while parent[root] != root:
            root = parent[root]
        while parent[k] != root:
            parent[k], k = root, parent[k]
        return root

    def union(a: tuple[str, str], b: tuple[str, str]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    events: dict[tuple[str, str], LinkEvent] = {}
    for r in reports:
        for m in r.members:
            events[m.key] = m
            parent[m.key] = m.key
        for m in r.members[1:]:
            union(r.members[0].key, m.key)
    for a, b in story_links([m for m in mains if m.key in events]):
        union(a, b)
    groups: dict[tuple[str, str], list[LinkEvent]] = defaultdict(list)
    for k in sorted(events):
        groups[find(k)].append(events[k])
    out = [Cluster(happening_id(ms), representative(ms).block, ms) for ms in groups.values()]
    return sorted(out, key=lambda c: c.id)


def cluster_events(events: Iterable[LinkEvent]) -> list[Cluster]:
    """The happenings of a set of events (any order; all of each article's events), sorted by id."""
    evs = list(events)
    return happenings(report_clusters(evs), main_events(evs))


class Linker:
    """In-memory incremental linking: ``add`` re-clusters only the reports of the blocks the new events
    fall in; the happenings are joined from all reports when asked for (a union-find, cheap).

    The store does the same with its tables (``newsevents.link.storage.update_clusters``).
    """

    def __init__(self) -> None:
        self._events: dict[str, dict[tuple[str, str], LinkEvent]] = defaultdict(dict)
        self._clusters: dict[str, list[Cluster]] = {}
        self._blocks_of: dict[str, set[str]] = defaultdict(set)  # article id -> its blocks
        self._mains: dict[str, LinkEvent] = {}  # article id -> its main event

    def add(self, events: Iterable[LinkEvent]) -> set[str]:
        """Add (or replace) events; returns the blocks that were re-clustered. Each article's events
        come together (its main event is chosen among them)."""
        touched: set[str] = set()
        given = list(events)
        new = [e for e in given if e.linkable]
        # An article seen again replaces its old events, wherever they were.
        articles = {e.article_id for e in given}
        for article in articles:
            self._mains.pop(article, None)
            for block in self._blocks_of.pop(article, set()):
                evs = self._events[block]
                for k in [k for k in evs if k[0] == article]:
                    del evs[k]
                touched.add(block)
        for e in new:
            self._events[e.block][e.key] = e
            self._blocks_of[e.article_id].add(e.block)
            touched.add(e.block)
        for m in main_events(new):
            self._mains[m.article_id] = m
        for block in touched:
            self._clusters[block] = [
                Cluster(cluster_id(block, m), block, m) for m in cluster_block(self._events[block].values())
            ]
        return touched

    def reports(self) -> list[Cluster]:
        return sorted((c for cs in self._clusters.values() for c in cs), key=lambda c: c.id)

    def clusters(self) -> list[Cluster]:
        return happenings(self.reports(), self._mains.values())
