"""Table layouts derived from the dataclasses of ``newsevents.model``, and Extractions -> rows.

One rule turns a dataclass into columns, so the DuckDB tables, the Parquet partitions of the Dask
engine and the exports all agree, and a field added to model.py becomes a column (see ``schema.sync``):

- a scalar field (str, int, float, bool, date, Literal) is one column of the same name;
- a nested dataclass (``trigger: TextSpan``, ``cameo: Cameo``...) is flattened with a prefix
  (``trigger_start``, ``cameo_code``...);
- a list of dataclasses that has a table of its own (mentions, attributions) is left to that table;
  other lists and dicts are stored as JSON text (``counts``, ``boilerplate``, ``metadata``...).

Top-level ``start``/``end`` become ``start_char``/``end_char``: ``end`` is an SQL keyword and users
should not have to quote it in every query.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyarrow as pa

from newsevents import model
from newsevents.model import Extraction, to_jsonable

# DuckDB type names and the matching Arrow types (the Parquet schema of the Dask engine).
ARROW = {
    "VARCHAR": pa.string(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
}
RENAME = {"start": "start_char", "end": "end_char"}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # DuckDB type
    doc: str = ""
    json: bool = False  # stored as JSON text


def _scalar_type(tp: Any) -> str | None:
    if tp is str or typing.get_origin(tp) is typing.Literal:
        return "VARCHAR"
    if tp is bool:
        return "BOOLEAN"
    if tp is int:
        return "BIGINT"
    if tp is float:
        return "DOUBLE"
    if tp is dt.date:
        return "DATE"
    return None


def _unwrap_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(inner) == 1:
            return inner[0]
    return tp


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def dataclass_columns(cls: type, prefix: str = "", skip: frozenset[str] = frozenset()) -> list[Column]:
    """The columns of ``cls`` by the rule in the module docstring."""
    out: list[Column] = []
    hints = _hints(cls)
    for f in dataclasses.fields(cls):
        if f.name in skip:
            continue
        tp = _unwrap_optional(hints[f.name])
        name = prefix + f.name if prefix else RENAME.get(f.name, f.name)
        doc = f.metadata.get("doc", "")
        scalar = _scalar_type(tp)
        if scalar:
            out.append(Column(name, scalar, doc))
        elif dataclasses.is_dataclass(tp):
            out.extend(dataclass_columns(tp, prefix=name + "_"))
        else:  # lists, dicts, unions of several types
            out.append(Column(name, "VARCHAR", doc or "JSON.", json=True))
    return out


# One step of a flattening plan: (field, column, kind, nested plan); kinds below.
_SCALAR, _NESTED, _JSON = 0, 1, 2
_Plan = tuple[tuple[str, str, int, "_Plan | None"], ...]


@cache
def _plan(cls: type, prefix: str = "", skip: frozenset[str] = frozenset()) -> _Plan:
    """How ``_flatten`` turns a ``cls`` into columns, worked out once per class: resolving type hints
    for every field of every row was most of the cost of writing a batch."""
    steps = []
    hints = _hints(cls)
    for f in dataclasses.fields(cls):
        if f.name in skip:
            continue
        tp = _unwrap_optional(hints[f.name])
        name = prefix + f.name if prefix else RENAME.get(f.name, f.name)
        if _scalar_type(tp):
            steps.append((f.name, name, _SCALAR, None))
        elif dataclasses.is_dataclass(tp):
            steps.append((f.name, name, _NESTED, _plan(tp, name + "_")))
        else:
            steps.append((f.name, name, _JSON, None))
    return tuple(steps)


def _flatten(obj: Any, cls: type, prefix: str = "", skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    row: dict[str, Any] = {}
    _fill(row, obj, _plan(cls, prefix, skip))
    return row


def _fill(row: dict[str, Any], obj: Any, plan: _Plan) -> None:
    for field, name, kind, nested in plan:
        value = getattr(obj, field) if obj is not None else None
        if kind == _SCALAR:
            row[name] = value
        elif kind == _NESTED:
            _fill(row, value, nested)  # type: ignore[arg-type]
        else:
            row[name] = (
                None if value is None else json.dumps(to_jsonable(value), ensure_ascii=False, sort_keys=False)
            )


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One store table: leading key columns, the dataclass columns, trailing extra columns."""

    name: str
    cls: type | None
    keys: tuple[Column, ...]
    skip: frozenset[str] = frozenset()
    extra: tuple[Column, ...] = ()
    primary_key: tuple[str, ...] = ()
    doc: str = ""

    def all_columns(self) -> list[Column]:
        body = dataclass_columns(self.cls, skip=self.skip) if self.cls else []
        return [*self.keys, *body, *self.extra]

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, ARROW[c.type]) for c in self.all_columns()])


