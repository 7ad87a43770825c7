"""The web explorer through FastAPI's TestClient, over a small store written with the store API."""

from __future__ import annotations

import csv
import io
import re

import duckdb
import pytest
import web_sample
from fastapi.testclient import TestClient

from newsevents.web import create_app
from newsevents.web.filters import EventFilter
from newsevents.web.highlight import Span, cut


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return web_sample.build(tmp_path_factory.mktemp("web") / "sample.duckdb")


@pytest.fixture(scope="module")
def client(db):
    app = create_app(db)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c
    app.state.store.close()


def test_every_page_answers(client):
    for url in [
        "/",
        "/events",
        "/articles",
        "/article?id=meeting-1",
        "/actor?key=RUSGOV",
        "/map",
        "/clusters",
        "/try",
        "/static/vendor/world-atlas/countries-110m.json",
    ]:
        r = client.get(url)
        assert r.status_code == 200, url
    assert client.get("/article?id=no-such").status_code == 404
    assert client.get("/actor?key=NOBODY").status_code == 404
    assert client.get("/cluster?id=none").status_code == 404


def test_security_headers_and_host(client):
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["server-timing"].startswith("app;dur=")
    # DNS rebinding: a page on another site resolving its name to 127.0.0.1 gets nothing.
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400


def test_overview_counts_and_timeline(client):
    data = client.get("/api/overview").json()
    assert data["counts"]["articles"] == 5
    assert data["counts"]["events"] == 6
    weekly = data["weekly"]
    total = sum(sum(s["data"]) for s in weekly["series"])
    assert total == 6
    assert [s["quad"] for s in weekly["series"]] == [1, 2, 3, 4]
    conflict = next(s for s in weekly["series"] if s["quad"] == 4)
    assert conflict["data"][weekly["labels"].index("2025-09-01")] == 1  # the strike, week of Monday 1 Sept
    assert data["actors"][0]["key"] == "RUSGOV"


def test_events_filters(client):
    def ids(**params):
        return sorted(
            (e["article_id"], e["id"]) for e in client.get("/api/events", params=params).json()["events"]
        )

    assert len(ids()) == 6
    assert ids(actor="RUSMIL") == [("strike-1", "E1")]
    assert len(ids(actor="rus")) == 6  # a code prefix: RUSGOV, RUSMIL, RUS
    assert ids(actor="putin") == [
        ("meeting-1", "E1"),
        ("meeting-1", "E2"),
        ("meeting-2", "E1"),
        ("meeting-3", "E1"),
    ]
    assert ids(country="UKR") == [("strike-1", "E1"), ("xss-<1>", "E1")]
    assert ids(cameo="04") == [("meeting-1", "E1"), ("meeting-2", "E1"), ("meeting-3", "E1")]
    assert ids(plover="ASSAULT") == [("strike-1", "E1")]
    assert ids(quad="3") == [("xss-<1>", "E1")]
    assert ids(since="2025-09-01") == [("strike-1", "E1")]
    assert ids(until="2025-08-14") == [("meeting-1", "E1"), ("meeting-2", "E1"), ("meeting-3", "E1")]
    assert ids(place="kharkiv") == [("strike-1", "E1")]
    assert ids(source="xinhua") == [("meeting-2", "E1"), ("strike-1", "E1")]
    assert ids(actor="RUS", since="2025-08-01", until="2025-08-31", source="afp") == [
        ("meeting-1", "E1"),
        ("meeting-1", "E2"),
    ]


def test_events_sort_and_pages(client):
    r = client.get("/api/events", params={"sort": "-goldstein", "per_page": 2}).json()
    assert r["total"] == 6 and r["pages"] == 3
    assert [e["cameo_goldstein"] for e in r["events"]] == [8.0, 1.0]
    last = client.get("/api/events", params={"sort": "goldstein", "per_page": 2, "page": 1}).json()
    assert last["events"][0]["cameo_goldstein"] == -10.0
    page3 = client.get("/api/events", params={"sort": "-goldstein", "per_page": 2, "page": 3}).json()
    assert len(page3["events"]) == 2
    # The table's links carry the filter; an unknown sort key falls back to the date.
    html = client.get("/events", params={"actor": "RUS", "per_page": 2}).text
    assert "page=2" in html and "actor=RUS" in html
    assert client.get("/api/events", params={"sort": "1;DROP TABLE events"}).json()["total"] == 6


def test_bad_filter_values_are_reported_not_raised(client):
    r = client.get("/api/events", params={"since": "yesterday", "cameo": "x'--", "quad": "9", "country": "R"})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 6  # every bad value dropped
    assert len(body["problems"]) == 4
    assert "Ignored" in client.get("/events", params={"since": "yesterday"}).text


