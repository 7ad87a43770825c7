"""LinkEvent: the flat view of one event that linking needs, built from an Extraction or a store row."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from newsevents.link.config import config
from newsevents.link.keys import actor_key, article_context, date_interval, normalize_name, type_group
from newsevents.model import Extraction

# Only reports that something happened are linked; "plans to visit", "did not attack", "may strike" are
# not happenings (their events keep cluster_id NULL).
LINKED_MODALITIES = frozenset({"asserted"})


@dataclass(frozen=True, slots=True)
class LinkEvent:
    article_id: str
    event_id: str
    outlet: str | None
    published: dt.date | None
    source_key: str
    target_key: str
    group: str
    # Who exactly, below the country: the full code when it says more (RUSMIL), else the name. Used where
    # the country alone is too weak a link (an event with no target joining a cluster).
    source_detail: str = ""
    source_name: str | None = None
    target_name: str | None = None
    cameo_code: str | None = None
    plover_type: str | None = None
    date_value: str | None = None
    date_granularity: str | None = None
    date_basis: str | None = None
    date_text: str | None = None
    place_name: str | None = None
    place_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    counts: tuple[tuple[str, float, str], ...] = ()  # (unit, value, text as written)
    sentence: str | None = None
    trigger: str | None = None
    position: int = 0  # sentence start: earlier in the article = closer to the lead
    linkable: bool = True
    # The article's context (keys.article_context): its main actors, weighted. The same for every event
    # of one article; story.py reads it on main events to link reports across blocks.
    context: tuple[tuple[str, float], ...] = field(default=(), compare=False)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    # Derived once in _make (linking reads them many times): the days the happening may lie in, widened
    # by the tolerance of its granularity; whether the text dates it; whether it can anchor a cluster.
    span: tuple[dt.date, dt.date] | None = None
    text_dated: bool = False
    anchor: bool = False
    # Set in __post_init__ (linking reads them ~10^5 times a run, a property built them each time):
    # key = (article_id, event_id); block: events can only link inside one block, same canonical source
    # actor and kind of happening.
    key: tuple[str, str] = field(init=False, compare=False, repr=False)
    block: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", (self.article_id, self.event_id))
        object.__setattr__(self, "block", f"{self.source_key}|{self.group}")

    def interval(self) -> tuple[dt.date, dt.date] | None:
        return self.span


def _span(value: str | None, granularity: str | None, basis: str | None, published: dt.date | None):
    cfg = config()
    span = date_interval(value) if basis == "text" else None
    if span is not None:
        tol = dt.timedelta(days=cfg.tolerance_days.get(granularity or "", 0))
        return (span[0] - tol, span[1] + tol), True
    if published is not None:  # undated in the text: shortly before publication
        return (published - dt.timedelta(days=cfg.publication_lookback_days), published), False
    return None, False


def from_extraction(x: Extraction) -> list[LinkEvent]:
    """The linkable view of each event of one article."""
    a = x.article
    context = article_context((p.id, p.code, p.name, p.kind, len(p.mentions)) for p in x.actors)
    out = []
    for e in x.events:
        src, tgt = x.actor(e.source), x.actor(e.target)
        loc, date = e.location, e.date
        out.append(
            _make(
                article_id=a.id,
                event_id=e.id,
                outlet=a.source,
                published=a.published,
                source=(src.code, src.country, src.name) if src else None,
                target=(tgt.code, tgt.country, tgt.name) if tgt else None,
                cameo_code=e.cameo.code if e.cameo else None,
                cameo_root=e.cameo.root if e.cameo else None,
                plover_type=e.plover.type if e.plover else None,
                date=(date.value, date.granularity, date.basis, date.text) if date else None,
                place=(loc.name, loc.country, loc.lat, loc.lon) if loc else None,
                counts=[(c.unit, c.value, c.text) for c in e.counts],
                sentence=a.text[e.sentence.start : e.sentence.end],
                trigger=e.trigger.text,
                position=e.sentence.start,
                modality=e.modality,
                negated=e.negated,
                context=context,
            )
        )
    return out


# The store columns a LinkEvent is read from (events joined with `articles.source` as `outlet`).
ROW_COLUMNS = (
    "article_id", "id", "outlet", "published", "source_code", "source_country", "source_name",
    "target_code", "target_country", "target_name", "cameo_code", "cameo_root", "plover_type",
    "date_value", "date_granularity", "date_basis", "date_text", "location_name", "location_country",
    "location_lat", "location_lon", "counts", "sentence_text", "trigger_text", "sentence_start",
    "modality", "negated",
)  # fmt: skip


def from_row(row: dict[str, Any], context: tuple[tuple[str, float], ...] = ()) -> LinkEvent:
    """From a row of the store's `events` table (joined with `articles.source` as `outlet`); the
    article's context comes from its `actors` rows (``keys.article_context``)."""
    return _from_values(row["article_id"], row["id"], *(row.get(c) for c in ROW_COLUMNS[2:]), context=context)


