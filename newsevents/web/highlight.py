"""An article's text cut into highlighted pieces, and its events with their evidence.

The same code renders a stored article (rows from the store) and the "Try it" page (the rows one
Extraction would add, from ``store.tables.extraction_rows``), so both pages show the same thing.

Nothing here builds HTML: pieces are plain strings with CSS class names and tooltip text, and the
template escapes every piece (Jinja2 autoescape). An article containing ``<script>`` stays text.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
# Kinds in drawing order: a trigger inside a quote inside ... keeps all its classes.
KINDS = ("quote", "actor", "date", "place", "trigger")


@dataclass(slots=True)
class Span:
    start: int
    end: int
    kind: str  # one of KINDS
    tip: str
    ref: str = ""  # "E1", "A2", "Q1": anchors and cross-links


@dataclass(slots=True)
class Piece:
    text: str
    kinds: tuple[str, ...] = ()
    tip: str = ""
    refs: tuple[str, ...] = ()
    boilerplate: bool = False

    @property
    def css(self) -> str:
        classes = [f"hl-{k}" for k in self.kinds]
        if self.boilerplate:
            classes.append("boilerplate")
        return " ".join(classes)


@dataclass(slots=True)
class EventView:
    row: Row
    chain: list[Row] = field(default_factory=list)
    before: str = ""  # the evidence sentence cut around the trigger
    trigger: str = ""
    after: str = ""

    @property
    def quad_name(self) -> str:
        return QUAD_NAMES.get(self.row.get("cameo_quad_class") or 0, "")

    @property
    def counts(self) -> list[Row]:
        value = self.row.get("counts")
        items = json.loads(value) if isinstance(value, str) and value else value or []
        return [c for c in items if isinstance(c, dict)]


@dataclass(slots=True)
class ArticleView:
    article: Row
    pieces: list[Piece]
    events: list[EventView]
    actors: list[Row]
    quotes: list[Row]
    boilerplate: list[Row]


def cut(text: str, spans: list[Span], boilerplate: list[tuple[int, int]]) -> list[Piece]:
    """Split ``text`` at every span and boilerplate boundary; each piece knows what covers it."""
    n = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end <= n]
    bounds = {0, n}
    for s in spans:
        bounds.update((s.start, s.end))
    for b0, b1 in boilerplate:
        bounds.update((max(0, min(n, b0)), max(0, min(n, b1))))
    cuts = sorted(bounds)
    starts: dict[int, list[Span]] = defaultdict(list)
    for s in spans:
        starts[s.start].append(s)
    pieces: list[Piece] = []
    open_spans: list[Span] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        open_spans = [s for s in open_spans if s.end > a] + starts.get(a, [])
        covering = sorted(open_spans, key=lambda s: (KINDS.index(s.kind), s.start))
        kinds = tuple(dict.fromkeys(s.kind for s in covering))
        tip = "\n\n".join(dict.fromkeys(s.tip for s in covering if s.tip))
        refs = tuple(dict.fromkeys(s.ref for s in covering if s.ref))
        in_bp = any(b0 <= a and b <= b1 for b0, b1 in boilerplate)
        pieces.append(Piece(text[a:b], kinds, tip, refs, in_bp))
    return pieces


def _fmt(*parts: Any, sep: str = " · ") -> str:
    return sep.join(str(p) for p in parts if p not in (None, "", []))


def _actor_label(name: Any, code: Any) -> str:
    if name and code:
        return f"{name} ({code})"
    return str(name or code or "—")


def _event_tip(e: Row) -> str:
    quad = e.get("cameo_quad_class")
    lines = [
        f"Event {e['id']}: CAMEO {e.get('cameo_code')} {e.get('cameo_name') or ''}".rstrip(),
        _fmt(
            f"quad {quad} ({QUAD_NAMES.get(quad, '')})" if quad else None,
            f"Goldstein {e['cameo_goldstein']}" if e.get("cameo_goldstein") is not None else None,
            f"PLOVER {e['plover_type']}" if e.get("plover_type") else None,
        ),
        f"{_actor_label(e.get('source_name'), e.get('source_code'))} → "
        f"{_actor_label(e.get('target_name'), e.get('target_code'))}",
        _fmt(
            f"date {e['date_value']} ({e.get('date_granularity') or '?'}, {e.get('date_basis')})"
            if e.get("date_value")
            else None,
            f"place {e['location_name']}" if e.get("location_name") else None,
        ),
        _fmt(
            e.get("modality") if e.get("modality") not in (None, "asserted") else None,
            "negated" if e.get("negated") else None,
            f"rule {e['rule']}" if e.get("rule") else None,
        ),
    ]
    return "\n".join(line for line in lines if line)


def build(
    article: Row,
    *,
    actors: list[Row],
    mentions: list[Row],
    events: list[Row],
    attributions: list[Row],
    quotes: list[Row],
    times: list[Row],
    places: list[Row],
) -> ArticleView:
    """Rows of one article (store layout, see ``store.tables``) -> the pieces and event cards."""
    text: str = article.get("text") or ""
    by_actor = {a["id"]: a for a in actors}
    spans: list[Span] = []
    for m in mentions:
        a = by_actor.get(m["actor_id"], {})
        tip = _fmt(
            f"Actor {m['actor_id']}: {a.get('name', '')}",
            f"code {a['code']}" if a.get("code") else "uncoded",
            a.get("country"),
            a.get("kind"),
            f"mention: {m.get('kind')}" if m.get("kind") and m.get("kind") != "name" else None,
        )
        if a.get("basis"):
            tip += f"\nbasis: {a['basis']}"
        spans.append(Span(m["start_char"], m["end_char"], "actor", tip, m["actor_id"]))
    for e in events:
        if e.get("trigger_start") is not None:
            spans.append(Span(e["trigger_start"], e["trigger_end"], "trigger", _event_tip(e), e["id"]))
        # The event's own date and place words, in case the time/place lists did not keep them.
        if e.get("date_start") is not None and e.get("date_end") is not None:
            tip = _fmt(
                f"Date: {e.get('date_value') or 'unresolved'}", e.get("date_granularity"), e.get("date_basis")
            )
            spans.append(Span(e["date_start"], e["date_end"], "date", tip, e["id"]))
        if e.get("location_start") is not None and e.get("location_end") is not None:
            tip = _fmt(f"Place: {e.get('location_name')}", e.get("location_country"))
            spans.append(Span(e["location_start"], e["location_end"], "place", tip, e["id"]))
    for t in times:
        tip = _fmt(
            f"Date: {t.get('value') or 'unresolved'}", t.get("granularity"), t.get("basis"), t.get("anchor")
        )
        spans.append(Span(t["start_char"], t["end_char"], "date", tip))
    for p in places:
        coords = (
            f"{p['lat']:.2f}, {p['lon']:.2f}"
            if p.get("lat") is not None and p.get("lon") is not None
            else None
        )
        tip = _fmt(f"Place: {p.get('name') or p.get('text')}", p.get("country"), p.get("feature"), coords)
        spans.append(Span(p["start_char"], p["end_char"], "place", tip))
    for q in quotes:
        speaker = by_actor.get(q.get("speaker") or "", {})
        tip = _fmt(
            f"Quote {q['id']} ({q.get('kind')})",
            f"speaker {speaker.get('name') or q.get('speaker_mention_text') or 'unknown'}",
            f"cue “{q['cue_text']}”" if q.get("cue_text") else None,
        )
        spans.append(Span(q["start_char"], q["end_char"], "quote", tip, q["id"]))

    boilerplate = _boilerplate(article.get("boilerplate"))
    pieces = cut(text, spans, [(b["start"], b["end"]) for b in boilerplate])

    chains: dict[str, list[Row]] = defaultdict(list)
    for att in sorted(attributions, key=lambda r: (r["owner_id"], r["seq"])):
        if att.get("owner_kind") == "event":
            chains[att["owner_id"]].append(att)
    views = []
    for e in sorted(events, key=lambda r: (r.get("trigger_start") or 0, r["id"])):
        v = EventView(e, chains.get(e["id"], []))
        s0, s1 = e.get("sentence_start"), e.get("sentence_end")
        t0, t1 = e.get("trigger_start"), e.get("trigger_end")
        if s0 is not None and s1 is not None:
            if t0 is not None and t1 is not None and s0 <= t0 <= t1 <= s1:
                v.before, v.trigger, v.after = text[s0:t0], text[t0:t1], text[t1:s1]
            else:
                v.before = text[s0:s1]
        views.append(v)
    quote_rows = []
    for q in sorted(quotes, key=lambda r: r.get("start_char") or 0):
        speaker = by_actor.get(q.get("speaker") or "", {})
        quote_rows.append({**q, "speaker_name": speaker.get("name") or q.get("speaker_mention_text")})
    return ArticleView(article, pieces, views, list(actors), quote_rows, boilerplate)


def _boilerplate(value: Any) -> list[Row]:
    if not value:
        return []
    items = json.loads(value) if isinstance(value, str) else value
    return [b for b in items if isinstance(b, dict) and "start" in b and "end" in b]
