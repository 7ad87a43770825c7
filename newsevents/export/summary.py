"""A readable, terminal-sized summary of one Extraction (the default output of `newsevents extract`)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from newsevents.model import Extraction


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_summary(x: Extraction, console: Console) -> None:
    a = x.article
    names = {actor.id: actor.name for actor in x.actors}
    head = f"[bold]{a.title or a.input or a.id}[/bold]  published {a.published or 'unknown'}"
    if a.boilerplate:
        head += f"  ({len(a.boilerplate)} boilerplate span(s) set aside)"
    console.print(head)

    actors = Table(title=f"Actors ({len(x.actors)})", title_justify="left")
    for col in ("id", "name", "code", "country", "mentions", "basis"):
        actors.add_column(col)
    for actor in x.actors:
        actors.add_row(
            actor.id,
            actor.name,
            actor.code or "",
            actor.country or "",
            str(len(actor.mentions)),
            _clip(actor.basis or "", 40),
        )
    console.print(actors)

    events = Table(title=f"Events ({len(x.events)})", title_justify="left")
    for col in ("source", "CAMEO", "target", "date", "where", "modality", "according to", "evidence"):
        events.add_column(col)
    for e in x.events:
        events.add_row(
            names.get(e.source or "", "—"),
            f"{e.cameo.code} {e.cameo.name}" + (" (negated)" if e.negated else ""),
            names.get(e.target or "", "—"),
            (e.date.value or "") if e.date else "",
            (e.location.name or "") if e.location else "",
            e.modality,
            " ← ".join(s.name for s in e.attribution),
            _clip(a.text[e.sentence.start : e.sentence.end], 60),
        )
    console.print(events)

    quotes = Table(title=f"Quotes ({len(x.quotes)})", title_justify="left")
    for col in ("speaker", "kind", "quote", "via"):
        quotes.add_column(col)
    for q in x.quotes:
        quotes.add_row(
            names.get(q.speaker or "", q.speaker_mention.text if q.speaker_mention else "—"),
            q.kind,
            _clip(q.text, 70),
            " ← ".join(v.name for v in q.via),
        )
    console.print(quotes)
    console.print(
        f"{len(x.times)} time expression(s), {len(x.places)} place(s). Use --format json for everything."
    )
