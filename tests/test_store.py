"""The DuckDB store: schema from model.py, migrations, idempotent writes, failures, runs."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsevents import model
from newsevents.errors import StoreError
from newsevents.ingest import content_hash
from newsevents.model import (
    Actor,
    Article,
    Attribution,
    Cameo,
    Count,
    Event,
    EventDate,
    EventLocation,
    Extraction,
    Mention,
    Offsets,
    Place,
    Plover,
    Quote,
    TextSpan,
    TimeExpression,
)
from newsevents.store import TABLES, Store, split_input
from newsevents.store.schema import MIGRATIONS, existing_columns

TEXT = (
    "Officials said Norway and Chile signed a fisheries accord in Oslo on Monday. "
    '"It is a good day," the Chilean minister said, according to the ministry.'
)


def span(text: str, word: str, start: int = 0) -> TextSpan:
    i = text.index(word, start)
    return TextSpan(i, i + len(word), word)


def make_extraction(text: str = TEXT, article_id: str = "art-1", published: str = "2025-03-10") -> Extraction:
    """An Extraction built from the dataclasses (the stages are not needed to test the store)."""
    article = Article(
        id=article_id,
        text=text,
        title="Accord",
        source="Example Wire",
        published=dt.date.fromisoformat(published),
        content_hash=content_hash(text),
        input=f"corpus.jsonl:{article_id[-1]}",
    )
    nor, chl = span(text, "Norway"), span(text, "Chile")
    norway = Actor(
        "A1", "Norway", "NOR", "NOR", kind="state", mentions=[Mention(nor.start, nor.end, nor.text)]
    )
    chile = Actor(
        "A2",
        "Chile",
        "CHL",
        "CHL",
        kind="state",
        mentions=[
            Mention(chl.start, chl.end, chl.text),
            Mention(*_se(span(text, "Chilean")), "Chilean", "adjective"),
        ],
    )
    sentence_end = text.index(".") + 1
    oslo = span(text, "Oslo")
    event = Event(
        id="E1",
        source="A1",
        target="A2",
        cameo=Cameo("057", "05", "Sign formal agreement", 8.0, 1),
        plover=Plover("AGREE", context=["economic"]),
        trigger=span(text, "signed"),
        sentence=Offsets(0, sentence_end),
        date=EventDate("2025-03-10", "day", "text", "Monday", *_se(span(text, "Monday"))),
        location=EventLocation("Oslo", 3143244, "NOR", 59.91, 10.75, oslo.start, oslo.end),
        attribution=[Attribution("Officials", "unnamed_sources", start=0, end=9)],
        counts=[Count(1, "accord", "a", 0, 1)],
        rule="sign",
    )
    q = span(text, "It is a good day,")
    quote = Quote(
        id="Q1",
        text=q.text,
        start=q.start,
        end=q.end,
        kind="direct",
        speaker="A2",
        speaker_mention=span(text, "the Chilean minister"),
        cue=span(text, "said", q.end),
        via=[
            Attribution("the ministry", "organization", start=text.index("the ministry"), end=len(text) - 1)
        ],
    )
    return Extraction(
        article=article,
        actors=[norway, chile],
        events=[event],
        quotes=[quote],
        times=[TimeExpression(*_se(span(text, "Monday")), "Monday", "2025-03-10", "day")],
        places=[Place(oslo.start, oslo.end, "Oslo", "Oslo", 3143244, "NOR", 59.91, 10.75, "city")],
        newsevents_version="test",
    )


def _se(s: TextSpan) -> tuple[int, int]:
    return s.start, s.end


def snapshot(store: Store, *, drop: tuple[str, ...] = ("run_id", "ingested_at", "recorded_at")) -> dict:
    """Every data table as sorted rows, without the columns that say when or by which run."""
    out = {}
    for table in [*TABLES, "failures"]:
        cols = [c for c in existing_columns(store.con, table) if c not in drop]
        sql = f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{table}" ORDER BY ALL'
        out[table] = store.con.execute(sql).fetchall()
    return out


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "t.duckdb") as s:
        yield s


def test_every_model_field_has_a_column():
    # Columns derive from model.py: a field added there shows up here without editing the store.
    for spec in TABLES.values():
        names = {c.name for c in spec.all_columns()}
        for f in dataclasses.fields(spec.cls):
            if f.name in spec.skip:
                continue
            col = {"start": "start_char", "end": "end_char"}.get(f.name, f.name)
            assert col in names or any(n.startswith(col + "_") for n in names), (spec.name, f.name)
    assert "cluster_id" in {c.name for c in TABLES["events"].all_columns()}


def test_write_keeps_offsets_and_evidence(store):
    x = make_extraction()
    result = store.write_extractions([x], run_id=1)
    assert (result.written, result.skipped) == (1, 0)
    counts = store.counts()
    assert counts["articles"] == 1 and counts["actors"] == 2 and counts["mentions"] == 3
    assert counts["events"] == 1 and counts["quotes"] == 1 and counts["attributions"] == 2
    # Any event can be shown with its evidence: offsets index the stored article text.
    _, rows = store.query(
        "SELECT a.text, e.trigger_start, e.trigger_end, e.trigger_text, e.sentence_text, e.source_code, "
        "e.target_name, e.location_geonameid FROM events e JOIN articles a ON a.id = e.article_id"
    )
    text, start, end, trigger, sentence, source_code, target_name, geonameid = rows[0]
    assert text[start:end] == trigger == "signed"
    assert sentence.startswith("Officials said Norway") and sentence.endswith("Monday.")
    assert (source_code, target_name, geonameid) == ("NOR", "Chile", 3143244)
    _, rows = store.query("SELECT owner_kind, owner_id, name FROM attributions ORDER BY owner_kind")
    assert rows == [("event", "E1", "Officials"), ("quote", "Q1", "the ministry")]
    _, rows = store.query(
        "SELECT a.text[m.start_char + 1 : m.end_char], m.text FROM mentions m JOIN articles a ON a.id = m.article_id"
    )
    assert all(got == want for got, want in rows)


def test_second_write_changes_nothing_and_changed_text_replaces(store):
    x = make_extraction()
    store.write_extractions([x])
    before = snapshot(store, drop=())
    again = store.write_extractions([make_extraction()])
    assert (again.written, again.replaced, again.skipped) == (0, 0, 1)
    assert snapshot(store, drop=()) == before
    assert store.has_article("art-1", x.article.content_hash)
    assert store.has_article("art-1") and not store.has_article("art-1", "other")

    changed = make_extraction(TEXT + " Talks resume in May.")
    changed.times = []
    result = store.write_extractions([changed])
    assert (result.written, result.replaced) == (0, 1)
    counts = store.counts()
    assert counts["articles"] == 1 and counts["events"] == 1 and counts["times"] == 0
    assert "resume in May" in store.query("SELECT text FROM articles")[1][0][0]


def test_same_id_twice_in_a_batch_keeps_the_last(store):
    first, second = make_extraction(), make_extraction(TEXT + " More.")
    store.write_extractions([first, second])
    _, rows = store.query("SELECT content_hash FROM articles")
    assert rows == [(second.article.content_hash,)]


def test_failures_are_one_row_per_position_and_cleared_when_fixed(store):
    store.record_failure("corpus.jsonl", "malformed JSON line", position=1, error="MalformedRecord")
    store.record_failure("corpus.jsonl", "malformed JSON line", position=1, error="MalformedRecord")
    store.record_failure("empty.txt", "empty input", error="EmptyInput")
    store.record_failure("empty.txt", "empty input", error="EmptyInput")
    assert store.counts()["failures"] == 2
    # The line is fixed and reads as an article now: the failure goes.
    store.write_extractions([make_extraction(article_id="art-1")])
    _, rows = store.query("SELECT input, position FROM failures")
    assert rows == [("empty.txt", None)]


def test_runs_and_interrupted_runs(store):
    first = store.start_run(inputs=["a"], workers=2, batch_size=8)
    # Never finished (killed): the next run marks it.
    second = store.start_run(inputs=["a"])
    store.finish_run(second, n_read=3, n_ok=2, n_failed=1)
    _, rows = store.query("SELECT run_id, status, n_read, n_ok, n_failed FROM runs ORDER BY run_id")
    assert rows == [(first, "interrupted", 0, 0, 0), (second, "finished", 3, 2, 1)]


def test_migrations_recorded_once_and_new_model_fields_added(tmp_path):
    path = tmp_path / "m.duckdb"
    with Store.open(path) as s:
        versions = s.query("SELECT version FROM schema_migrations ORDER BY version")[1]
        assert [v for (v,) in versions] == [m.version for m in MIGRATIONS]
        # An older file without a column the model has now (simulated by dropping it).
        s.con.execute("ALTER TABLE events DROP COLUMN rule")
    with Store.open(path) as s:
        assert "rule" in existing_columns(s.con, "events")
        assert len(s.query("SELECT * FROM schema_migrations")[1]) == len(MIGRATIONS)


def test_read_only(tmp_path):
    with pytest.raises(StoreError):
        Store.open(tmp_path / "missing.duckdb", read_only=True)
    path = tmp_path / "r.duckdb"
    with Store.open(path) as s:
        s.write_extractions([make_extraction()])
    with Store.open(path, read_only=True) as s:
        assert s.counts()["articles"] == 1
        with pytest.raises(StoreError):
            s.query("DELETE FROM articles")


def test_split_input():
    assert split_input("/data/corpus.jsonl.gz:17") == ("/data/corpus.jsonl.gz", 17)
    assert split_input("/data/story.txt") == ("/data/story.txt", None)
    assert split_input(None) == (None, None)


def test_model_version_is_stored(store):
    store.write_extractions([make_extraction()])
    assert store.query("SELECT schema_version FROM articles")[1] == [(model.SCHEMA_VERSION,)]


def test_docs_list_every_column():
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[1] / "docs" / "store.md").read_text(encoding="utf-8")
    for spec in TABLES.values():
        assert f"### `{spec.name}`" in docs
        for column in spec.all_columns():
            assert f"| `{column.name}` |" in docs, (spec.name, column.name)
