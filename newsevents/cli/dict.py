"""`newsevents dict`: actor dictionaries (convert PETRARCH's into ours)."""

from __future__ import annotations

from pathlib import Path

import typer

from newsevents.cli import app
from newsevents.cli.common import cli_errors, err_console

dict_app = typer.Typer(help="Actor dictionaries: convert PETRARCH dictionaries into newsevents YAML.")
app.add_typer(dict_app, name="dict")


@dict_app.command("import-petrarch")
def import_petrarch(
    files: list[Path] = typer.Argument(..., help="PETRARCH .actors.txt / agents.txt files.", exists=True),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the YAML here (default: stdout)."),
) -> None:
    """Convert PETRARCH actor and agent dictionaries into a newsevents dictionary (YAML), keeping date bounds.

    Use the result with `newsevents extract --dict OUT.yaml` or NEWSEVENTS_DICT.

    Examples:

      newsevents dict import-petrarch Phoenix.Countries.actors.txt -o countries.yaml

      newsevents dict import-petrarch Phoenix.International.actors.txt Phoenix.agents.txt > intl.yaml
    """
    import yaml

    from newsevents.actors.petrarch import convert

    with cli_errors():
        doc = convert(files)
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        text = yaml.dump(doc, Dumper=dumper, allow_unicode=True, sort_keys=False, width=110)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        n = len(doc.get("actors", []))
        k = sum(len(v) for v in doc.get("agents", {}).get("sectors", {}).values())
        err_console.print(f"wrote {n} actors and {k} agent nouns to {output}")
