"""A small store for the web tests, written through the store API from Extractions made by hand.

Hand-made (not extracted) so the web tests check the explorer, not the accuracy of the pipeline: every
highlight the tests look for is one placed here. Offsets are found with str.find, never typed in.
"""

from __future__ import annotations

from pathlib import Path

from newsevents.ingest import from_text
from newsevents.model import (
    Actor,
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

MEETING = (
    "MOSCOW, Aug 14 (AFP) - Russian President Vladimir Putin met Chinese leader Xi Jinping in Moscow on "
    "Thursday, the Kremlin said.\n\n"
    '"We agreed to deepen our partnership," Putin told reporters after the talks.\n\n'
    "Related: Markets rally on trade hopes\nRelated: Weather warning for the weekend\n"
)
MEETING_2 = (
    "Chinese leader Xi Jinping held talks with Russian President Vladimir Putin in Moscow on Thursday, "
    "state media reported.\n"
)
MEETING_3 = (
    "Russian President Vladimir Putin met Chinese leader Xi Jinping in St Petersburg on Thursday, "
    "officials said.\n"
)
STRIKE = (
    "KYIV, Sept 3 (Xinhua) - Russian forces shelled Kharkiv on Tuesday, killing 4 people, "
    "Ukrainian officials said.\n"
)
XSS_TITLE = '<script>window.__xss_title=1</script>Evil <img src=x onerror="window.__xss=1"> title'
XSS = (
    "Ukraine's government condemned Russia on Monday. "
    '<script>window.__xss=1</script> <img src=x onerror="window.__xss=2"> '
    "Officials said the <b>attack</b> was unprovoked.\n"
)


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _mention(text: str, needle: str, after: int = 0) -> Mention:
    s, e = _span(text, needle, after)
    return Mention(s, e, needle)


def _sentence(text: str, needle: str) -> Offsets:
    """The sentence around ``needle``: from after the previous '. ' or newline to the next '.'."""
    s, _ = _span(text, needle)
    dot, newline = text.rfind(". ", 0, s), text.rfind("\n", 0, s)
    start = max(dot + 2 if dot >= 0 else 0, newline + 1)
    end = text.find(".", s)
    return Offsets(start, end + 1 if end >= 0 else len(text))


def _event(text: str, eid: str, trigger: str, src: str | None, tgt: str | None, **kw) -> Event:
    s, e = _span(text, trigger)
    return Event(
        id=eid,
        source=src,
        target=tgt,
        cameo=kw.pop("cameo"),
        plover=kw.pop("plover", None),
        trigger=TextSpan(s, e, trigger),
        sentence=_sentence(text, trigger),
        **kw,
    )


def meeting(text: str = MEETING, aid: str = "meeting-1", source: str = "AFP") -> Extraction:
    article = from_text(text, id=aid, title="Putin meets Xi in Moscow", source=source, published="2025-08-15")
    putin = Actor("A1", "Vladimir Putin", "RUSGOV", "RUS", "GOV", "person", basis="dictionary: Putin")
    putin.mentions = [_mention(text, "Vladimir Putin")]
    if '"We agreed' in text:
        putin.mentions.append(_mention(text, "Putin", text.index('"We agreed')))
    xi = Actor("A2", "Xi Jinping", "CHNGOV", "CHN", "GOV", "person", mentions=[_mention(text, "Xi Jinping")])
    actors = [putin, xi]
    trig = "met" if " met " in text else "held talks"
    d0, d1 = _span(text, "Thursday")
    city, lat, lon, gid = (
        ("St Petersburg", 59.94, 30.31, 498817)
        if "St Petersburg" in text
        else ("Moscow", 55.75, 37.62, 524901)
    )
    p0, p1 = _span(text, city + " on")
    p1 = p0 + len(city)
    events = [
        _event(
            text, "E1", trig, "A1", "A2",
            cameo=Cameo("040", "04", "Consult", 1.0, 1),
            plover=Plover("CONSULT", "visit"),
            date=EventDate("2025-08-14", "day", "text", "Thursday", d0, d1),
            location=EventLocation(city, gid, "RUS", lat, lon, p0, p1),
            attribution=[Attribution("Kremlin", "official_statement", None), Attribution(source, "news_agency")]
            if "Kremlin" in text
            else [Attribution("state media", "state_media"), Attribution(source, "outlet")]
            if "state media" in text
            else [Attribution("officials", "unnamed_sources"), Attribution(source, "outlet")],
        ),
    ]  # fmt: skip
    quotes = []
    if '"We agreed' in text:
        q0, q1 = _span(text, '"We agreed to deepen our partnership,"')
        c0, c1 = _span(text, "told")
        quotes.append(
            Quote("Q1", text[q0:q1], q0, q1, "direct", "A1", cue=TextSpan(c0, c1, "told")),
        )
        e0, e1 = _span(text, "agreed")
        events.append(
            Event(
                "E2", "A1", None, Cameo("057", "05", "Sign formal agreement", 8.0, 1), Plover("AGREE"),
                TextSpan(e0, e1, "agreed"), _sentence(text, "agreed"), modality="asserted",
                attribution=[Attribution("Vladimir Putin", "person", "A1")],
            )
        )  # fmt: skip
    return Extraction(
        article=article,
        actors=actors,
        events=events,
        quotes=quotes,
        times=[TimeExpression(d0, d1, "Thursday", "2025-08-14", "day", "text", "past weekday")],
        places=[Place(p0, p1, city, city, gid, "RUS", lat, lon, "city")],
        newsevents_version="test",
    )


def strike() -> Extraction:
    text = STRIKE
    article = from_text(
        text, id="strike-1", title="Shelling in Kharkiv", source="Xinhua", published="2025-09-03"
    )
    rus = Actor(
        "A1",
        "Russian forces",
        "RUSMIL",
        "RUS",
        "MIL",
        "organization",
        mentions=[_mention(text, "Russian forces")],
    )
    ukr = Actor(
        "A2",
        "Ukrainian officials",
        "UKRGOV",
        "UKR",
        "GOV",
        "group",
        mentions=[_mention(text, "Ukrainian officials")],
    )
    k0, k1 = _span(text, "Kharkiv")
    d0, d1 = _span(text, "Tuesday")
    c0, c1 = _span(text, "4 people")
    event = _event(
        text, "E1", "shelled", "A1", None,
        cameo=Cameo("195", "19", "Employ aerial weapons", -10.0, 4),
        plover=Plover("ASSAULT", "aerial"),
        date=EventDate("2025-09-02", "day", "text", "Tuesday", d0, d1),
        location=EventLocation("Kharkiv", 706483, "UKR", 49.99, 36.23, k0, k1),
        counts=[Count(4, "killed", "4 people", c0, c1)],
        attribution=[Attribution("Ukrainian officials", "organization", "A2"), Attribution("Xinhua", "state_media")],
    )  # fmt: skip
    return Extraction(
        article=article,
        actors=[rus, ukr],
        events=[event],
        times=[TimeExpression(d0, d1, "Tuesday", "2025-09-02", "day", "text")],
        places=[Place(k0, k1, "Kharkiv", "Kharkiv", 706483, "UKR", 49.99, 36.23, "city")],
        newsevents_version="test",
    )


def xss() -> Extraction:
    text = XSS
    article = from_text(
        text, id="xss-<1>", title=XSS_TITLE, source="<i>Evil</i> Times", url="javascript:alert(1)",
        published="2025-08-18",
    )  # fmt: skip
    ukr = Actor("A1", "Ukraine's <b>government</b>", "UKRGOV", "UKR", "GOV", "state",
                mentions=[_mention(text, "Ukraine's government")])  # fmt: skip
    rus = Actor("A2", "Russia", "RUS", "RUS", None, "state", mentions=[_mention(text, "Russia")])
    tag = _span(text, "<script>window.__xss=1</script>")
    event = _event(
        text, "E1", "condemned", "A1", "A2", cameo=Cameo("122", "12", "Reject <script>", -4.0, 3),
        plover=Plover("ACCUSE"),
        attribution=[Attribution('<img src=x onerror="window.__xss=3">', "reports")],
    )  # fmt: skip
    return Extraction(
        article=article,
        actors=[ukr, rus],
        events=[event],
        # A place whose span covers the script tag: the highlighted piece must still be text.
        places=[Place(tag[0], tag[1], "<script>", "<script>x</script>", None, None, None, None, "other")],
        newsevents_version="test",
    )


def extractions() -> list[Extraction]:
    first = meeting()
    assert first.article.boilerplate, "the related headlines should be set aside as boilerplate"
    return [
        first,
        meeting(MEETING_2, "meeting-2", "Xinhua"),
        meeting(MEETING_3, "meeting-3", "Example Post"),
        strike(),
        xss(),
    ]


def build(path: Path, *, link: bool = True) -> Path:
    """Write the sample store to ``path`` (and cluster it, when the link stage is installed)."""
    from newsevents.store import Store

    xs = extractions()
    with Store.open(path) as store:
        store.write_extractions(xs)
        if link:
            try:
                from newsevents.link import update_clusters
            except ImportError:  # the link stage is optional for these tests
                return path
            update_clusters(store, [x.article.id for x in xs])
    return path