def _c(name: str, type_: str, doc: str = "") -> Column:
    return Column(name, type_, doc)


ARTICLE_ID = _c("article_id", "VARCHAR", "Article.id of the article the row comes from.")

# Article-level tables written by the corpus runner; each row carries article_id so it can be shown
# with its evidence (articles.text[start_char:end_char]).
TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "articles",
            model.Article,
            keys=(),
            extra=(
                _c("n_actors", "BIGINT"),
                _c("n_events", "BIGINT"),
                _c("n_quotes", "BIGINT"),
                _c("schema_version", "VARCHAR", "Version of the output contract (model.SCHEMA_VERSION)."),
                _c("newsevents_version", "VARCHAR", "newsevents version that extracted the article."),
                _c("run_id", "BIGINT", "The run (runs.run_id) that wrote the article."),
                _c("ingested_at", "TIMESTAMP", "When the article was written to the store (UTC)."),
            ),
            primary_key=("id",),
            doc="One row per article: text, metadata and the content hash that makes ingest idempotent.",
        ),
        TableSpec(
            "actors",
            model.Actor,
            keys=(ARTICLE_ID,),
            skip=frozenset({"mentions"}),
            extra=(_c("n_mentions", "BIGINT"),),
            primary_key=("article_id", "id"),
            doc="Actors found in an article; `id` is local to the article (A1, A2...).",
        ),
        TableSpec(
            "mentions",
            model.Mention,
            keys=(
                ARTICLE_ID,
                _c("actor_id", "VARCHAR", "actors.id of the actor mentioned."),
                _c("seq", "BIGINT", "Order of the mention within the actor."),
            ),
            primary_key=("article_id", "actor_id", "seq"),
            doc="Every mention of every actor, with offsets.",
        ),
        TableSpec(
            "events",
            model.Event,
            keys=(ARTICLE_ID,),
            skip=frozenset({"attribution"}),
            extra=(
                _c("source_name", "VARCHAR", "Name of the source actor (copied from actors)."),
                _c("source_code", "VARCHAR", "CAMEO code of the source actor."),
                _c("source_country", "VARCHAR", "ISO3 country of the source actor."),
                _c("target_name", "VARCHAR", "Name of the target actor."),
                _c("target_code", "VARCHAR", "CAMEO code of the target actor."),
                _c("target_country", "VARCHAR", "ISO3 country of the target actor."),
                _c("sentence_text", "VARCHAR", "The evidence sentence: text[sentence_start:sentence_end]."),
                _c("published", "DATE", "Publication date of the article."),
                _c("cluster_id", "VARCHAR", "Cross-article event cluster (filled by the link stage)."),
            ),
            primary_key=("article_id", "id"),
            doc="Events: who did what to whom, with the trigger and sentence offsets as evidence.",
        ),
        TableSpec(
            "quotes",
            model.Quote,
            keys=(ARTICLE_ID,),
            skip=frozenset({"via"}),
            primary_key=("article_id", "id"),
            doc="Direct, partial and indirect quotes with speaker and cue.",
        ),
        TableSpec(
            "attributions",
            model.Attribution,
            keys=(
                ARTICLE_ID,
                _c("owner_kind", "VARCHAR", "'event' (Event.attribution) or 'quote' (Quote.via)."),
                _c("owner_id", "VARCHAR", "events.id or quotes.id."),
                _c("seq", "BIGINT", "Position in the chain, from the original source outward."),
            ),
            primary_key=("article_id", "owner_kind", "owner_id", "seq"),
            doc="Source chains of events and relaying channels of quotes.",
        ),
        TableSpec(
            "times",
            model.TimeExpression,
            keys=(ARTICLE_ID, _c("seq", "BIGINT")),
            primary_key=("article_id", "seq"),
            doc="Time expressions and their resolved ISO values.",
        ),
        TableSpec(
            "places",
            model.Place,
            keys=(ARTICLE_ID, _c("seq", "BIGINT")),
            primary_key=("article_id", "seq"),
            doc="Place mentions resolved against GeoNames.",
        ),
    )
}
# Child tables: everything keyed by article_id (deleted and rewritten when an article changes).
ARTICLE_TABLES = tuple(TABLES)
CHILD_TABLES = tuple(t for t in TABLES if t != "articles")


