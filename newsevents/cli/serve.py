"""`newsevents serve`: the web explorer over a store, on this machine only by default."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import typer

from newsevents.cli import app
from newsevents.cli.common import EXIT_BAD_INPUT, err_console


@app.command()
def serve(
    db: Path = typer.Option(
        Path("newsevents.duckdb"), "--db", help="The DuckDB file to explore (opened read-only)."
    ),
    host: str = typer.Option(
        "127.0.0.1", help="Address to listen on. The default serves this machine only; see the warning."
    ),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
) -> None:
    """Browse a store in the web browser: events, articles with their evidence, actors, a map, clusters.

    The database is opened read-only, so it can be explored while nothing writes to it (stop
    `newsevents ingest` first: DuckDB lets one process write or several read). "Try it" extracts pasted
    text without storing it.

    Examples:

      newsevents serve                      # newsevents.duckdb on http://127.0.0.1:8000

      newsevents serve --db corpus.duckdb --port 8080
    """
    import uvicorn

    from newsevents.web import create_app

    if not db.is_file():
        err_console.print(
            f"[red]error:[/red] {db}: no such database (run `make demo` or `newsevents ingest`)"
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    hosts = ["127.0.0.1", "localhost", "[::1]", "::1"]
    if not _loopback(host):
        err_console.print(
            f"[yellow]warning:[/yellow] listening on {host}: anyone who can reach this address can read the "
            "database. There is no login."
        )
        hosts.append(host)
    app_ = create_app(db, allowed_hosts=hosts if _loopback(host) else ["*"])
    err_console.print(
        f"newsevents explorer: http://{'127.0.0.1' if host == '0.0.0.0' else host}:{port}/  (Ctrl+C to stop)"
    )
    uvicorn.run(app_, host=host, port=port, log_level="warning")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