def test_csv_is_the_current_filter(client):
    r = client.get("/events.csv", params={"actor": "putin", "sort": "cameo"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [(x["article_id"], x["cameo_code"]) for x in rows] == [
        ("meeting-1", "040"),
        ("meeting-2", "040"),
        ("meeting-3", "040"),
        ("meeting-1", "057"),
    ]
    assert rows[0]["sentence_text"].startswith("MOSCOW, Aug 14 (AFP)")


def test_article_page_highlights_and_chain(client):
    html = client.get("/article", params={"id": "meeting-1"}).text
    assert re.search(r'<span class="hl-trigger"[^>]*data-tip="Event E1: CAMEO 040 Consult', html)
    assert re.search(r'<span class="hl-actor"[^>]*>Vladimir Putin</span>', html)
    assert re.search(r'<span class="hl-date"[^>]*>Thursday</span>', html)
    assert re.search(r'<span class="hl-place"[^>]*>Moscow</span>', html)
    assert 'class="hl-quote' in html
    assert re.search(r'<span class="boilerplate">Related: Markets rally', html)
    card = html[html.index('id="ev-E1"') : html.index('id="ev-E2"')]
    chain = card[card.index('class="chain"') :]
    assert chain.index("Kremlin") < chain.index("AFP")  # the chain from the original source outward
    assert '<mark class="trigger">met</mark>' in card
    assert "/cluster?id=" in card  # linked to the other report


def test_cut_covers_the_text_once():
    text = "Putin met Xi in Moscow."
    spans = [
        Span(0, 5, "actor", "a"),
        Span(6, 9, "trigger", "t"),
        Span(0, 23, "quote", "q"),
        Span(10, 12, "actor", ""),
    ]
    pieces = cut(text, spans, [(16, 23)])
    assert "".join(p.text for p in pieces) == text
    met = next(p for p in pieces if p.text == "met")
    assert met.kinds == ("quote", "trigger")
    assert next(p for p in pieces if p.text == "Moscow.").boilerplate


def test_actor_timeline_and_network(client):
    data = client.get("/api/actor", params={"key": "RUSGOV"}).json()
    assert data["info"]["n"] == 4
    assert sum(data["timeline"]["coop"]) == 4 and sum(data["timeline"]["conflict"]) == 0
    nodes = {n["id"]: n for n in data["network"]["nodes"]}
    assert set(nodes) == {"RUSGOV", "CHNGOV"}
    assert data["network"]["edges"] == [
        {"source": "RUSGOV", "target": "CHNGOV", "quad": 1, "n": 3, "name": "verbal cooperation"}
    ]


def test_map_points(client):
    data = client.get("/api/map").json()
    places = {p["name"]: p for p in data["points"]}
    assert places["Moscow"]["n"] == 2 and places["Moscow"]["q1"] == 2
    assert places["Kharkiv"]["q4"] == 1
    assert data["total"] == 6 and data["geocoded"] == 4
    assert places["St Petersburg"]["n"] == 1
    assert client.get("/api/map", params={"country": "UKR"}).json()["geocoded"] == 1


def test_clusters_pages(client, db):
    with duckdb.connect(str(db), read_only=True) as con:
        (cid,) = con.execute(
            "SELECT cluster_id FROM events WHERE article_id = 'meeting-2' AND id = 'E1'"
        ).fetchone()
    if cid is None:
        pytest.skip("the link stage left the sample unclustered")
    listing = client.get("/clusters", params={"min_articles": 2}).text
    assert cid in listing
    page = client.get("/cluster", params={"id": cid}).text
    assert page.count('class="quad1"') == 3  # the three reports of the meeting
    assert "AFP" in page and "Xinhua" in page and "Example Post" in page
    # Two outlets put it in Moscow, one in St Petersburg: the page shows both sides.
    with duckdb.connect(str(db), read_only=True) as con:
        kinds = [
            r[0] for r in con.execute("SELECT kind FROM disagreements WHERE cluster_id = ?", [cid]).fetchall()
        ]
    if "place" in kinds:
        section = page[page.index("<h2>Disagreements</h2>") : page.index("<h2>Reports</h2>")]
        assert "Moscow" in section and "St Petersburg" in section and "Example Post" in section


def test_clusters_empty_state(tmp_path):
    db = web_sample.build(tmp_path / "unlinked.duckdb", link=False)
    app = create_app(db)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        r = c.get("/clusters")
    app.state.store.close()
    assert r.status_code == 200
    assert "No clusters yet" in r.text


def test_no_database(tmp_path):
    app = create_app(tmp_path / "missing.duckdb")
    with TestClient(app, base_url="http://127.0.0.1") as c:
        r = c.get("/")
        assert r.status_code == 503
        assert "make demo" in r.text
        assert c.get("/try").status_code == 200  # needs no store


def test_database_is_opened_read_only(client, db):
    store = client.app.state.store
    with pytest.raises(duckdb.Error):
        store.rows("CREATE TABLE t (x INT)")
    with pytest.raises(duckdb.Error):
        store.rows("DELETE FROM events")


def test_xss_article_is_escaped(client):
    html = client.get("/article", params={"id": "xss-<1>"}).text
    assert "<script>window.__xss" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&#34;window.__xss=2&#34;&gt;" in html
    assert "&lt;script&gt;window.__xss_title=1&lt;/script&gt;" in html  # the title, escaped
    assert "<b>government</b>" not in html and "<b>attack</b>" not in html
    assert 'href="javascript' not in html
    # Tooltips (attributes) are escaped too.
    assert 'data-tip="Place: &lt;script&gt;x&lt;/script&gt;' in html
    for url in ("/", "/events", "/articles", "/events?actor=UKRGOV", "/actor?key=UKRGOV"):
        page = client.get(url).text
        assert "<script>window" not in page and "<img src=x" not in page, url
    # JSON blocks in pages cannot close their <script> element.
    assert (
        "</script>"
        not in client.get("/actor", params={"key": "UKRGOV"})
        .text.split('id="actor-network">')[1]
        .split("</script>")[0]
    )


def test_try_it_limits(client):
    r = client.post("/try", data={"text": "", "published": ""})
    assert r.status_code == 422 and "Paste" in r.text
    r = client.post("/try", data={"text": "x" * 60_000, "published": ""})
    assert r.status_code == 422 and "limit" in r.text
    r = client.post(
        "/try",
        content=b"text=" + b"x" * 300_000,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 413
    r = client.post("/try", data={"text": "Russia and China signed a treaty.", "published": "15/08/2025"})
    assert r.status_code == 422 and "2025-08-15" in r.text


def test_try_it_extracts_without_storing(client, db):
    before = client.get("/api/overview").json()["counts"]["articles"]
    text = "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Thursday. <script>x</script>"
    r = client.post("/try", data={"text": text, "published": "2025-08-15", "source": "Test"})
    assert r.status_code == 200
    assert 'id="article-text"' in r.text
    assert "&lt;script&gt;x&lt;/script&gt;" in r.text and "<script>x</script>" not in r.text
    assert re.search(r'class="hl-actor"[^>]*>[^<]*Putin', r.text)
    assert client.get("/api/overview").json()["counts"]["articles"] == before


def test_filter_query_round_trip():
    f = EventFilter.from_query({"actor": " RUS ", "since": "2025-01-01", "sort": "-cameo", "page": "3"})
    assert f.query() == {"actor": "RUS", "since": "2025-01-01", "sort": "-cameo"}
    assert EventFilter.from_query(f.query(page=3)).page == 3
    where, params = f.where()
    assert "?" in where and "RUS" not in where and params[:4] == ["RUS"] * 4


def test_serve_command_refuses_a_missing_db(tmp_path):
    from typer.testing import CliRunner

    from newsevents.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2


def test_seed_article_shows_every_event_with_its_evidence(seed, tmp_path):
    """The acceptance check: every event's trigger, actors, date and place highlighted, its chain listed."""
    from newsevents.store import Store
    from newsevents.web.views import article

    db = tmp_path / "seed.duckdb"
    with Store.open(db) as store:
        store.write_extractions([seed])
    app = create_app(db)
    try:
        view = article.view(app.state.store, seed.article.id)
        with TestClient(app, base_url="http://127.0.0.1") as c:
            html = c.get("/article", params={"id": seed.article.id}).text
    finally:
        app.state.store.close()
    assert seed.events, "the seed article should have events"
    kinds_at: list[set[str]] = [set() for _ in seed.article.text]
    refs_at: list[set[str]] = [set() for _ in seed.article.text]
    pos = 0
    for piece in view.pieces:
        for i in range(pos, pos + len(piece.text)):
            kinds_at[i].update(piece.kinds)
            refs_at[i].update(piece.refs)
        pos += len(piece.text)
    assert pos == len(seed.article.text)

    def covered(start, end, kind, ref=None):
        return all(kind in kinds_at[i] and (ref is None or ref in refs_at[i]) for i in range(start, end))

    for e in seed.events:
        assert covered(e.trigger.start, e.trigger.end, "trigger", e.id), e.id
        for actor_id in (e.source, e.target):
            if actor_id:
                mentions = seed.actor(actor_id).mentions
                assert any(covered(m.start, m.end, "actor") for m in mentions), (e.id, actor_id)
        if e.date and e.date.start is not None:
            assert covered(e.date.start, e.date.end, "date"), e.id
        if e.location and e.location.start is not None:
            assert covered(e.location.start, e.location.end, "place"), e.id
        card = html[html.index(f'id="ev-{e.id}"') :]
        card = card[: card.index("</li>")]
        for link in e.attribution:
            assert _escaped(link.name) in card, (e.id, link.name)
    # The related headlines at the end are greyed out.
    assert seed.article.boilerplate and 'class="boilerplate"' in html


def _escaped(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))
