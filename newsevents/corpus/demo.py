"""`newsevents demo`: the example articles in, the top actors, event types and a few events out."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsevents.errors import InputError
from newsevents.model import Article
from newsevents.store import Store

SEED_PUBLISHED = "2025-08-15"
SEED_SOURCE = "The Guardian"


def demo_inputs(root: Path) -> list[Article | InputError]:
    """examples/articles.jsonl, and the reference article of ../shared when it is there."""
    from newsevents.ingest import read, read_one

    items: list[Article | InputError] = list(read([root / "examples" / "articles.jsonl"]))
    seed = root.parent / "shared" / "seed" / "article.txt"
    if seed.is_file():
        try:
            items.append(read_one(seed, published=SEED_PUBLISHED, source=SEED_SOURCE))
        except InputError as exc:
            items.append(exc)
    return items


def _table(title: str, columns: list[str], rows: list[tuple]) -> Table:
    table = Table(title=title, title_justify="left")
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*("" if v is None else str(v) for v in r))
    return table


def print_demo(store: Store, console: Console, n_events: int = 14, per_article: int = 2) -> None:
    cols, rows = store.query(
        "SELECT name, any_value(code) AS code, any_value(country) AS country, "
        "count(DISTINCT article_id) AS articles, sum(n_mentions) AS mentions "
        "FROM actors GROUP BY name ORDER BY mentions DESC, name LIMIT 10"
    )
    console.print(_table("Top actors", cols, rows))
    cols, rows = store.query(
        "SELECT cameo_root, any_value(plover_type) AS plover, count(*) AS events, "
        "mode(cameo_name) AS most_frequent FROM events GROUP BY cameo_root "
        "ORDER BY events DESC, cameo_root LIMIT 10"
    )
    console.print(_table("Event types (CAMEO root)", cols, rows))
    # A couple of events from each article, so every example shows up.
    cols, rows = store.query(
        "SELECT source, event, target, date, article_id, evidence FROM ("
        "  SELECT coalesce(source_name, '—') AS source, cameo_code || ' ' || cameo_name AS event, "
        "  coalesce(target_name, '—') AS target, coalesce(date_value, published::VARCHAR) AS date, "
        "  article_id, sentence_text AS evidence, sentence_start, trigger_start, "
        "  row_number() OVER (PARTITION BY article_id ORDER BY sentence_start, trigger_start) AS k "
        "  FROM events) WHERE k <= ? ORDER BY article_id, sentence_start, trigger_start LIMIT ?",
        [per_article, n_events],
    )
    # Short blocks rather than a table: the evidence sentence stays readable in an 80-column terminal.
    console.print("\n[bold]Events with their evidence[/bold]")
    for source, event, target, date, article_id, evidence in rows:
        console.print(
            f"{escape(source)} [cyan]{escape(event)}[/cyan] {escape(target)}  ({date}, {article_id})",
            highlight=False,
            soft_wrap=True,
        )
        console.print(
            "    [dim]" + escape(" ".join(evidence.split())) + "[/dim]", highlight=False, soft_wrap=True
        )
    console.print(
        'More: newsevents events --help, newsevents query "FROM events", newsevents export --help',
        highlight=False,
    )
