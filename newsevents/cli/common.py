"""Shared CLI pieces: error handling, option bundles, console."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from newsevents.errors import NewsEventsError

console = Console()
err_console = Console(stderr=True)

# Exit codes: 2 = the input or a setting is wrong (like a usage error), 1 = anything else we foresaw.
EXIT_BAD_INPUT = 2


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn library errors into one line on stderr and an exit code; no traceback."""
    from newsevents.errors import InputError

    try:
        yield
    except InputError as exc:
        err_console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except NewsEventsError as exc:
        err_console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)
