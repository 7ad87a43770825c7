"""A readable summary of one Extraction for the terminal (the default output of `newsevents extract`).

Events and quotes are printed as short blocks rather than wide tables, so the summary stays legible in
an 80-column terminal or when piped to a file.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsevents.model import Actor, Event, Extraction


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _actor_label(actor: Actor | None) -> str:
    if actor is None:
        return "—"
    return f"{actor.name} ({actor.code})" if actor.code else actor.name


def _event_lines(x: Extraction, e: Event) -> list[str]:
    head = f"[bold]{e.id}[/bold] [cyan]{e.cameo.code} {escape(e.cameo.name)}[/cyan]"
    if e.plover:
        head += f" / {e.plover.type}"
    if e.negated:
        head += " [red](negated)[/red]"
    head += f"  {escape(_actor_label(x.actor(e.source)))} → {escape(_actor_label(x.actor(e.target)))}"
    facts = [e.modality]
    if e.date and e.date.value:
        facts.append(f"{e.date.value} ({e.date.basis})")
    if e.location and e.location.name:
        facts.append(f"in {e.location.name}" + (f", {e.location.country}" if e.location.country else ""))
    facts += [f"{c.text}" for c in e.counts]
    if e.attribution:
        facts.append("according to " + " ← ".join(a.name for a in e.attribution))
    sentence = x.article.text[e.sentence.start : e.sentence.end]
    return [head, "    " + escape(" · ".join(facts)), "    [dim]" + escape(_clip(sentence, 150)) + "[/dim]"]


def print_summary(x: Extraction, console: Console) -> None:
    a = x.article
    head = f"[bold]{escape(a.title or a.input or a.id)}[/bold]  published {a.published or 'unknown'}"
    if a.source:
        head += f"  source {escape(a.source)}"
    if a.boilerplate:
        head += f"  ({len(a.boilerplate)} boilerplate span(s) set aside)"
    console.print(head)

    actors = Table(title=f"Actors ({len(x.actors)})", title_justify="left")
    for col in ("id", "name", "code", "mentions"):
        actors.add_column(col)
    for actor in x.actors:
        actors.add_row(actor.id, escape(actor.name), actor.code or "", str(len(actor.mentions)))
    console.print(actors)

    console.print(f"\n[bold]Events ({len(x.events)})[/bold]")
    for e in x.events:
        for line in _event_lines(x, e):
            console.print(line, highlight=False, soft_wrap=True)

    console.print(f"\n[bold]Quotes ({len(x.quotes)})[/bold]")
    for q in x.quotes:
        speaker = (
            _actor_label(x.actor(q.speaker))
            if q.speaker
            else (q.speaker_mention.text if q.speaker_mention else "—")
        )
        via = (" via " + " ← ".join(v.name for v in q.via)) if q.via else ""
        console.print(
            f"{q.id} {escape(speaker)} ({q.kind}){escape(via)}: “{escape(_clip(q.text, 110))}”",
            highlight=False,
        )
    console.print(
        f"\n{len(x.times)} time expression(s), {len(x.places)} place(s). Use --format json for every field and offset."
    )
