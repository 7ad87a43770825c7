"""The output contract: what newsevents says about an article.

Every class here is a plain dataclass. The JSON Schema in ``docs/schema/extraction.schema.json``, the
DuckDB columns and the docs are derived from these definitions (see ``newsevents.schema``), so a field
added here is a field added everywhere. Every ``start``/``end`` is a character offset into
``Article.text``.

Field help text lives in ``metadata={"doc": ...}``; the schema generator copies it into the schema.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1.0"

Granularity = Literal[
    "day",
    "week",
    "month",
    "quarter",
    "half",
    "season",
    "year",
    "decade",
    "century",
    "range",
    "duration",
    "time",
]
DateBasis = Literal["text", "publication", "unresolved"]
Modality = Literal["asserted", "intended", "hypothetical", "belief", "question", "conditional"]
QuoteKind = Literal["direct", "partial", "indirect"]
AttributionKind = Literal[
    "outlet", "news_agency", "state_media", "media", "official_statement", "intelligence_assessment",
    "unnamed_sources", "reports", "person", "organization", "document",
]  # fmt: skip
ActorKind = Literal["person", "state", "organization", "media", "group", "location", "unknown"]
BoilerplateKind = Literal[
    "related_headlines",
    "read_more",
    "newsletter",
    "photo_credit",
    "share",
    "advertisement",
    "byline",
    "other",
]


def doc(text: str) -> dict[str, str]:
    """Field metadata carrying help text for the schema and the docs."""
    return {"doc": text}


@dataclass(slots=True)
class TextSpan:
    """Characters of the article that support a field."""

    start: int = field(metadata=doc("Offset of the first character in article.text."))
    end: int = field(metadata=doc("Offset one past the last character."))
    text: str = field(metadata=doc("article.text[start:end]."))


@dataclass(slots=True)
class Offsets:
    start: int
    end: int


@dataclass(slots=True)
class BoilerplateSpan:
    """A stretch of text that was set aside: no stage reads it."""

    start: int
    end: int
    kind: BoilerplateKind


@dataclass(slots=True)
class Dateline:
    """'KUALA LUMPUR, April 1 (AFP) -': metadata at the head of wire copy."""

    start: int
    end: int
    text: str
    place: str | None = None
    date_text: str | None = None
    agency: str | None = None


@dataclass(slots=True)
class Article:
    id: str = field(
        metadata=doc("Stable identifier: given by the input, else derived from the content hash.")
    )
    text: str = field(metadata=doc("The text the pipeline read (for HTML: the extracted story text)."))
    title: str | None = None
    source: str | None = field(default=None, metadata=doc("Outlet or site name."))
    url: str | None = None
    published: dt.date | None = field(default=None, metadata=doc("Publication date, ISO 8601."))
    language: str = "en"
    boilerplate: list[BoilerplateSpan] = field(default_factory=list)
    dateline: Dateline | None = None
    content_hash: str = field(default="", metadata=doc("sha256 of text: unchanged articles are skipped."))
    input: str | None = field(default=None, metadata=doc("Where the article came from (path, path:line)."))
    metadata: dict[str, Any] = field(default_factory=dict, metadata=doc("Input fields we do not interpret."))

    def is_boilerplate(self, start: int, end: int) -> bool:
        return any(b.start < end and start < b.end for b in self.boilerplate)


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: Literal["name", "nominal", "pronoun", "adjective", "metonym", "possessive"] = "name"


@dataclass(slots=True)
class Actor:
    id: str = field(metadata=doc("Identifier inside this extraction, e.g. 'A1'."))
    name: str = field(metadata=doc("Canonical name."))
    code: str | None = field(
        default=None, metadata=doc("CAMEO-style actor code: country + agent, e.g. RUSGOV.")
    )
    country: str | None = field(
        default=None,
        metadata=doc(
            "ISO 3166-1 alpha-3; a state that no longer exists keeps its CAMEO code (USR, YUG, DDR, CSK); empty for regions and IGOs."
        ),
    )
    sector: str | None = field(default=None, metadata=doc("Agent/sector part of the code: GOV, MIL, MED..."))
    kind: ActorKind = "unknown"
    wikidata: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    basis: str | None = field(default=None, metadata=doc("Why this code: the dictionary entry or phrase."))
    members: list[str] = field(
        default_factory=list, metadata=doc("For groups ('the two leaders'): the member actor ids.")
    )


@dataclass(slots=True)
class TimeExpression:
    start: int
    end: int
    text: str
    value: str | None = field(default=None, metadata=doc("ISO 8601 value (2025-08-14, 2024-06, P24Y...)."))
    granularity: Granularity | None = None
    basis: DateBasis = "text"
    anchor: str | None = field(default=None, metadata=doc("How the value was resolved, e.g. 'past weekday'."))


@dataclass(slots=True)
class Place:
    start: int
    end: int
    text: str
    name: str | None = None
    geonameid: int | None = None
    country: str | None = field(default=None, metadata=doc("ISO 3166-1 alpha-3."))
    lat: float | None = None
    lon: float | None = None
    feature: str | None = field(default=None, metadata=doc("country, region, city, area..."))


@dataclass(slots=True)
class Cameo:
    code: str = field(metadata=doc("CAMEO code as a string, e.g. '051'."))
    root: str = field(metadata=doc("Two-digit root code, e.g. '05'."))
    name: str
    goldstein: float | None = None
    quad_class: int | None = field(
        default=None,
        metadata=doc("1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict."),
    )


@dataclass(slots=True)
class Plover:
    type: str = field(metadata=doc("PLOVER 2 event type, e.g. CONSULT."))
    mode: str | None = None
    context: list[str] = field(default_factory=list)


@dataclass(slots=True)
class EventDate:
    value: str | None
    granularity: Granularity | None
    basis: DateBasis
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class EventLocation:
    name: str | None
    geonameid: int | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    start: int | None = None
    end: int | None = None
    basis: Literal["text", "dateline"] = "text"


@dataclass(slots=True)
class Attribution:
    """One link in a source chain; chains run from the original source outward."""

    name: str
    kind: AttributionKind
    actor: str | None = field(default=None, metadata=doc("Actor id, when the source is an actor."))
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Count:
    value: float
    unit: str
    text: str
    start: int
    end: int
    approximate: bool = False


@dataclass(slots=True)
class Event:
    id: str
    source: str | None = field(metadata=doc("Actor id of the agent, or null."))
    target: str | None = field(metadata=doc("Actor id of the patient or recipient, or null."))
    cameo: Cameo
    plover: Plover | None
    trigger: TextSpan
    sentence: Offsets
    date: EventDate | None = None
    location: EventLocation | None = None
    modality: Modality = "asserted"
    negated: bool = False
    attribution: list[Attribution] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    rule: str | None = field(default=None, metadata=doc("The lexicon entry or pattern that coded the event."))


@dataclass(slots=True)
class Quote:
    id: str
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = field(default=None, metadata=doc("Actor id of whose words these are."))
    speaker_mention: TextSpan | None = field(
        default=None, metadata=doc("The words naming the speaker at the cue.")
    )
    cue: TextSpan | None = None
    via: list[Attribution] = field(default_factory=list, metadata=doc("Relaying channels, innermost first."))


@dataclass(slots=True)
class Extraction:
    """Everything newsevents found in one article."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION
    newsevents_version: str = ""

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        return from_jsonable(cls, data)


def to_jsonable(obj: Any) -> Any:
    """Dataclasses -> dicts, dates -> ISO strings; field order kept."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def from_jsonable(cls: Any, data: Any) -> Any:
    """The inverse of to_jsonable, driven by the dataclass type hints."""
    import typing

    if data is None:
        return None
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = _coerce(hints[f.name], data[f.name])
    return cls(**kwargs)


def _coerce(tp: Any, value: Any) -> Any:
    import types
    import typing

    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _coerce(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_coerce(item, v) for v in value]
    if dataclasses.is_dataclass(tp):
        return from_jsonable(tp, value)
    if tp is dt.date:
        return dt.date.fromisoformat(value)
    return value
