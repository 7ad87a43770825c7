"""Events-table filter latency of the web explorer over the ingested wire corpus (server time).

    .venv/bin/python bench/web.py [--db FILE] [--repeat N]

Ingests ../shared/corpus/wire_afp_xinhua.jsonl.gz (2,452 articles) into --db first when that file does
not exist yet (about 20 minutes on 2 busy cores) and links it (`newsevents clusters --rebuild`), then
requests the Events page with a set of filters through the ASGI app in-process and reads the server's
own ``Server-Timing`` header: the time from the request reaching the app to the response head, i.e. the
queries plus the template, without any network. Writes the section "web" of docs/benchmarks.md.
``--screenshots`` also saves docs/img/wire-*.png (the README's pictures of the wire corpus).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.report import markdown_table, write_section  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "wire_afp_xinhua.jsonl.gz"
DEFAULT_DB = Path(os.environ.get("TMPDIR", "/tmp")) / "newsevents-bench" / "wire.duckdb"
BUDGET_MS = 300.0

# (label, query string): what an analyst does with the filter form.
FILTERS = [
    ("no filter (first page)", {}),
    ("actor code prefix RUS", {"actor": "RUS"}),
    ("actor name contains 'xi'", {"actor": "xi"}),
    ("country CHN", {"country": "CHN"}),
    ("CAMEO root 19 (fight)", {"cameo": "19"}),
    ("PLOVER CONSULT", {"plover": "CONSULT"}),
    ("date range (one month)", {"since": "", "until": ""}),  # filled from the data
    ("place contains 'gaza'", {"place": "gaza"}),
    ("outlet contains 'afp'", {"source": "afp"}),
    ("actor + country + root + dates", {"actor": "USA", "country": "CHN", "cameo": "04", "since": ""}),
    ("sorted by Goldstein, page 20", {"sort": "-goldstein", "page": "20"}),
    ("sorted by outlet, quad 4", {"sort": "outlet", "quad": "4"}),
]


def ensure_db(db: Path) -> None:
    if db.is_file():
        return
    if not CORPUS.is_file():
        sys.exit(f"bench/web.py needs {CORPUS} (or an ingested --db)")
    db.parent.mkdir(parents=True, exist_ok=True)
    print(f"ingesting {CORPUS.name} into {db} (once)...", flush=True)
    cmd = [
        str(ROOT / ".venv" / "bin" / "newsevents"),
        "ingest",
        str(CORPUS),
        "--db",
        str(db),
        "--workers",
        "2",
    ]
    subprocess.run(cmd, check=True)
    # Link the reports into happenings, for the Clusters page (and its screenshot).
    link = [cmd[0], "clusters", "--rebuild", "--db", str(db), "--limit", "1"]
    subprocess.run(link, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=DEFAULT_DB)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    ap.add_argument(
        "--screenshots", action="store_true", help="also save docs/img/wire-*.png (needs /usr/bin/chromium)"
    )
    args = ap.parse_args()
    ensure_db(args.db)
    if args.screenshots:
        screenshots(args.db, ROOT / "docs" / "img")

    from fastapi.testclient import TestClient

    from newsevents.web import create_app

    app = create_app(args.db)
    store = app.state.store
    counts = {t: store.scalar(f"SELECT count(*) FROM {t}") for t in ("articles", "events", "failures")}
    months = store.rows(
        "SELECT date_trunc('month', published)::DATE AS m, count(*) AS n FROM events "
        "WHERE published IS NOT NULL GROUP BY 1 ORDER BY n DESC LIMIT 1"
    )
    if months:
        m = months[0]["m"]  # the busiest month
        since, until = m.isoformat(), (m.replace(day=28) + dt.timedelta(days=4)).replace(day=1).isoformat()
    else:
        since, until = "2000-01-01", "2100-01-01"
    results = []
    with TestClient(app, base_url="http://127.0.0.1") as client:
        client.get("/events")  # warm: open the database, compile templates
        for label, params in FILTERS:
            q = dict(params)
            if "since" in q:
                q["since"] = since
            if "until" in q:
                q["until"] = until
            times, total = [], None
            for _ in range(args.repeat):
                r = client.get("/events", params=q)
                r.raise_for_status()
                times.append(float(r.headers["server-timing"].split("dur=")[1]))
                if total is None:
                    total = client.get("/api/events", params={**q, "per_page": 1}).json()["total"]
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            results.append((label, q, total, statistics.median(times), p95, times[-1]))
            print(
                f"{label:34s} rows={total:>7,}  median {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms"
            )
    store.close()

    worst = max(r[4] for r in results)
    worst_single = max(r[5] for r in results)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rows = [
        [
            label,
            " ".join(f"{k}={v}" for k, v in q.items()) or "—",
            f"{total:,}",
            f"{med:.1f}",
            f"{p95:.1f}",
            f"{mx:.1f}",
        ]
        for label, q, total, med, p95, mx in results
    ]
    md = f"""## Web explorer: events-table filter latency

`bench/web.py` over the wire corpus ({counts["articles"]:,} articles, {counts["events"]:,} events in the
store; {counts["failures"]:,} inputs failed at ingest and are in `failures`), {args.repeat} requests per filter after one warm-up, measured {time.strftime("%Y-%m-%d")}. Server time is
the app's own `Server-Timing` (request in to response head: the count, the page of rows, the filter
lists and the template), in-process, no network. Machine: {os.cpu_count()} cores, {platform.python_version()},
load average {load:.1f} at the end (the machine is shared, so these are upper bounds).

{markdown_table(["filter", "query", "matching events", "median ms", "p95 ms", "max ms"], rows)}

Worst p95: **{worst:.1f} ms** against a budget of {BUDGET_MS:.0f} ms: {"met" if worst < BUDGET_MS else "NOT met"}.
Slowest single request: {worst_single:.1f} ms{" (over the budget; see the load average above)" if worst_single >= BUDGET_MS else ""}.
"""
    print(md)
    if not args.no_write:
        write_section("web", md, path=ROOT / "docs" / "benchmarks.md")
        print("wrote the section 'web' of docs/benchmarks.md")


# Pages of the wire corpus for the README: what the explorer looks like over a real corpus.
PAGES = [
    ("overview", "/"),
    ("events", "/events?cameo=19"),
    ("map", "/map"),
    ("actor", "/actor?key=USAGOV"),
    ("clusters", "/clusters"),
]


def screenshots(db: Path, out: Path) -> None:
    import socket
    import threading

    import uvicorn
    from playwright.sync_api import sync_playwright

    from newsevents.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(db)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
            page = browser.new_page(viewport={"width": 1360, "height": 900})
            for name, url in PAGES:
                page.goto(f"http://127.0.0.1:{port}{url}")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)  # charts and the network lay themselves out
                page.screenshot(path=str(out / f"wire-{name}.png"))
                print(f"saved docs/img/wire-{name}.png")
            browser.close()
    finally:
        srv.should_exit = True
        app.state.store.close()


if __name__ == "__main__":
    main()
