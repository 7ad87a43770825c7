"""link: one happening, many reports; disagreements flagged.

Most tests build Extractions from the model dataclasses directly (short articles we wrote, with the events
an extractor would give), so they test linking alone; the pipeline tests at the end go through the whole
pipeline, and the seed test adds the reference article from ../shared.
"""

from __future__ import annotations

import datetime as dt
import json
import random

from newsevents.link import (
    Linker,
    cluster_events,
    find_disagreements,
    from_extraction,
    summarize,
    update_clusters,
)
from newsevents.link.keys import actor_key, date_interval, type_group
from newsevents.model import (
    Actor,
    Article,
    Cameo,
    Count,
    Event,
    EventDate,
    EventLocation,
    Extraction,
    Offsets,
    Plover,
    TextSpan,
)

ACTORS = {
    "RUS": ("Russia", "RUS", "RUS"),
    "PUTIN": ("Vladimir Putin", "RUSGOV", "RUS"),
    "UKR": ("Ukraine", "UKR", "UKR"),
    "PRK": ("North Korea", "PRK", "PRK"),
    "USA": ("United States", "USA", "USA"),
    "CHN": ("China", "CHN", "CHN"),
    "JPN": ("Japan", "JPN", "JPN"),
    "KIM": ("Kim Jong-un", "PRKGOV", "PRK"),
    "ABE": ("Shinzo Abe", "JPNGOV", "JPN"),
    "HWASONG": ("Hwasong-12", None, None),
    "HOKKAIDO": ("Hokkaido", None, None),
    "EQUIFAX": ("Equifax", None, None),
}


def make_article(
    aid: str,
    outlet: str,
    published: str,
    events: list[dict],
    others: tuple[str, ...] = (),
) -> Extraction:
    """One short article: a sentence per event, actors as an actor stage would code them; ``others``:
    actors the article mentions outside its events (its context)."""
    text_parts, evs, actors = [], [], {}

    def actor(key: str | None) -> str | None:
        if key is None:
            return None
        if key not in actors:
            name, code, country = ACTORS[key]
            actors[key] = Actor(id=f"A{len(actors) + 1}", name=name, code=code, country=country, kind="state")
        return actors[key].id

    pos = 0
    for i, spec in enumerate(events):
        sentence = spec.get("text", f"Event {i} of {aid}.")
        start = pos
        pos += len(sentence) + 1
        text_parts.append(sentence)
        date = None
        if "date" in spec:
            value, gran = spec["date"]
            date = EventDate(value=value, granularity=gran, basis="text", text=spec.get("date_text", value))
        elif spec.get("undated"):
            date = EventDate(value=published, granularity="day", basis="publication")
        loc = None
        if "place" in spec:
            name, country, lat, lon = spec["place"]
            loc = EventLocation(name=name, country=country, lat=lat, lon=lon)
        counts = [
            Count(value=v, unit=u, text=f"{v:,.0f} {u}", start=start, end=start + 1)
            for v, u in spec.get("counts", [])
        ]
        code = spec.get("cameo", "190")
        evs.append(
            Event(
                id=f"E{i + 1}",
                source=actor(spec.get("source")),
                target=actor(spec.get("target")),
                cameo=Cameo(code=code, root=code[:2], name="x"),
                plover=Plover(type=spec["plover"]) if "plover" in spec else None,
                trigger=TextSpan(start, start + 5, sentence[:5]),
                sentence=Offsets(start, start + len(sentence)),
                date=date,
                location=loc,
                counts=counts,
                modality=spec.get("modality", "asserted"),
            )
        )
    for key in others:
        actor(key)
    article = Article(
        id=aid, text=" ".join(text_parts), source=outlet, published=dt.date.fromisoformat(published)
    )
    return Extraction(article=article, actors=list(actors.values()), events=evs)


