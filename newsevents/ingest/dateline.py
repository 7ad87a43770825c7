"""Datelines: 'KUALA LUMPUR, April 1 (AFP) -' at the head of wire copy, kept as metadata."""

from __future__ import annotations

import re

from newsevents.model import Dateline

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    r"""^\s*
    (?P<place>[A-Z][A-Z.'\-]+(?:[ \-][A-Z][A-Z.'\-]+)*(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?)  # CITY[, Country]
    ,?\s*
    (?P<date>"""
    + _MONTH
    + r"""\s+\d{1,2}(?:,\s*\d{4})?)?\s*
    (?:\((?P<agency>[A-Za-z][A-Za-z\-./ ]{0,30})\))?\s*
    (?:--?|–|—|:)\s+""",
    re.VERBOSE,
)


def find_dateline(text: str) -> Dateline | None:
    head = text[:200]
    m = DATELINE.match(head)
    if not m or not (m.group("date") or m.group("agency")):
        # An all-caps word followed by a dash, with neither date nor agency, is too often a heading.
        return None
    place = m.group("place").strip().rstrip(",")
    return Dateline(
        start=m.start("place"),
        end=m.end(),
        text=text[m.start("place") : m.end()].rstrip(),
        place=place.title() if place.isupper() else place,
        date_text=m.group("date"),
        agency=m.group("agency"),
    )
