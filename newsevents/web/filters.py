"""The events filter: query-string values -> a WHERE clause with ``?`` parameters.

Shared by the Events table, its CSV download, the Map and the JSON API, so the CSV is exactly the rows
the table shows. Every value the browser sends is a parameter; the sort column is looked up in a
whitelist. Bad values (a malformed date, a non-numeric CAMEO code) are dropped and reported, not raised:
a filter form should never answer with a 500.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The date an event happened: its resolved date, else the first day of its month or year, else the
# publication date of the article. Granular values ("2025-08", "2025") keep the event on the timeline.
EVENT_DATE = (
    "coalesce(try_cast(left(e.date_value, 10) AS DATE), "
    "try_cast(left(e.date_value, 7) || '-01' AS DATE), "
    "try_cast(left(e.date_value, 4) || '-01-01' AS DATE), e.published)"
)

FROM_EVENTS = "FROM events e LEFT JOIN articles a ON a.id = e.article_id"

# Sort key in the URL -> SQL expression. Only these strings ever reach the ORDER BY.
SORTS: dict[str, str] = {
    "date": EVENT_DATE,
    "published": "e.published",
    "cameo": "e.cameo_code",
    "plover": "e.plover_type",
    "quad": "e.cameo_quad_class",
    "goldstein": "e.cameo_goldstein",
    "source": "coalesce(e.source_code, e.source_name)",
    "target": "coalesce(e.target_code, e.target_name)",
    "place": "e.location_name",
    "outlet": "a.source",
}
PER_PAGE = 50
MAX_PER_PAGE = 500
MAX_TEXT = 200  # longest filter string we accept

FIELDS = ("actor", "country", "cameo", "plover", "quad", "since", "until", "place", "source", "article")


@dataclass(slots=True)
class EventFilter:
    actor: str = ""
    country: str = ""
    cameo: str = ""
    plover: str = ""
    quad: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    place: str = ""
    source: str = ""
    article: str = ""
    sort: str = "date"
    desc: bool = True
    page: int = 1
    per_page: int = PER_PAGE
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, q: Mapping[str, str]) -> EventFilter:
        f = cls()

        def text(name: str) -> str:
            return (q.get(name) or "").strip()[:MAX_TEXT]

        f.actor, f.place, f.source, f.article = text("actor"), text("place"), text("source"), text("article")
        country = text("country").upper()
        if country and not re.fullmatch(r"[A-Z]{3}", country):
            f.problems.append("country: use an ISO 3166 alpha-3 code such as RUS")
        else:
            f.country = country
        cameo = text("cameo")
        if cameo and not re.fullmatch(r"\d{2,4}", cameo):
            f.problems.append("CAMEO: use a root such as 05 or a code such as 051")
        else:
            f.cameo = cameo
        plover = text("plover").upper()
        if plover and not re.fullmatch(r"[A-Z_]{2,40}", plover):
            f.problems.append("PLOVER: use a type such as CONSULT")
        else:
            f.plover = plover
        quad = text("quad")
        if quad:
            if quad in {"1", "2", "3", "4"}:
                f.quad = int(quad)
            else:
                f.problems.append("quad class: 1 to 4")
        for name in ("since", "until"):
            value = text(name)
            if value:
                try:
                    setattr(f, name, dt.date.fromisoformat(value))
                except ValueError:
                    f.problems.append(f"{name}: use YYYY-MM-DD")
        sort = text("sort") or "date"
        f.desc = sort.startswith("-") or (sort == "date" and not q.get("sort"))
        f.sort = sort.lstrip("-") if sort.lstrip("-") in SORTS else "date"
        f.page = _int(q.get("page"), 1, 1, 1_000_000)
        f.per_page = _int(q.get("per_page"), PER_PAGE, 1, MAX_PER_PAGE)
        return f

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (with leading 'WHERE', or '') over ``FROM_EVENTS``, and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.actor:
            # A code prefix ('RUS' takes RUSGOV and RUSMIL, as CAMEO codes nest) or part of a name.
            clauses.append(
                "(starts_with(upper(e.source_code), upper(?)) OR starts_with(upper(e.target_code), upper(?)) "
                "OR contains(lower(e.source_name), lower(?)) OR contains(lower(e.target_name), lower(?)))"
            )
            params += [self.actor] * 4
        if self.country:
            clauses.append("(e.source_country = ? OR e.target_country = ? OR e.location_country = ?)")
            params += [self.country] * 3
        if self.cameo:
            clauses.append("starts_with(e.cameo_code, ?)")
            params.append(self.cameo)
        if self.plover:
            clauses.append("e.plover_type = ?")
            params.append(self.plover)
        if self.quad is not None:
            clauses.append("e.cameo_quad_class = ?")
            params.append(self.quad)
        if self.since:
            clauses.append(f"{EVENT_DATE} >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"{EVENT_DATE} <= ?")
            params.append(self.until)
        if self.place:
            clauses.append("contains(lower(e.location_name), lower(?))")
            params.append(self.place)
        if self.source:
            clauses.append("contains(lower(a.source), lower(?))")
            params.append(self.source)
        if self.article:
            clauses.append("e.article_id = ?")
            params.append(self.article)
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def order_by(self) -> str:
        direction = "DESC" if self.desc else "ASC"
        return f"ORDER BY {SORTS[self.sort]} {direction} NULLS LAST, e.article_id, e.id"

    def query(self, **overrides: Any) -> dict[str, str]:
        """The filter as query-string values (for links: next page, sort, CSV)."""
        out: dict[str, str] = {}
        for name in FIELDS:
            value = getattr(self, name)
            if value not in ("", None):
                out[name] = value.isoformat() if isinstance(value, dt.date) else str(value)
        out["sort"] = ("-" if self.desc else "") + self.sort
        if self.per_page != PER_PAGE:
            out["per_page"] = str(self.per_page)
        for k, v in overrides.items():
            if v is None:
                out.pop(k, None)
            else:
                out[k] = str(v)
        return out

    @property
    def active(self) -> bool:
        return any(getattr(self, name) not in ("", None) for name in FIELDS)


def _int(value: str | None, default: int, lo: int, hi: int) -> int:
    try:
        return max(lo, min(hi, int(value or default)))
    except ValueError:
        return default