def corpus() -> list[Extraction]:
    """A small corpus: an invasion reported by five outlets (one with the wrong year), a summit reported
    twice with different troop counts, strikes on consecutive weeks, and unrelated events."""
    inv = {"source": "RUS", "target": "UKR", "cameo": "192", "date_text": "February 2022"}
    return [
        make_article("a1", "Reuters", "2022-03-01", [{**inv, "date": ("2022-02", "month")}]),
        make_article("a2", "AP", "2022-03-02", [{**inv, "date": ("2022-02-24", "day"), "cameo": "190"}]),
        make_article("a3", "BBC", "2022-03-05", [{**inv, "date": ("2022-02", "month")}]),
        make_article("a4", "AFP", "2023-02-24", [{**inv, "date": ("2022-02-24", "day"), "source": "PUTIN"}]),
        make_article(
            "a5",
            "The Daily Slip",
            "2025-08-15",
            [{"source": "PUTIN", "cameo": "190", "date": ("2021-02", "month"), "date_text": "February 2021"}],
        ),
        make_article(
            "b1",
            "Yonhap",
            "2024-11-05",
            [{"source": "PRK", "target": "RUS", "cameo": "0234", "date": ("2024-11-01", "day"), "counts": [(15000, "troops")]}],
        ),
        make_article(
            "b2",
            "NHK",
            "2024-11-06",
            [
                {"source": "PRK", "target": "RUS", "cameo": "0234", "date": ("2024-11-02", "day"), "counts": [(11000, "troops")]},
                {"source": "USA", "target": "CHN", "cameo": "040", "date": ("2024-11-05", "day")},
            ],
        ),
        make_article("c1", "AP", "2024-05-02", [{"source": "RUS", "target": "UKR", "cameo": "195", "date": ("2024-05-01", "day"), "place": ("Kharkiv", "UKR", 49.99, 36.23)}]),
        make_article("c2", "AFP", "2024-05-02", [{"source": "RUS", "target": "UKR", "cameo": "195", "date": ("2024-05-01", "day"), "place": ("Odesa", "UKR", 46.48, 30.72)}]),
        make_article("c3", "BBC", "2024-05-09", [{"source": "RUS", "target": "UKR", "cameo": "195", "date": ("2024-05-08", "day")}]),
        make_article("d1", "Xinhua", "2024-05-10", [{"source": "CHN", "target": "USA", "cameo": "040", "undated": True}]),
        make_article("d2", "AFP", "2024-05-11", [{"source": "CHN", "target": "USA", "cameo": "040", "undated": True}, {"source": "CHN", "target": "USA", "cameo": "040", "modality": "intended", "date": ("2024-06", "month")}]),
    ]  # fmt: skip


def snapshot(clusters) -> list[tuple[str, tuple]]:
    return sorted((c.id, tuple(e.key for e in c.members)) for c in clusters)


def by_article(clusters) -> dict[str, str]:
    return {e.article_id + "#" + e.event_id: c.id for c in clusters for e in c.members}


# ---- keys -------------------------------------------------------------------------------------------


