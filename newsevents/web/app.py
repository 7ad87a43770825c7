"""The FastAPI app: every route in one place; the pages' logic is in ``newsevents.web.views``.

Security, in one list: the store is opened read-only; the browser sends filter values, never SQL or
file paths (article and actor keys are database values, looked up with ``?`` parameters); templates
autoescape every string; pasted text is size-limited; responses carry a Content-Security-Policy that
allows only our own scripts; the Host header must name this machine (no DNS rebinding).
"""

from __future__ import annotations

import time
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.templating import Jinja2Templates

from newsevents.version import __version__
from newsevents.web.db import ReadOnlyStore, StoreUnavailable
from newsevents.web.filters import EventFilter
from newsevents.web.highlight import QUAD_NAMES
from newsevents.web.views import actor, article, clusters, events, overview, tryit
from newsevents.web.views import map as map_view

HERE = Path(str(resources.files("newsevents") / "web"))
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
MAX_FORM_BYTES = 4 * tryit.MAX_CHARS + 4096  # url-encoding can quadruple non-ASCII text
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
NAV = [
    ("overview", "/", "Overview"),
    ("events", "/events", "Events"),
    ("articles", "/articles", "Articles"),
    ("map", "/map", "Map"),
    ("clusters", "/clusters", "Clusters"),
    ("try", "/try", "Try it"),
]


