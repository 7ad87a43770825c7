"""The explorer in a real browser: Debian's chromium, headless, driven by Playwright for Python.

Opens every page over a small store written in the test, applies a filter, opens an article and checks
its highlights, runs "Try it", checks that an article full of <script> and <img onerror> stays text, and
saves a screenshot of each page (into docs/img/ with `make screenshots`, linked from the README). Skipped, with the reason, where
/usr/bin/chromium is absent (`make test` installs it when it can).
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Screenshots land in docs/img/ only when asked (`make screenshots`), so a test run never rewrites
# tracked files; otherwise they go to a temporary folder and are still taken (and so still checked).
IMG = Path(os.environ.get("NEWSEVENTS_SCREENSHOTS") or Path(tempfile.gettempdir()) / "newsevents-screenshots")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="browser tests skipped: /usr/bin/chromium is absent (apt-get install chromium; make test does it as root)",
    ),
]


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The explorer over ``db`` on a free port of 127.0.0.1, in a thread."""
    import uvicorn

    from newsevents.web import create_app

    with socket.socket() as s:  # a free port on the loopback interface only
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(db)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)
        app.state.store.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    import web_sample

    with serving(web_sample.build(tmp_path_factory.mktemp("web") / "sample.duckdb")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A page that fails the test on any script error, dialog (alert) or request off this machine."""
    context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=server)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    pg.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)

    def on_dialog(dialog):
        errors.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on(
        "request",
        lambda req: None if req.url.startswith(server) else errors.append(f"off-site request: {req.url}"),
    )
    pg.errors = errors
    yield pg
    context.close()
    assert errors == []


def shot(page, name: str) -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(IMG / f"web-{name}.png"), full_page=False)


def test_overview(page):
    page.goto("/")
    assert page.locator(".count b").first.inner_text() == "5"  # articles
    page.wait_for_function("document.getElementById('weekly-chart').width > 0")
    assert page.locator("table.compact a.actor", has_text="Vladimir Putin").count() == 1
    shot(page, "overview")


def test_events_filter_and_csv(page):
    page.goto("/events")
    assert page.locator("table.events tbody tr").count() == 6
    page.fill("input[name=actor]", "RUSMIL")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?**actor=RUSMIL**")
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 1
    assert "Employ aerial weapons" in rows.first.inner_text()
    assert page.locator("#event-total").inner_text() == "1"
    href = page.locator("a", has_text="download CSV").get_attribute("href")
    assert "actor=RUSMIL" in href
    page.goto("/events?quad=1&sort=goldstein")
    assert page.locator("table.events tbody tr").count() == 4
    shot(page, "events")


def test_article_highlights(page):
    page.goto("/article?id=meeting-1")
    text = page.locator("#article-text")
    assert text.locator(".hl-trigger", has_text="met").count() == 1
    assert text.locator(".hl-actor", has_text="Vladimir Putin").count() == 1
    assert text.locator(".hl-actor", has_text="Xi Jinping").count() == 1
    assert text.locator(".hl-date", has_text="Thursday").count() == 1
    assert text.locator(".hl-place", has_text="Moscow").count() >= 1
    assert text.locator(".hl-quote").count() >= 1
    assert "Related: Markets rally" in text.locator(".boilerplate").first.inner_text()
    # Hovering the trigger shows its coded fields.
    text.locator(".hl-trigger", has_text="met").hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "CAMEO 040 Consult" in tip.inner_text()
    assert "Vladimir Putin (RUSGOV) → Xi Jinping (CHNGOV)" in tip.inner_text()
    card = page.locator("#ev-E1")
    assert "Kremlin" in card.locator(".chain").inner_text()
    assert "AFP" in card.locator(".chain").inner_text()
    assert card.locator("mark.trigger").inner_text() == "met"
    assert "2025-08-14" in card.inner_text()
    shot(page, "article")


def test_actor_page(page):
    page.goto("/actor?key=RUSGOV")
    page.wait_for_selector("#network[data-ready]")
    assert int(page.get_attribute("#network", "data-ready")) == 2  # Putin and Xi
    page.wait_for_function("document.getElementById('actor-chart').width > 0")
    shot(page, "actor")


def test_map(page):
    page.goto("/map")
    page.wait_for_selector("#map[data-ready]")
    assert page.locator("#map path.country").count() > 100
    assert page.locator("#map circle.event-dot").count() == 3  # Moscow, St Petersburg, Kharkiv
    shot(page, "map")


def test_clusters(page):
    page.goto("/clusters")
    if page.locator("#clusters-empty").count():
        pytest.skip("the link stage made no clusters")
    first = page.locator("table.compact tbody tr a").first
    first.click()
    page.wait_for_url("**/cluster?id=*")
    assert page.locator("table.events tbody tr").count() == 3  # the three reports of the meeting
    shot(page, "cluster")
    page.goto("/clusters")
    shot(page, "clusters")


def test_try_it(page):
    page.goto("/try")
    page.fill(
        "textarea[name=text]",
        "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Thursday.",
    )
    page.fill("input[name=published]", "2025-08-15")
    page.click("form.try button[type=submit]")
    page.wait_for_selector("#article-text", timeout=120_000)
    assert "Vladimir Putin" in page.locator("#article-text").inner_text()
    assert page.locator("#article-text [data-tip]").count() >= 1  # something was highlighted
    shot(page, "try")


def test_xss_article_stays_text(page):
    page.goto("/article?id=" + "xss-%3C1%3E")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("typeof window.__xss_title") == "undefined"
    assert "<script>window.__xss_title=1</script>" in page.locator("#article-title").inner_text()
    body = page.locator("#article-text").inner_text()
    assert "<script>window.__xss=1</script>" in body
    assert '<img src=x onerror="window.__xss=2">' in body
    assert page.locator("main img").count() == 0
    assert page.locator("main script").count() == 0
    # '<b>attack</b>' in the text and '<b>government</b>' in an actor's name stay text.
    assert page.locator("main b", has_text="attack").count() == 0
    assert page.locator("main b", has_text="government").count() == 0
    assert "Ukraine's <b>government</b>" in page.locator(".actor-list").inner_text()
    # The article's javascript: URL is shown, not linked.
    assert page.locator("a[href^='javascript']").count() == 0
    page.locator("#article-text .hl-place").hover()
    assert "<script>x</script>" in page.locator("#tip").inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    page.goto("/events?actor=UKRGOV")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("main img").count() == 0


def test_seed_article_in_the_browser(browser, seed, tmp_path):
    """After an ingest of the reference article: every event's trigger highlighted, its chain listed."""
    from newsevents.store import Store

    db = tmp_path / "seed.duckdb"
    with Store.open(db) as store:
        store.write_extractions([seed])
    with serving(db) as url:
        pg = browser.new_page(viewport={"width": 1360, "height": 900})
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.goto(f"{url}/article?id={seed.article.id}")
        text = pg.locator("#article-text")
        for e in seed.events:
            trigger = text.locator(f".hl-trigger[data-refs~='{e.id}']")
            assert trigger.count() >= 1, e.id
            assert e.trigger.text in "".join(trigger.all_inner_texts()), e.id
            chain = pg.locator(f"#ev-{e.id} .chain").inner_text()
            assert all(link.name in chain for link in e.attribution), e.id
        assert text.locator(".boilerplate").count() >= 1
        first = text.locator(".hl-trigger").first
        first.hover()
        assert "CAMEO" in pg.locator("#tip").inner_text()
        shot(pg, "seed-article")
        pg.close()
        assert errors == []
