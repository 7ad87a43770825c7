"""`newsevents schema`: print the JSON Schema of the output contract."""

from __future__ import annotations

import json

import typer

from newsevents.cli import app


@app.command()
def schema() -> None:
    """Print the JSON Schema that `newsevents extract --format json` output follows.

    Example:

      newsevents schema > extraction.schema.json
    """
    from newsevents.schema import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))
