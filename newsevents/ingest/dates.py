"""Publication dates from the many forms inputs give them in."""

from __future__ import annotations

import datetime as dt
import re

_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y%m%d")


def parse_date(value: object) -> dt.date | None:
    """A date from a date, datetime, ISO string (with or without time) or a few common formats; else None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = re.match(r"(\d{4}-\d{2}-\d{2})[T ]", text)
    if m:
        text = m.group(1)
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