def row_reader(names: Sequence[str]) -> Callable[[tuple, tuple[tuple[str, float], ...]], LinkEvent]:
    """``from_row`` for the row tuples of a query with these column names (which must include
    ROW_COLUMNS): the columns are located once, not a dict built and searched per row."""
    pick = itemgetter(*(list(names).index(c) for c in ROW_COLUMNS))

    def read(values: tuple, context: tuple[tuple[str, float], ...] = ()) -> LinkEvent:
        return _from_values(*pick(values), context=context)

    return read


def _from_values(
    article_id: str,
    event_id: str,
    outlet: str | None,
    published: Any,
    source_code: str | None,
    source_country: str | None,
    source_name: str | None,
    target_code: str | None,
    target_country: str | None,
    target_name: str | None,
    cameo_code: str | None,
    cameo_root: str | None,
    plover_type: str | None,
    date_value: str | None,
    date_granularity: str | None,
    date_basis: str | None,
    date_text: str | None,
    location_name: str | None,
    location_country: str | None,
    location_lat: float | None,
    location_lon: float | None,
    counts: Any,
    sentence_text: str | None,
    trigger_text: str | None,
    sentence_start: int | None,
    modality: str | None,
    negated: Any,
    *,
    context: tuple[tuple[str, float], ...],
) -> LinkEvent:
    """A LinkEvent from the values of ROW_COLUMNS, in that order."""
    if isinstance(counts, str):
        counts = json.loads(counts) if counts not in ("", "[]") else []  # most events count nothing
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return _make(
        article_id=article_id,
        event_id=event_id,
        outlet=outlet,
        published=published,
        source=(source_code, source_country, source_name),
        target=(target_code, target_country, target_name),
        cameo_code=cameo_code,
        cameo_root=cameo_root,
        plover_type=plover_type,
        date=(date_value, date_granularity, date_basis, date_text),
        place=(location_name, location_country, location_lat, location_lon),
        counts=[(c.get("unit"), c.get("value"), c.get("text")) for c in counts or []],
        sentence=sentence_text,
        trigger=trigger_text,
        position=sentence_start or 0,
        modality=modality or "asserted",
        negated=bool(negated),
        context=context,
    )


def _make(
    *,
    source: tuple[str | None, str | None, str | None] | None,
    target: tuple[str | None, str | None, str | None] | None,
    cameo_root: str | None,
    date: tuple[Any, Any, Any, Any] | None,
    place: tuple[Any, Any, Any, Any] | None,
    counts: list[tuple[Any, Any, Any]],
    modality: str,
    negated: bool,
    **kw: Any,
) -> LinkEvent:
    skey = actor_key(*source) if source else ""
    tkey = actor_key(*target) if target else ""
    if skey == tkey:  # "Russia ... Russian forces": a self-loop says nothing about the other party
        tkey = ""
    group = type_group(cameo_root, kw.get("plover_type"))
    dv, dg, db, dtext = date or (None, None, None, None)
    pname, pcountry, lat, lon = place or (None, None, None, None)
    norm_counts = tuple(
        sorted((normalize_name(str(u)), float(v), str(t or "")) for u, v, t in counts if u and v is not None)
    )
    span, text_dated = _span(dv, dg, db, kw.get("published"))
    detail = ""
    if source:
        code = (source[0] or "").upper()
        collective = len(code) > 3 and any(code[i : i + 3] in config().collective_sectors for i in (3, 6))
        detail = code if collective else "~" + normalize_name(source[2])
    anchor = text_dated and (dg or "") in config().anchor_granularities and bool(tkey)
    return LinkEvent(
        span=span,
        text_dated=text_dated,
        anchor=anchor,
        source_key=skey,
        source_detail=detail,
        target_key=tkey,
        group=group,
        source_name=source[2] if source else None,
        target_name=target[2] if target else None,
        date_value=dv,
        date_granularity=dg,
        date_basis=db,
        date_text=dtext,
        place_name=pname,
        place_country=pcountry,
        lat=lat,
        lon=lon,
        counts=norm_counts,
        linkable=modality in LINKED_MODALITIES and not negated and bool(skey or tkey),
        **kw,
    )
