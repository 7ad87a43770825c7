"""The output contract: the committed JSON Schema is generated from model.py, and outputs validate."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest

from newsevents import model
from newsevents.schema import json_schema

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "docs" / "schema" / "extraction.schema.json"


@pytest.fixture(scope="module")
def schema():
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_committed_schema_matches_the_model(schema):
    assert schema == json_schema(), "regenerate with: newsevents schema > docs/schema/extraction.schema.json"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_contract_names_are_present(schema):
    defs = schema["$defs"]
    assert set(schema["properties"]) >= {"article", "actors", "events", "quotes", "times", "places"}
    assert set(defs["Article"]["properties"]) >= {
        "id", "title", "source", "url", "published", "language", "text", "boilerplate", "dateline",
    }  # fmt: skip
    assert set(defs["Actor"]["properties"]) >= {
        "id",
        "name",
        "code",
        "country",
        "sector",
        "kind",
        "wikidata",
        "mentions",
    }
    assert set(defs["Event"]["properties"]) >= {
        "id", "source", "target", "cameo", "plover", "trigger", "sentence", "date", "location", "modality",
        "negated", "attribution", "counts",
    }  # fmt: skip
    assert set(defs["Cameo"]["properties"]) == {"code", "root", "name", "goldstein", "quad_class"}
    assert set(defs["Quote"]["properties"]) >= {
        "id",
        "text",
        "start",
        "end",
        "kind",
        "speaker",
        "speaker_mention",
        "cue",
        "via",
    }
    assert set(defs["TimeExpression"]["properties"]) >= {
        "start",
        "end",
        "text",
        "value",
        "granularity",
        "basis",
    }
    assert set(defs["Place"]["properties"]) >= {
        "start",
        "end",
        "text",
        "name",
        "geonameid",
        "country",
        "lat",
        "lon",
    }


def test_a_full_extraction_validates_and_round_trips(schema):
    x = model.Extraction(
        article=model.Article(id="x1", text="Russia praised China.", published=None),
        actors=[
            model.Actor(
                id="A1", name="Russia", code="RUSGOV", country="RUS", mentions=[model.Mention(0, 6, "Russia")]
            )
        ],
        events=[
            model.Event(
                id="E1",
                source="A1",
                target=None,
                cameo=model.Cameo(
                    code="051", root="05", name="Praise or endorse", goldstein=3.4, quad_class=1
                ),
                plover=model.Plover(type="COOPERATE", mode="praise"),
                trigger=model.TextSpan(7, 14, "praised"),
                sentence=model.Offsets(0, 21),
                date=model.EventDate(value=None, granularity=None, basis="unresolved"),
                attribution=[model.Attribution(name="the outlet", kind="outlet")],
                counts=[model.Count(15000, "troops", "15,000 troops", 0, 1, approximate=True)],
            )
        ],  # fmt: skip
    )
    data = x.to_dict()
    jsonschema.validate(data, schema)
    assert model.Extraction.from_dict(json.loads(x.to_json())) == x


def test_every_dataclass_of_the_model_is_in_the_schema(schema):
    classes = {
        obj.__name__
        for obj in vars(model).values()
        if dataclasses.is_dataclass(obj) and obj.__module__ == model.__name__
    }
    assert classes - {"Extraction"} <= set(schema["$defs"])


def test_seed_output_validates(seed, schema):
    jsonschema.validate(seed.to_dict(), schema)
