"""`newsevents timeline` and `newsevents clusters`: happenings reported across articles, from the store."""

from __future__ import annotations

import json

import typer

from newsevents.cli import app
from newsevents.cli.common import cli_errors, console
from newsevents.settings import DEFAULT_DB

DB_OPTION = typer.Option(DEFAULT_DB, "--db", help="The DuckDB file.", envvar="NEWSEVENTS_DB")


def _outlets(value: str | None, n: int = 4) -> str:
    names = json.loads(value or "[]")
    return ", ".join(names[:n]) + (f" +{len(names) - n}" if len(names) > n else "")


def _print(columns: list[str], rows: list[tuple], title: str, as_json: bool) -> None:
    if as_json:
        out = []
        for r in rows:
            row = dict(zip(columns, r, strict=True))
            row["outlets"] = json.loads(row.get("outlets") or "[]")
            out.append(row)
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2, default=str))
        return
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for c in ("date", "who", "what", "where", "art.", "src.", "ment.", "!", "outlets", "evidence"):
        table.add_column(c, overflow="fold")
    for r in rows:
        d = dict(zip(columns, r, strict=True))
        who = f"{d['source'] or '?'} → {d['target'] or '?'}"
        table.add_row(
            str(d["date"] or ""),
            who,
            f"{d['cameo'] or ''} {d['kind'] or ''}".strip(),
            d["place"] or "",
            str(d["articles"]),
            str(d["sources"]),
            str(d["mentions"]),
            str(d["disagreements"] or ""),
            _outlets(d["outlets"]),
            (d["evidence"] or "")[:160],
        )
    console.print(table)


@app.command()
def timeline(
    actor: str = typer.Option(..., "--actor", help="Actor code (RUS, RUSGOV: prefix match) or name."),
    with_actor: str | None = typer.Option(None, "--with", help="Only happenings also involving this actor."),
    since: str | None = typer.Option(None, help="Happenings dated on or after YYYY[-MM[-DD]]."),
    until: str | None = typer.Option(None, help="Happenings dated on or before YYYY[-MM[-DD]]."),
    min_articles: int = typer.Option(
        1, "--min-articles", min=1, help="Only happenings this many articles report."
    ),
    limit: int = typer.Option(200, min=1),
    as_json: bool = typer.Option(False, "--json", help="A list of row objects instead of a table."),
    db: str = DB_OPTION,
) -> None:
    """The happenings involving an actor, in date order, with how many articles and outlets reported each.

    A happening is a cluster of events from different articles (built by `newsevents ingest`); the `!`
    column counts its disagreements (see `newsevents clusters --disagreements`).

    Examples:

      newsevents timeline --actor RUS --with UKR --since 2022-01-01

      newsevents timeline --actor PRK --min-articles 3 --json
    """
    from newsevents.link.timeline import timeline as query_timeline
    from newsevents.store import Store

    with cli_errors(), Store.open(db, read_only=True) as store:
        columns, rows = query_timeline(
            store.con,
            actor,
            with_actor=with_actor,
            since=since,
            until=until,
            min_articles=min_articles,
            limit=limit,
        )
    title = (
        f"Timeline of {actor}" + (f" with {with_actor}" if with_actor else "") + f" ({len(rows)} happenings)"
    )
    _print(columns, rows, title, as_json)


@app.command()
def clusters(
    min_articles: int = typer.Option(
        2, "--min-articles", min=1, help="Only happenings this many articles report."
    ),
    limit: int = typer.Option(50, min=1),
    show_disagreements: bool = typer.Option(
        False,
        "--disagreements",
        help="List where reports disagree (date, place, counts, against the majority).",
    ),
    cluster: str | None = typer.Option(None, "--cluster", help="Disagreements of this cluster only."),
    rebuild: bool = typer.Option(
        False, "--rebuild", help="Re-link the whole store first (normally incremental)."
    ),
    as_json: bool = typer.Option(False, "--json", help="A list of row objects instead of a table."),
    db: str = DB_OPTION,
) -> None:
    """The most reported happenings, or (--disagreements) where their reports disagree.

    Examples:

      newsevents clusters --min-articles 5

      newsevents clusters --disagreements
    """
    from newsevents.link import rebuild_clusters
    from newsevents.link.timeline import disagreements, largest
    from newsevents.store import Store

    with cli_errors():
        if rebuild:
            with Store.open(db) as store:
                r = rebuild_clusters(store)
            console.print(
                f"linked {r.events} events into {r.clusters} clusters; {r.disagreements} disagreements"
            )
        with Store.open(db, read_only=True) as store:
            if show_disagreements or cluster:
                columns, rows = disagreements(store.con, cluster_id=cluster, limit=limit)
            else:
                columns, rows = largest(store.con, min_articles=min_articles, limit=limit)
    if show_disagreements or cluster:
        if as_json:
            out = [dict(zip(columns, r, strict=True)) for r in rows]
            for row in out:
                row["sides"] = json.loads(row["sides"] or "[]")
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2, default=str))
            return
        for r in rows:
            d = dict(zip(columns, r, strict=True))
            console.print(
                f"[bold]{d['kind']}[/bold] {d['description']}  [dim]{d['cluster_id']}[/dim]", highlight=False
            )
        if not rows:
            console.print("no disagreements")
        return
    _print(columns, rows, f"Happenings reported by at least {min_articles} article(s) ({len(rows)})", as_json)