def test_canonical_keys():
    assert actor_key("RUSGOV", "RUS", "Vladimir Putin") == actor_key("RUS", "RUS", "Russia") == "RUS"
    assert actor_key("IGOUNO", None, "the UN") == "IGOUNO"
    assert actor_key(None, None, "Mr Elon Musk") == actor_key(None, None, "Elon Musk") == "~elon musk"
    assert type_group("19", None) == type_group("18", None) == type_group(None, "ASSAULT") == "force"
    assert type_group("04", None) != type_group("19", None)
    assert date_interval("2022-02") == (dt.date(2022, 2, 1), dt.date(2022, 2, 28))
    assert date_interval("2024-W01") == (dt.date(2024, 1, 1), dt.date(2024, 1, 7))
    assert date_interval("2024-Q2") == (dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    assert date_interval("P3D") is None


# ---- clustering -------------------------------------------------------------------------------------


def test_one_happening_many_reports():
    clusters = cluster_events(e for x in corpus() for e in from_extraction(x))
    where = by_article(clusters)
    # The invasion: four outlets, month- and day-level dates, RUS and RUSGOV, roots 19x -> one cluster.
    assert where["a1#E1"] == where["a2#E1"] == where["a3#E1"] == where["a4#E1"]
    # ... the claim dated a year early is not merged into it.
    assert where["a5#E1"] != where["a1#E1"]
    # Same actors a week apart: two happenings. Same day, two cities: one happening.
    assert where["c1#E1"] == where["c2#E1"] != where["c3#E1"]
    # Deployment reported with dates a day apart: one happening; different actors: not linked.
    assert where["b1#E1"] == where["b2#E1"] != where["b2#E2"]
    # An intention is not a happening.
    assert "d2#E2" not in where
    # Undated events are dated by their articles: a day apart -> linked.
    assert where["d1#E1"] == where["d2#E1"]


def test_summary_counts_as_gdelt():
    clusters = cluster_events(e for x in corpus() for e in from_extraction(x))
    invasion = next(c for c in clusters if ("a1", "E1") in {e.key for e in c.members})
    s = summarize(invasion)
    assert (s.num_mentions, s.num_articles, s.num_sources) == (4, 4, 4)
    assert s.first_reported == dt.date(2022, 3, 1) and s.last_reported == dt.date(2023, 2, 24)
    assert s.sources == ["AFP", "AP", "BBC", "Reuters"]
    # Half the reports give the day, the others only its month: the day stands.
    assert (s.date_value, s.date_granularity) == ("2022-02-24", "day")
    # The representative is a complete report: day-level date and a target.
    assert (s.representative_article, s.representative_event) == ("a2", "E1")


def test_order_independent_in_memory():
    xs = corpus()
    once = snapshot(cluster_events(e for x in xs for e in from_extraction(x)))
    for seed in range(5):
        shuffled = xs[:]
        random.Random(seed).shuffle(shuffled)
        linker = Linker()  # two runs: the articles of each run added together
        cut = len(shuffled) // 3
        linker.add(e for x in shuffled[:cut] for e in from_extraction(x))
        linker.add(e for x in shuffled[cut:] for e in from_extraction(x))
        assert snapshot(linker.clusters()) == once
    reverse = Linker()
    for x in reversed(xs):
        reverse.add(from_extraction(x))
    assert snapshot(reverse.clusters()) == once


# One missile launch reported four ways: reports that lead with different sources and kinds of event,
# all naming the missile and the island; a story about the same countries weeks later; and one sharing
# only two countries (not enough to say it is the same happening).
LAUNCH = ("KIM", "HWASONG", "HOKKAIDO", "JPN")


def story_corpus() -> list[Extraction]:
    return [
        make_article("s1", "Yonhap", "2017-09-15", [{"source": "PRK", "target": "JPN", "cameo": "190"}], LAUNCH),
        make_article("s2", "NHK", "2017-09-15", [{"source": "ABE", "target": "PRK", "cameo": "111"}], LAUNCH),
        make_article("s3", "Xinhua", "2017-09-16", [{"source": "CHN", "target": "PRK", "cameo": "112", "date": ("2017-09-15", "day")}], LAUNCH),
        make_article("s4", "AP", "2017-09-17", [{"source": "USA", "target": "PRK", "cameo": "013"}], ("HWASONG", "HOKKAIDO")),
        make_article("s5", "AP", "2017-11-20", [{"source": "PRK", "target": "JPN", "cameo": "190"}], LAUNCH),
        make_article("s6", "AFP", "2017-09-15", [{"source": "USA", "target": "CHN", "cameo": "040"}], ("PRK", "JPN")),
        make_article("s7", "AFP", "2017-09-16", [{"source": "USA", "target": "PRK", "cameo": "111", "date": ("2017-09-10", "day")}], LAUNCH),
    ]  # fmt: skip


def test_story_links_join_reports_across_blocks():
    clusters = cluster_events(e for x in story_corpus() for e in from_extraction(x))
    where = by_article(clusters)
    # Four sources, three kinds, one happening: their articles name the same missile and island.
    assert where["s1#E1"] == where["s2#E1"] == where["s3#E1"] == where["s4#E1"]
    # The same story two months later is another launch; two shared countries are no evidence.
    assert where["s5#E1"] != where["s1#E1"]
    assert where["s6#E1"] != where["s1#E1"]
    # Main events both dated in the text must agree: five days apart is another happening, however
    # similar the articles.
    pair = [x for x in story_corpus() if x.article.id in {"s3", "s7"}]
    where_pair = by_article(cluster_events(e for x in pair for e in from_extraction(x)))
    assert where_pair["s3#E1"] != where_pair["s7#E1"]
    launch = next(c for c in clusters if ("s1", "E1") in {e.key for e in c.members})
    s = summarize(launch)
    assert s.num_articles == 5 and s.sources == ["AFP", "AP", "NHK", "Xinhua", "Yonhap"]


def test_story_links_order_independent_and_incremental():
    xs = [*corpus(), *story_corpus()]
    once = snapshot(cluster_events(e for x in xs for e in from_extraction(x)))
    for seed in range(3):
        shuffled = xs[:]
        random.Random(seed).shuffle(shuffled)
        linker = Linker()
        for x in shuffled:
            linker.add(from_extraction(x))
        assert snapshot(linker.clusters()) == once
    results = states_over_orders(xs, 9)
    states, members = [state for state, _ in results], results[-1][1]
    assert states[0] == states[1] == states[2]
    # The store's happenings are the in-memory ones.
    assert sorted((c, tuple(tuple(k) for k in json.loads(m))) for c, m in members) == once
    # Re-ingesting the article that linked the others elsewhere splits what only it joined.
    reingest(
        xs, make_article("s1", "Yonhap", "2017-09-15", [{"source": "USA", "target": "CHN", "cameo": "040"}])
    )


# ---- disagreements ----------------------------------------------------------------------------------


def test_count_place_and_date_disagreements():
    clusters = cluster_events(e for x in corpus() for e in from_extraction(x))
    found = find_disagreements(clusters)
    counts = [d for d in found if d.kind == "count"]
    assert len(counts) == 1 and counts[0].field == "troops"
    assert {(s.value, tuple(s.sources)) for s in counts[0].sides} == {
        ("15000", ("Yonhap",)),
        ("11000", ("NHK",)),
    }
    places = [d for d in found if d.kind == "place"]
    assert len(places) == 1 and {s.value for s in places[0].sides} == {"Kharkiv", "Odesa"}
    dates = {(d.field, tuple(s.value for s in d.sides)) for d in found if d.kind == "date"}
    # 1 vs 2 November: a day-level disagreement; '2022-02' and '2022-02-24' agree (precision, not conflict).
    assert ("day", ("2024-11-01", "2024-11-02")) in dates
    assert not any(d.kind == "date" and "2022-02" in [s.value for s in d.sides] for d in found)


def test_claim_against_majority_flagged():
    clusters = cluster_events(e for x in corpus() for e in from_extraction(x))
    found = [d for d in find_disagreements(clusters) if d.kind == "date_majority"]
    assert len(found) == 1
    d = found[0]
    assert d.majority_value == "2022-02" and d.majority_articles == 4
    assert d.majority_sources == ["AFP", "AP", "BBC", "Reuters"]
    assert [(s.value, s.sources, s.texts) for s in d.sides] == [
        ("2021-02", ["The Daily Slip"], ["February 2021"])
    ]
    assert "2021-02" in d.describe() and "2022-02" in d.describe()


def test_no_majority_without_attestation():
    # Two reports are not a well-attested majority: nothing is flagged.
    xs = [x for x in corpus() if x.article.id in {"a1", "a2", "a5"}]
    clusters = cluster_events(e for x in xs for e in from_extraction(x))
    assert not [d for d in find_disagreements(clusters) if d.kind == "date_majority"]


def test_distant_years_are_other_happenings():
    # 2014 vs 2022: the same actors did something eight years apart, not a slip of the pen.
    xs = [x for x in corpus() if x.article.id.startswith("a") and x.article.id != "a5"]
    xs.append(
        make_article(
            "z", "Old News", "2015-01-01", [{"source": "RUS", "target": "UKR", "date": ("2014-02", "month")}]
        )
    )
    clusters = cluster_events(e for x in xs for e in from_extraction(x))
    assert not [d for d in find_disagreements(clusters) if d.kind == "date_majority"]


# ---- the store ----------------------------------------------------------------------------------------


def store_state(store) -> dict[str, list]:
    con = store.con
    return {
        "clusters": con.execute(
            "SELECT cluster_id, num_mentions, num_articles, num_sources, first_reported, last_reported, "
            "date_value, representative_article, members FROM event_clusters ORDER BY cluster_id"
        ).fetchall(),
        "events": con.execute(
            "SELECT article_id, id, cluster_id FROM events ORDER BY article_id, id"
        ).fetchall(),
        "disagreements": con.execute(
            "SELECT disagreement_id, cluster_id, kind, field, sides, majority_value FROM disagreements "
            "ORDER BY disagreement_id"
        ).fetchall(),
    }


def ingest(store, extractions) -> None:
    store.write_extractions(extractions)
    update_clusters(store, [x.article.id for x in extractions])


def states_over_orders(xs: list[Extraction], split: int) -> list[tuple[dict[str, list], list]]:
    """The store after one run, two runs (split at `split`) and one article per run in reverse order:
    its tables and its event_clusters' members."""
    from newsevents.store import Store

    out = []
    for runs in ([xs], [xs[:split], xs[split:]], [[x] for x in reversed(xs)]):
        with Store(":memory:") as store:
            for batch in runs:
                ingest(store, batch)
            members = store.con.execute("SELECT cluster_id, members FROM event_clusters").fetchall()
            out.append((store_state(store), members))
    return out


def test_store_clusters_identical_one_run_two_runs_reverse():
    states = [state for state, _ in states_over_orders(corpus(), 5)]
    assert states[0] == states[1] == states[2]
    assert states[0]["clusters"] and states[0]["disagreements"]
    # Every linked event carries its cluster id; the intention does not.
    cluster_of = {(a, e): c for a, e, c in states[0]["events"]}
    assert cluster_of[("a1", "E1")] == cluster_of[("a4", "E1")] is not None
    assert cluster_of[("d2", "E2")] is None


def reingest(xs: list[Extraction], changed: Extraction) -> tuple[dict[str, list], dict[str, list]]:
    """The store's tables after ingesting xs, and after re-ingesting ``changed`` (a corrected article of
    xs); the latter must equal a fresh store that only ever saw the correction."""
    from newsevents.store import Store

    changed.article.content_hash = "changed"
    with Store(":memory:") as store:
        ingest(store, xs)
        before = store_state(store)
        ingest(store, [changed])
        after = store_state(store)
    with Store(":memory:") as fresh:
        ingest(fresh, [*(x for x in xs if x.article.id != changed.article.id), changed])
        assert store_state(fresh) == after
    return before, after


def test_store_reingest_changed_article_updates_clusters():
    # a3 is corrected: now about another happening. Its old cluster shrinks.
    changed = make_article(
        "a3",
        "BBC",
        "2022-03-05",
        [{"source": "USA", "target": "CHN", "cameo": "040", "date": ("2022-03-04", "day")}],
    )
    before, after = reingest(corpus(), changed)
    assert after != before
    sizes = {r[7]: r[2] for r in after["clusters"]}
    assert sizes["a2"] == 3


# ---- the commands -------------------------------------------------------------------------------------


def test_timeline_and_clusters_commands(tmp_path):
    from typer.testing import CliRunner

    from newsevents.cli import app
    from newsevents.store import Store

    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        ingest(store, corpus())
    runner = CliRunner()
    res = runner.invoke(app, ["timeline", "--actor", "RUS", "--with", "UKR", "--json", "--db", str(db)])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    # In date order: the invasion (2022-02-24), the two strikes of May 2024; the slip has no target.
    assert [r["date"] for r in rows] == ["2022-02-24", "2024-05-01", "2024-05-08"]
    assert rows[0]["articles"] == 4 and rows[0]["outlets"] == ["AFP", "AP", "BBC", "Reuters"]
    assert rows[0]["disagreements"] == 1
    res = runner.invoke(
        app, ["timeline", "--actor", "RUSGOV", "--since", "2024-05-05", "--json", "--db", str(db)]
    )
    assert res.exit_code == 0 and [r["date"] for r in json.loads(res.output)] == ["2024-05-08", "2024-11-01"]
    res = runner.invoke(app, ["timeline", "--actor", "PRK", "--db", str(db)], terminal_width=200)
    assert res.exit_code == 0 and "Timeline of PRK (1 happenings)" in res.output and "Yonhap" in res.output
    res = runner.invoke(app, ["clusters", "--disagreements", "--json", "--db", str(db)])
    assert res.exit_code == 0, res.output
    kinds = sorted(d["kind"] for d in json.loads(res.output))
    assert kinds == ["count", "date", "date_majority", "place"]
    res = runner.invoke(app, ["clusters", "--rebuild", "--min-articles", "2", "--db", str(db)])
    assert res.exit_code == 0 and "Happenings" in res.output


# ---- through the pipeline -------------------------------------------------------------------------------

# Short reports we wrote: the invasion dated February 2022 by four outlets.
INVASION_2022 = [
    ("Exports of grain fell sharply after Russian forces invaded Ukraine in February 2022, the ministry said.",
     "Reuters", "2025-03-01"),
    ("Three years after Russia launched its invasion of Ukraine in February 2022, the front line has barely moved.",
     "AP", "2025-02-24"),
    ("Kyiv has received billions in aid since Moscow invaded Ukraine in February 2022, according to the report.",
     "BBC", "2025-06-10"),
    ("The sanctions were imposed after Russian troops invaded Ukraine on 24 February 2022.",
     "Le Monde", "2025-07-02"),
]  # fmt: skip


def _majority_flags(extractions):
    clusters = cluster_events(e for x in extractions for e in from_extraction(x))
    return [d for d in find_disagreements(clusters) if d.kind == "date_majority"]


def test_february_2021_flagged_own_articles(run):
    xs = [run(text, published=day, source=outlet) for text, outlet, day in INVASION_2022]
    xs.append(
        run(
            "Belarus has backed Moscow ever since Russia invaded Ukraine in February 2021, officials in Minsk "
            "said on Monday.",
            published="2025-03-03",
            source="Minsk Daily",
        )
    )
    flags = _majority_flags(xs)
    assert len(flags) == 1
    d = flags[0]
    assert d.majority_value == "2022-02" and d.majority_articles == 4
    assert d.majority_sources == ["AP", "BBC", "Le Monde", "Reuters"]
    (side,) = d.sides
    assert (side.value, side.sources, side.texts) == ("2021-02", ["Minsk Daily"], ["February 2021"])
    # Without the minority claim nothing is flagged.
    assert not _majority_flags(xs[:-1])


def test_seed_february_2021_flagged(seed, run):
    xs = [run(text, published=day, source=outlet) for text, outlet, day in INVASION_2022]
    flags = _majority_flags([seed, *xs])
    assert len(flags) == 1
    d = flags[0]
    assert d.majority_value == "2022-02" and d.majority_sources == ["AP", "BBC", "Le Monde", "Reuters"]
    (side,) = d.sides
    assert side.value == "2021-02" and side.sources == ["The Guardian"] and side.texts == ["February 2021"]
    (event,) = side.events
    evidence = next(e for e in seed.events if e.id == event[1])
    sentence = seed.article.text[evidence.sentence.start : evidence.sentence.end]
    assert "February 2021" in sentence
    # The same through the store, as `newsevents ingest` leaves it.
    from newsevents.store import Store

    with Store(":memory:") as store:
        ingest(store, [seed, *xs])
        rows = store.con.execute(
            "SELECT majority_value, majority_articles, sides, description FROM disagreements "
            "WHERE kind = 'date_majority'"
        ).fetchall()
    assert len(rows) == 1 and rows[0][0] == "2022-02" and rows[0][1] == 4
    assert json.loads(rows[0][2])[0]["sources"] == ["The Guardian"]
    assert "2021-02" in rows[0][3] and "The Guardian" in rows[0][3]


def test_ingest_runs_link_one_run_two_runs_reverse(tmp_path):
    """`newsevents ingest` (the corpus runner) updates the clusters after each run; same tables however
    the articles arrive."""
    from newsevents.corpus import ingest as run_ingest
    from newsevents.ingest import from_text
    from newsevents.store import Store

    texts = [
        *INVASION_2022,
        (
            "Belarus has backed Moscow since Russia invaded Ukraine in February 2021.",
            "Minsk Daily",
            "2025-03-03",
        ),
    ]
    articles = [from_text(t, published=day, source=outlet) for t, outlet, day in texts]
    states = []
    for i, runs in enumerate(([articles], [articles[:2], articles[2:]], [[a] for a in reversed(articles)])):
        db = tmp_path / f"run{i}.duckdb"
        for batch in runs:
            run_ingest([], db, items=batch, workers=1)
        with Store(db, read_only=True) as store:
            states.append(store_state(store))
    assert states[0] == states[1] == states[2]
    assert [r[5] for r in states[0]["disagreements"]] == ["2022-02"]


def test_articles_left_unlinked_by_a_killed_run_are_linked_next_time():
    from newsevents.link import update_clusters_for_run
    from newsevents.link.storage import pending_articles
    from newsevents.store import Store

    xs = corpus()
    with Store(":memory:") as store, Store(":memory:") as reference:
        ingest(reference, xs)
        ingest(store, xs[:6])
        store.write_extractions(xs[6:])  # written, then the run was killed before linking
        assert pending_articles(store) == sorted(x.article.id for x in xs[6:])
        update_clusters_for_run(store, None)  # the next run's link step
        assert pending_articles(store) == []
        assert store_state(store) == store_state(reference)


def test_article_happenings_link_reports_of_one_story():
    from newsevents.link.articles import article_happening, link_articles

    xs = corpus()
    hs = [article_happening(x) for x in xs]
    pred = link_articles(hs)
    assert pred == link_articles(list(reversed(hs)))
    # The invasion reports of March 2022 share their actors within days; the 2025 slip is years away.
    assert pred["a1"] == pred["a2"] == pred["a3"] != pred["a5"]
    # Same actors, same day, one story; other actors, another.
    assert pred["c1"] == pred["c2"] and pred["b1"] != pred["c1"]
