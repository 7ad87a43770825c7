"""Where reports of one happening disagree: date, place, counts; and dated claims against the majority.

A disagreement names each side's value with the articles and outlets that give it, so a reader can go
to the evidence (the events' sentences) and judge.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from newsevents.link.cluster import Cluster
from newsevents.link.config import config
from newsevents.link.keys import LEVELS, coarser, date_interval, date_level, km_between, truncate
from newsevents.link.records import LinkEvent
from newsevents.link.summary import consensus_date
from newsevents.resources import load_data


@dataclass(slots=True)
class Side:
    value: str
    articles: list[str]
    sources: list[str]
    events: list[tuple[str, str]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # the words as written ("February 2021", "15,000")

    @property
    def n_articles(self) -> int:
        return len(self.articles)


@dataclass(slots=True)
class Disagreement:
    id: str
    cluster_id: str
    kind: str  # date | place | count | date_majority
    field: str  # the date level, "country"/"place", the unit of a count
    sides: list[Side]
    # For date_majority: the claim's own cluster, and the majority value with its support.
    claim_cluster_id: str | None = None
    majority_value: str | None = None
    majority_articles: int = 0
    majority_sources: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = [f"{s.value} ({', '.join(s.sources) or '?'}; {s.n_articles} article(s))" for s in self.sides]
        head = f"{self.kind}/{self.field}: " + " vs ".join(parts)
        if self.majority_value:
            head += f"; majority {self.majority_value} in {self.majority_articles} article(s)"
        return head


def _sides(values: dict[str, list[LinkEvent]], texts: dict[str, list[str]] | None = None) -> list[Side]:
    sides = []
    for value, evs in values.items():
        sides.append(
            Side(
                value=value,
                articles=sorted({e.article_id for e in evs}),
                sources=sorted({e.outlet for e in evs if e.outlet}),
                events=sorted(e.key for e in evs),
                texts=sorted(set((texts or {}).get(value, []))),
            )
        )
    # Majority first, then by value: deterministic.
    return sorted(sides, key=lambda s: (-s.n_articles, s.value))


def _make_id(cluster_id: str, kind: str, fld: str, sides: list[Side]) -> str:
    key = "\x1f".join([cluster_id, kind, fld, *sorted(s.value for s in sides)])
    return "D" + hashlib.sha1(key.encode()).hexdigest()[:15]


def _one_per_article(values: dict[str, list[LinkEvent]]) -> dict[str, list[LinkEvent]]:
    """Drop articles that give several values themselves (two distances, the 5th and the 6th): within one
    article those are usually different things, not a disagreement between reports."""
    per_article: dict[str, set[str]] = defaultdict(set)
    for value, evs in values.items():
        for e in evs:
            per_article[e.article_id].add(value)
    kept = {v: [e for e in evs if len(per_article[e.article_id]) == 1] for v, evs in values.items()}
    return {v: evs for v, evs in kept.items() if evs}


def date_disagreement(cluster: Cluster) -> Disagreement | None:
    """Members dated in the text that give different dates, compared at the coarsest level that differs
    ('February 2022' and '24 February 2022' agree; '24' and '25 February' do not)."""
    dated = [e for e in cluster.members if e.text_dated and date_level(e.date_granularity)]
    for level in LEVELS:
        values: dict[str, list[LinkEvent]] = defaultdict(list)
        texts: dict[str, list[str]] = defaultdict(list)
        for e in dated:
            lvl = date_level(e.date_granularity)
            if lvl and LEVELS.index(lvl) >= LEVELS.index(level):
                v = truncate(e.date_value, level)
                if v:
                    values[v].append(e)
                    texts[v].append(e.date_text or v)
        values = _one_per_article(values)
        if len(values) > 1:
            sides = _sides(values, texts)
            return Disagreement(_make_id(cluster.id, "date", level, sides), cluster.id, "date", level, sides)
    return None


@cache
def _country_names() -> frozenset[str]:
    try:
        entries = load_data("actors", "countries.yaml")
    except FileNotFoundError:
        return frozenset()
    return frozenset(n.lower() for c in entries for n in [c.get("name", ""), *c.get("names", [])] if n)


def is_country_name(name: str) -> bool:
    return name.strip().lower().removeprefix("the ") in _country_names()


def place_disagreement(cluster: Cluster) -> Disagreement | None:
    """Different countries, or places of one country farther apart than place_disagreement_km."""
    located = [e for e in cluster.members if e.place_country or e.place_name]
    by_country: dict[str, list[LinkEvent]] = defaultdict(list)
    for e in located:
        if e.place_country:
            by_country[e.place_country].append(e)
    by_country = _one_per_article(by_country)  # type: ignore[assignment]
    if len(by_country) > 1:
        sides = _sides(by_country)
        return Disagreement(
            _make_id(cluster.id, "place", "country", sides), cluster.id, "place", "country", sides
        )
    limit = config().place_disagreement_km
    # A country named whole ("United States") is less precise than a city in it, not in conflict with it.
    points = [
        e
        for e in located
        if e.lat is not None and e.lon is not None and e.place_name and not is_country_name(e.place_name)
    ]
    by_place: dict[str, list[LinkEvent]] = defaultdict(list)
    for e in points:
        by_place[e.place_name or ""].append(e)
    names = sorted(by_place)
    far = set()
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            ea, eb = by_place[a][0], by_place[b][0]
            if km_between(ea.lat, ea.lon, eb.lat, eb.lon) > limit:  # type: ignore[arg-type]
                far |= {a, b}
    if far:
        sides = _sides({n: by_place[n] for n in sorted(far)})
        return Disagreement(
            _make_id(cluster.id, "place", "place", sides), cluster.id, "place", "place", sides
        )
    return None


def count_disagreements(cluster: Cluster) -> list[Disagreement]:
    """Counts of one unit that differ by more than count_tolerance ('15,000 troops' vs '11,000')."""
    tol = config().count_tolerance
    by_unit: dict[str, dict[float, list[LinkEvent]]] = defaultdict(lambda: defaultdict(list))
    texts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for e in cluster.members:
        for unit, value, text in e.counts:
            by_unit[unit][value].append(e)
            texts[unit][_fmt(value)].append(text)
    out = []
    for unit in sorted(by_unit):
        kept = _one_per_article({_fmt(v): evs for v, evs in by_unit[unit].items()})
        by_unit[unit] = {float(v): evs for v, evs in kept.items()}
        values = sorted(by_unit[unit])
        if len(values) < 2 or values[-1] - values[0] <= tol * max(abs(values[-1]), 1e-9):
            continue
        sides = _sides({_fmt(v): by_unit[unit][v] for v in values}, texts[unit])
        out.append(Disagreement(_make_id(cluster.id, "count", unit, sides), cluster.id, "count", unit, sides))
    return out


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def majority_disagreements(clusters: list[Cluster]) -> list[Disagreement]:
    """Dated claims that contradict a well-attested happening of the same block.

    The majority cluster must have at least ``min_articles`` articles from ``min_sources`` outlets; the
    claim's cluster at most ``max_minority_ratio`` of its articles; the targets must agree (or one be
    unknown); the two dates, compared at the coarser of their levels (a month at least: a year alone
    cannot tell one happening from the next), must differ in the year alone, by at most ``max_year_gap``
    years: the shape of a slip ('February 2021' for 'February 2022'), not of another happening; and the
    claim's articles must have been published after the majority's date (they look back on it). A claim
    is flagged once, against the best-attested majority.
    """
    cfg = config()
    info = []
    for c in clusters:
        value, level, support = consensus_date(c.members)
        info.append((c, value, level, support, {e.outlet for e in c.members if e.outlet}, c.article_ids))
    out = []
    for big, bval, blev, _, bsources, barts in info:
        if not bval or not blev or len(barts) < cfg.majority_min_articles:
            continue
        if len(bsources) < cfg.majority_min_sources:
            continue
        btargets = {e.target_key for e in big.members if e.target_key}
        for small, sval, slev, _, _, sarts in info:
            if (
                small.id == big.id  # two reports of one happening (store: reports carry its id)
                or not sval
                or not slev
                or len(sarts) > cfg.majority_max_minority_ratio * len(barts)
            ):
                continue
            stargets = {e.target_key for e in small.members if e.target_key}
            if btargets and stargets and not (btargets & stargets):
                continue
            level = coarser(blev, slev)
            if level == "year":  # a year alone cannot tell one happening from the next
                continue
            a, b = truncate(bval, level), truncate(sval, level)
            if not a or not b or a == b or a[4:] != b[4:]:
                continue
            if abs(int(a[:4]) - int(b[:4])) > cfg.majority_max_year_gap:
                continue
            # The claim looks back: its articles were published after the happening began.
            start = date_interval(a)
            if start and any(e.published and e.published < start[0] for e in small.members):
                continue
            # ... and about their past: a date after publication is a misresolved month, not a claim.
            own = date_interval(b)
            if own and any(e.published and e.published < own[0] for e in small.members):
                continue
            support = {
                e.article_id
                for e in big.members
                if e.text_dated and date_level(e.date_granularity) and truncate(e.date_value, level) == a
            }
            if len(support) < cfg.majority_min_articles:
                continue
            claim = [e for e in small.members if e.text_dated and truncate(e.date_value, level) == b]
            texts = {b: [e.date_text or b for e in claim]}
            sides = _sides({b: claim}, texts)
            out.append(
                Disagreement(
                    _make_id(big.id, "date_majority", level, sides),
                    big.id,
                    "date_majority",
                    level,
                    sides,
                    claim_cluster_id=small.id,
                    majority_value=a,
                    majority_articles=len(support),
                    majority_sources=sorted(bsources),
                )
            )
    # A claim is flagged once, against the best attested majority.
    best: dict[str, Disagreement] = {}
    for d in out:
        key = d.claim_cluster_id or ""
        if key not in best or (-d.majority_articles, d.cluster_id) < (
            -best[key].majority_articles,
            best[key].cluster_id,
        ):
            best[key] = d
    return sorted(best.values(), key=lambda d: d.id)


def happening_disagreements(happening: Cluster) -> list[Disagreement]:
    """Date, place and count disagreements among the reports of one happening."""
    if len(happening.members) < 2:  # one event cannot disagree with itself (most happenings)
        return []
    out = [d for d in (date_disagreement(happening), place_disagreement(happening)) if d]
    return out + count_disagreements(happening)


def block_majority_disagreements(reports: list[Cluster], happening_of: dict[tuple[str, str], str]) -> list:
    """Dated claims against the majority among the reports of one block (same source, same kind), named
    by the happenings the reports belong to (``happening_of``: member key -> happening id)."""
    named = [Cluster(happening_of[r.members[0].key], r.block, r.members) for r in reports]
    return majority_disagreements(named)


def find_disagreements(clusters: list[Cluster]) -> list[Disagreement]:
    """Every disagreement among the clusters of one block (or any set of clusters)."""
    out = [d for c in clusters for d in happening_disagreements(c)]
    out.extend(majority_disagreements(clusters))
    return sorted(out, key=lambda d: d.id)