def extraction_rows(
    x: Extraction, *, run_id: int | None = None, ingested_at: dt.datetime | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The rows one Extraction adds to each table."""
    a = x.article
    aid = a.id
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    art = _flatten(a, model.Article)
    art.update(
        n_actors=len(x.actors),
        n_events=len(x.events),
        n_quotes=len(x.quotes),
        schema_version=x.schema_version,
        newsevents_version=x.newsevents_version,
        run_id=run_id,
        ingested_at=ingested_at,
    )
    rows["articles"].append(art)
    actors = {actor.id: actor for actor in x.actors}
    for actor in x.actors:
        row = {"article_id": aid, **_flatten(actor, model.Actor, skip=TABLES["actors"].skip)}
        row["n_mentions"] = len(actor.mentions)
        rows["actors"].append(row)
        for i, m in enumerate(actor.mentions):
            rows["mentions"].append(
                {"article_id": aid, "actor_id": actor.id, "seq": i, **_flatten(m, model.Mention)}
            )
    for e in x.events:
        row = {"article_id": aid, **_flatten(e, model.Event, skip=TABLES["events"].skip)}
        src, tgt = actors.get(e.source or ""), actors.get(e.target or "")
        row.update(
            source_name=src.name if src else None,
            source_code=src.code if src else None,
            source_country=src.country if src else None,
            target_name=tgt.name if tgt else None,
            target_code=tgt.code if tgt else None,
            target_country=tgt.country if tgt else None,
            sentence_text=a.text[e.sentence.start : e.sentence.end],
            published=a.published,
            cluster_id=None,
        )
        rows["events"].append(row)
        for i, att in enumerate(e.attribution):
            rows["attributions"].append(_attribution_row(aid, "event", e.id, i, att))
    for q in x.quotes:
        rows["quotes"].append({"article_id": aid, **_flatten(q, model.Quote, skip=TABLES["quotes"].skip)})
        for i, att in enumerate(q.via):
            rows["attributions"].append(_attribution_row(aid, "quote", q.id, i, att))
    for i, t in enumerate(x.times):
        rows["times"].append({"article_id": aid, "seq": i, **_flatten(t, model.TimeExpression)})
    for i, p in enumerate(x.places):
        rows["places"].append({"article_id": aid, "seq": i, **_flatten(p, model.Place)})
    return rows


def _attribution_row(aid: str, kind: str, owner: str, seq: int, att: model.Attribution) -> dict[str, Any]:
    return {
        "article_id": aid,
        "owner_kind": kind,
        "owner_id": owner,
        "seq": seq,
        **_flatten(att, model.Attribution),
    }


def to_arrow(extractions: list[Extraction], **kwargs: Any) -> dict[str, pa.Table]:
    """Extractions -> one Arrow table per store table (the unit written to DuckDB and to Parquet)."""
    merged: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    # The same article twice in one batch: the last one wins, as it would across batches.
    extractions = list({x.article.id: x for x in extractions}.values())
    for x in extractions:
        for table, rows in extraction_rows(x, **kwargs).items():
            merged[table].extend(rows)
    return {t: pa.Table.from_pylist(rows, schema=TABLES[t].arrow_schema()) for t, rows in merged.items()}
