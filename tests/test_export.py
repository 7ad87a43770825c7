"""Exports: JSONL, CSV, Parquet (DuckDB and pandas), GDELT 2.0 TSV (61 fields), PLOVER (schema-valid)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest
from test_store import TEXT, make_extraction
from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.export import export
from newsevents.export.gdelt import COLUMNS, EMPTY
from newsevents.export.tables import events_query
from newsevents.store import Store

ROOT = Path(__file__).resolve().parents[1]
OTHER = "Chile and Norway held talks in Santiago on Friday, a spokesman said."


def other_extraction():
    from newsevents.model import Actor, Cameo, Event, Offsets, Plover, TextSpan

    x = make_extraction(article_id="art-2", published="2025-04-02")
    x.article.text = OTHER
    x.article.content_hash = "hash-2"
    x.actors = [Actor("A1", "Chile", "CHL", "CHL", kind="state"), Actor("A2", "Norway", "NOR", "NOR")]
    i = OTHER.index("held talks")
    x.events = [
        Event(
            id="E1",
            source="A1",
            target="A2",
            cameo=Cameo("040", "04", "Consult", 1.0, 1),
            plover=Plover("CONSULT"),
            trigger=TextSpan(i, i + 10, "held talks"),
            sentence=Offsets(0, len(OTHER)),
        ),
        # A statement: CAMEO 01 has no PLOVER type, so the PLOVER export leaves it out.
        Event(
            id="E2",
            source="A1",
            target=None,
            cameo=Cameo("010", "01", "Make statement", 0.0, 1),
            plover=None,
            trigger=TextSpan(OTHER.index("said"), OTHER.index("said") + 4, "said"),
            sentence=Offsets(0, len(OTHER)),
        ),
    ]
    x.quotes, x.times, x.places = [], [], []
    return x


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "e.duckdb"
    with Store.open(path) as s:
        s.write_extractions([make_extraction(), other_extraction()], run_id=1)
    return path


def run_export(db: Path, out: Path, fmt: str, table: str = "events") -> int:
    with Store.open(db, read_only=True) as s:
        return export(s, out, fmt, table=table)


def test_parquet_opens_in_duckdb_and_pandas(db, tmp_path):
    import pandas as pd

    out = tmp_path / "events.parquet"
    assert run_export(db, out, "parquet") == 3
    assert duckdb.sql(f"SELECT count(*), count(DISTINCT article_id) FROM '{out}'").fetchall() == [(3, 2)]
    frame = pd.read_parquet(out)
    assert {"article_id", "cameo_code", "trigger_start", "sentence_text", "cluster_id"} <= set(frame.columns)
    folder = tmp_path / "all"
    run_export(db, folder, "parquet", table="all")
    assert len(pd.read_parquet(folder / "articles.parquet")) == 2
    assert len(pd.read_parquet(folder / "mentions.parquet")) == 3


def test_jsonl_and_csv(db, tmp_path):
    assert run_export(db, tmp_path / "e.jsonl", "jsonl") == 3
    rows = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert {r["article_id"] for r in rows} == {"art-1", "art-2"}
    assert run_export(db, tmp_path / "a.csv", "csv", table="actors") == 4
    with open(tmp_path / "a.csv", newline="") as fh:
        assert {r["name"] for r in csv.DictReader(fh)} == {"Norway", "Chile"}


def test_gdelt_has_61_fields_on_every_line_and_stable_ids(db, tmp_path):
    assert len(COLUMNS) == 61 and COLUMNS[0] == "GLOBALEVENTID" and COLUMNS[-1] == "SOURCEURL"
    assert set(EMPTY) <= set(COLUMNS)
    out = tmp_path / "e.tsv"
    assert run_export(db, out, "gdelt") == 3
    lines = out.read_text(encoding="utf-8").splitlines()
    assert all(len(line.split("\t")) == 61 for line in lines)
    first = dict(zip(COLUMNS, lines[0].split("\t"), strict=True))
    assert first["SQLDATE"] == "20250310" and first["EventCode"] == "057" and first["EventRootCode"] == "05"
    assert first["Actor1Code"] == "NOR" and first["Actor2CountryCode"] == "CHL"
    assert first["ActionGeo_FeatureID"] == "3143244" and first["ActionGeo_CountryCode"] == "NO"
    assert first["IsRootEvent"] == "1" and first["AvgTone"] == ""

    # Another store, another run, same articles: same GLOBALEVENTIDs.
    other = tmp_path / "again.duckdb"
    with Store.open(other) as s:
        s.write_extractions([other_extraction(), make_extraction()], run_id=7)
    run_export(other, tmp_path / "again.tsv", "gdelt")
    ids = [line.split("\t")[0] for line in lines]
    again = [line.split("\t")[0] for line in (tmp_path / "again.tsv").read_text().splitlines()]
    assert sorted(ids) == sorted(again) and len(set(ids)) == 3


def test_plover_is_valid_against_our_schema(db, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "schema" / "plover.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    out = tmp_path / "e.plover.jsonl"
    assert run_export(db, out, "plover") == 2  # the CAMEO 01 statement has no PLOVER type
    records = [json.loads(line) for line in out.read_text().splitlines()]
    for r in records:
        jsonschema.validate(r, schema)
    agree = next(r for r in records if r["event"] == ["AGREE"])
    assert agree["actor"][0]["code"] == "NOR" and agree["recipient"][0]["country_name"] == "Chile"
    assert agree["event_loc"]["geonameid"] == 3143244 and agree["date"] == "2025-03-10"
    start, end = agree["text_info"]["start"], agree["text_info"]["end"]
    assert TEXT[start:end] == agree["newsevents"]["evidence"]
    # A record without an actor is not PLOVER.
    bad = dict(agree, actor=[])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_events_query_filters(db):
    def ids(**kw):
        sql, params = events_query(columns="article_id || '/' || id", **kw)
        with Store.open(db, read_only=True) as s:
            return sorted(r[0] for r in s.query(sql, params)[1])

    assert ids() == ["art-1/E1", "art-2/E1", "art-2/E2"]
    assert ids(actor="CHL") == ["art-1/E1", "art-2/E1", "art-2/E2"]
    assert ids(actor="chile", cameo="04") == ["art-2/E1"]
    assert ids(country="nor", cameo="05") == ["art-1/E1"]
    assert ids(since="2025-04-01") == ["art-2/E1", "art-2/E2"]
    assert ids(until="2025-03-31") == ["art-1/E1"]
    assert ids(limit=1) == ["art-1/E1"]


def test_query_and_events_commands(db, tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        app, ["query", "SELECT article_id, id FROM events ORDER BY 1, 2", "--db", str(db), "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {"article_id": "art-1", "id": "E1"},
        {"article_id": "art-2", "id": "E1"},
        {"article_id": "art-2", "id": "E2"},
    ]
    result = runner.invoke(app, ["query", "DELETE FROM events", "--db", str(db)])
    assert result.exit_code != 0  # read-only
    result = runner.invoke(app, ["events", "--db", str(db), "--cameo", "04", "-f", "csv"])
    assert result.exit_code == 0 and result.output.count("\n") == 2 and "held talks" in result.output
    out = tmp_path / "x.tsv"
    result = runner.invoke(app, ["export", str(out), "--format", "gdelt", "--db", str(db)])
    assert result.exit_code == 0 and len(out.read_text().splitlines()) == 3
