"""ingest: files, folders, JSONL and stdin -> Articles (text, metadata, boilerplate spans).

``read(paths)`` streams Articles and, for inputs that cannot be read, InputErrors: a corpus run records
those and goes on. ``read_one(path)`` is the single-article form and raises.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsevents.errors import InputError, MalformedRecord
from newsevents.ingest.decode import check_size, decode_bytes
from newsevents.ingest.html import from_html, looks_like_html
from newsevents.ingest.text import content_hash, from_text, normalise_text
from newsevents.model import Article
from newsevents.settings import Settings

__all__ = ["content_hash", "from_html", "from_text", "normalise_text", "read", "read_one", "iter_files"]

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
# Record fields we interpret; the rest is kept in Article.metadata.
RECORD_FIELDS = {"id", "text", "html", "title", "date", "published", "source", "url"}


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """Expand folders recursively (sorted, hidden files skipped); '-' stands for stdin."""
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(
                    part.startswith(".") for part in child.relative_to(path).parts
                ):
                    yield child
        else:
            yield path


def read(paths: Iterable[str | Path], settings: Settings | None = None) -> Iterator[Article | InputError]:
    """Every article in ``paths``; an unreadable input or record yields its InputError instead."""
    settings = settings or Settings.from_env()
    for path in iter_files(paths):
        name = str(path)
        try:
            if name.endswith(JSONL_SUFFIXES):
                yield from _read_jsonl(Path(path), settings)
            else:
                yield _read_document(path, settings)
        except InputError as exc:
            yield exc
        except OSError as exc:
            yield InputError(name, f"cannot read: {exc.strerror or exc}")


def read_one(path: str | Path, settings: Settings | None = None, **fields: Any) -> Article:
    """The one article in a text or HTML file (or '-'); raises InputError."""
    settings = settings or Settings.from_env()
    try:
        return _read_document(path, settings, **fields)
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc


def _read_document(path: Path | str, settings: Settings, **fields: Any) -> Article:
    if str(path) == "-":
        name, data = "<stdin>", sys.stdin.buffer.read(settings.max_bytes + 1)
    else:
        name = str(path)
        check_size(Path(path).stat().st_size, name, settings.max_bytes)
        data = Path(path).read_bytes()
    text = decode_bytes(data, name, max_bytes=settings.max_bytes)
    fields = {k: v for k, v in fields.items() if v is not None}
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(text)):
        return from_html(text, input=name, languages=settings.languages, **fields)
    return from_text(text, input=name, languages=settings.languages, **fields)


def _read_jsonl(path: Path, settings: Settings) -> Iterator[Article | InputError]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                yield record_to_article(raw, where, settings)
            except InputError as exc:
                yield exc


def record_to_article(raw: bytes | str | dict, where: str, settings: Settings) -> Article:
    """One JSONL record -> Article; MalformedRecord names the line."""
    if isinstance(raw, dict):
        record = raw
    else:
        if len(raw) > settings.max_bytes:
            check_size(len(raw), where, settings.max_bytes)
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise MalformedRecord(where, f"malformed JSON line ({exc.__class__.__name__}: {exc})") from None
    if not isinstance(record, dict):
        raise MalformedRecord(where, "malformed record: a line must be a JSON object")
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise MalformedRecord(where, "malformed record: no 'text' or 'html' string field")
    fields = {
        "id": record.get("id"),
        "title": record.get("title"),
        "source": record.get("source"),
        "url": record.get("url"),
        "published": record.get("published") or record.get("date"),
        "metadata": {k: v for k, v in record.items() if k not in RECORD_FIELDS},
    }
    fields = {k: v for k, v in fields.items() if v is not None}
    if isinstance(text, str) and text.strip():
        return from_text(text, input=where, languages=settings.languages, **fields)
    return from_html(html or "", input=where, languages=settings.languages, **fields)
