"""Article: the text with its evidence highlighted, and the list of articles."""

from __future__ import annotations

from typing import Any

from newsevents.web.db import ReadOnlyStore
from newsevents.web.highlight import ArticleView, build

PER_PAGE = 50

# Child tables of one article, in the store layout (``store.tables``); each ordered for display.
CHILD_QUERIES = {
    "actors": "SELECT * FROM actors WHERE article_id = ? ORDER BY id",
    "mentions": "SELECT * FROM mentions WHERE article_id = ? ORDER BY start_char",
    "events": "SELECT * FROM events WHERE article_id = ? ORDER BY trigger_start, id",
    "attributions": "SELECT * FROM attributions WHERE article_id = ? ORDER BY owner_kind, owner_id, seq",
    "quotes": "SELECT * FROM quotes WHERE article_id = ? ORDER BY start_char",
    "times": "SELECT * FROM times WHERE article_id = ? ORDER BY start_char",
    "places": "SELECT * FROM places WHERE article_id = ? ORDER BY start_char",
}


def view(store: ReadOnlyStore, article_id: str) -> ArticleView | None:
    article = store.one("SELECT * FROM articles WHERE id = ?", [article_id])
    if article is None:
        return None
    parts = {
        name: store.rows(sql, [article_id]) if store.has(name) else [] for name, sql in CHILD_QUERIES.items()
    }
    return build(article, **parts)


def listing(store: ReadOnlyStore, q: str, page: int) -> dict[str, Any]:
    """Articles whose title, id or source contains ``q`` (plain substring, not a pattern)."""
    where, params = "", []
    if q:
        where = (
            "WHERE contains(lower(coalesce(title, '')), lower(?)) OR contains(lower(id), lower(?)) "
            "OR contains(lower(coalesce(source, '')), lower(?))"
        )
        params = [q, q, q]
    total = int(store.scalar(f"SELECT count(*) FROM articles {where}", params) or 0)
    pages = max(1, -(-total // PER_PAGE))
    page = max(1, min(page, pages))
    rows = store.rows(
        f"SELECT id, title, source, published, n_actors, n_events, n_quotes FROM articles {where} "
        "ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
        [*params, PER_PAGE, (page - 1) * PER_PAGE],
    )
    return {"rows": rows, "total": total, "page": page, "pages": pages, "q": q}
