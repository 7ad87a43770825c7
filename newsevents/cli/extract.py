"""`newsevents extract`: one article in, a summary or the JSON contract out."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from newsevents.cli import app
from newsevents.cli.common import EXIT_BAD_INPUT, cli_errors, console, err_console
from newsevents.errors import InputError


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def extract(
    path: str = typer.Argument(..., help="A .txt, .html or .jsonl(.gz) file, or '-' to read standard input."),
    published: str | None = typer.Option(
        None, "--published", "-p", help="Publication date (YYYY-MM-DD); relative dates resolve against it."
    ),
    title: str | None = typer.Option(None, help="Article title, carried into the output."),
    source: str | None = typer.Option(None, help="Outlet name, the default source of unattributed claims."),
    url: str | None = typer.Option(None, help="Article URL, carried into the output."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", "-f", help="text: readable tables; json: the full output contract."
    ),
    dictionary: list[Path] = typer.Option(
        [], "--dict", help="Extra actor dictionary (YAML) on top of the built-in one; repeatable."
    ),
) -> None:
    """Extract actors, events, quotes, dates and places from one article (or each line of a JSONL file).

    Nothing is stored: use `newsevents ingest` to build a database from a corpus.

    Examples:

      newsevents extract article.txt --published 2025-08-15

      newsevents extract page.html --format json | jq '.events[] | .cameo.name'

      cat article.txt | newsevents extract - -p 2025-08-15

      newsevents extract articles.jsonl --format json > extractions.jsonl
    """
    from newsevents.api import extract_article
    from newsevents.ingest import JSONL_SUFFIXES, read, read_one
    from newsevents.settings import Settings

    with cli_errors():
        settings = Settings.from_env()
        if dictionary:
            settings = Settings.from_env(
                dictionaries=settings.dictionaries + tuple(str(p) for p in dictionary)
            )
        if not path.endswith(JSONL_SUFFIXES):
            article = read_one(path, settings, published=published, title=title, source=source, url=url)
            _show(extract_article(article, settings=settings), output_format, indent=2)
            return
        # A JSONL file holds many articles: extract the good records, name each bad line, exit 2 if any.
        failed = 0
        for item in read([path], settings):
            if isinstance(item, InputError):
                failed += 1
                err_console.print(f"[red]error:[/red] {item}", highlight=False, soft_wrap=True)
                continue
            _show(extract_article(item, settings=settings), output_format, indent=None)
        if failed:
            raise typer.Exit(EXIT_BAD_INPUT)


def _show(extraction, output_format: OutputFormat, *, indent: int | None) -> None:
    if output_format is OutputFormat.json:
        typer.echo(extraction.to_json(indent=indent))
    else:
        from newsevents.export.summary import print_summary

        print_summary(extraction, console)
