"""The `newsevents` command. Each command module parses strings and calls one library function.

Commands live one group per module (``cli/extract.py``, ``cli/corpus.py`` ...) and are registered here.
"""

from __future__ import annotations

import typer

from newsevents.version import __version__

app = typer.Typer(
    name="newsevents",
    help=(
        "Turn news articles into evidence-backed event data: who did what to whom, when, where, and "
        "according to whom.\n\n"
        "Examples:\n\n"
        "  newsevents extract article.txt --published 2025-08-15\n\n"
        "  newsevents extract article.txt --format json > article.json\n\n"
        "  newsevents ingest corpus/ --db newsevents.duckdb"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsevents {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    pass


def _register() -> None:
    # Imported for their @app.command side effects; each module is one command group.
    from newsevents.cli import corpus, extract, schema, serve, timeline  # noqa: F401
    from newsevents.cli import dict as _dict  # noqa: F401


_register()


def main() -> None:
    app()