def create_app(db_path: str | Path | None, *, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The explorer over one DuckDB file (opened read-only); ``db_path=None`` serves only "Try it"."""
    store = ReadOnlyStore(db_path)
    app = FastAPI(title="newsevents explorer", version=__version__, docs_url=None, redoc_url=None)
    app.state.store = store
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, undefined=jinja2.StrictUndefined
    )
    env.globals.update(nav=NAV, quad_names=QUAD_NAMES, version=__version__, merge=_merge)
    env.filters["web_url"] = web_url
    templates = Jinja2Templates(env=env)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOCAL_HOSTS)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        t0 = time.perf_counter()
        response = await call_next(request)
        # Server time of the handler (to the first byte), read by bench/web.py.
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - t0) * 1000:.2f}"
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def page(request: Request, name: str, active: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.setdefault("db_error", store.error if not store.available else None)
        ctx.setdefault("db_name", store.path.name if store.path else None)
        return templates.TemplateResponse(request, name, {"active": active, **ctx}, status_code=status)

    def unavailable(request: Request, active: str) -> HTMLResponse:
        return page(request, "unavailable.html", active, status=503)

    def not_found(request: Request, active: str, what: str) -> HTMLResponse:
        return page(request, "not_found.html", active, status=404, what=what)

    @app.exception_handler(StoreUnavailable)
    async def _unavailable(request: Request, exc: StoreUnavailable) -> HTMLResponse:
        return unavailable(request, "")

    # ---- pages ----------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse)
    def overview_page(request: Request) -> HTMLResponse:
        if not store.available:
            return unavailable(request, "overview")
        return page(request, "overview.html", "overview", **overview.context(store))

    @app.get("/events", response_class=HTMLResponse)
    def events_page(request: Request) -> HTMLResponse:
        if not store.available or not store.has("events"):
            return unavailable(request, "events")
        f = EventFilter.from_query(request.query_params)
        return page(request, "events.html", "events", **events.page(store, f), **events.choices(store))

    @app.get("/events.csv")
    def events_csv(request: Request) -> Response:
        if not store.available or not store.has("events"):
            return unavailable(request, "events")
        f = EventFilter.from_query(request.query_params)
        return StreamingResponse(
            events.csv_chunks(store, f),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="newsevents-events.csv"'},
        )

    @app.get("/articles", response_class=HTMLResponse)
    def articles_page(request: Request, q: str = "", page_no: int = Query(1, alias="page")) -> HTMLResponse:
        if not store.available:
            return unavailable(request, "articles")
        data = article.listing(store, q.strip()[:200], page_no)
        return page(request, "articles.html", "articles", **data)

    @app.get("/article", response_class=HTMLResponse)
    def article_page(request: Request, id: str = "") -> HTMLResponse:
        if not store.available:
            return unavailable(request, "articles")
        view = article.view(store, id[:500])
        if view is None:
            return not_found(request, "articles", "article")
        return page(request, "article.html", "articles", view=view, stored=True)

    @app.get("/actor", response_class=HTMLResponse)
    def actor_page(request: Request, key: str = "") -> HTMLResponse:
        if not store.available:
            return unavailable(request, "overview")
        ctx = actor.context(store, key[:200]) if store.has("events") else None
        if ctx is None:
            return not_found(request, "overview", "actor")
        return page(request, "actor.html", "overview", **ctx)

    @app.get("/map", response_class=HTMLResponse)
    def map_page(request: Request) -> HTMLResponse:
        if not store.available or not store.has("events"):
            return unavailable(request, "map")
        f = EventFilter.from_query(request.query_params)
        return page(request, "map.html", "map", filter=f, **events.choices(store))

    @app.get("/clusters", response_class=HTMLResponse)
    def clusters_page(
        request: Request, page_no: int = Query(1, alias="page"), min_articles: int = 2, q: str = ""
    ) -> HTMLResponse:
        if not store.available:
            return unavailable(request, "clusters")
        min_articles = max(1, min(min_articles, 1000))
        q = q.strip()[:200]
        data = clusters.listing(store, page_no, min_articles, q)
        return page(request, "clusters.html", "clusters", min_articles=min_articles, q=q, **data)

    @app.get("/cluster", response_class=HTMLResponse)
    def cluster_page(request: Request, id: str = "") -> HTMLResponse:
        if not store.available:
            return unavailable(request, "clusters")
        data = clusters.detail(store, id[:200])
        if data is None:
            return not_found(request, "clusters", "cluster")
        return page(request, "cluster.html", "clusters", **data)

    @app.get("/try", response_class=HTMLResponse)
    def try_form(request: Request) -> HTMLResponse:
        return page(request, "try.html", "try", form={}, max_chars=tryit.MAX_CHARS, db_error=None)

    @app.post("/try", response_class=HTMLResponse)
    async def try_submit(request: Request) -> HTMLResponse:
        length = request.headers.get("content-length")
        if length is None or not length.isdigit() or int(length) > MAX_FORM_BYTES:
            result: dict[str, Any] = {"error": f"Too large: the limit is {tryit.MAX_CHARS:,} characters."}
            form: dict[str, str] = {}
            status = 413
        else:
            raw = await request.form(max_files=0, max_fields=10, max_part_size=MAX_FORM_BYTES)
            form = {k: str(raw.get(k) or "") for k in ("text", "published", "source")}
            # Extraction is CPU-bound: run it in the thread pool, not on the event loop.
            from starlette.concurrency import run_in_threadpool

            result = await run_in_threadpool(tryit.run, form["text"], form["published"], form["source"])
            status = 200 if "view" in result else 422
        return page(
            request, "try.html", "try", status=status, form=form, max_chars=tryit.MAX_CHARS, db_error=None,
            **result,
        )  # fmt: skip

    # ---- JSON API (what the pages' scripts fetch; also handy for scripts) ---------------------------
    @app.get("/api/overview")
    def api_overview() -> JSONResponse:
        ctx = overview.context(store)
        return JSONResponse(_jsonable(ctx))

    @app.get("/api/events")
    def api_events(request: Request) -> JSONResponse:
        return JSONResponse(events.api(store, EventFilter.from_query(request.query_params)))

    @app.get("/api/map")
    def api_map(request: Request) -> JSONResponse:
        return JSONResponse(map_view.points(store, EventFilter.from_query(request.query_params)))

    @app.get("/api/actor")
    def api_actor(key: str = "") -> JSONResponse:
        ctx = actor.context(store, key[:200])
        if ctx is None:
            return JSONResponse({"error": "no such actor"}, status_code=404)
        return JSONResponse(_jsonable(ctx))

    return app


def web_url(url: Any) -> str:
    """Only http(s) links are made clickable: an article's URL could be ``javascript:...``."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


def _merge(base: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return {**base, **kw}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items() if k != "filter"}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
