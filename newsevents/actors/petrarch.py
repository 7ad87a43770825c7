"""Convert PETRARCH/TABARI actor and agent dictionaries into our YAML dictionary format.

Actor files: an entry line ``VLADIMIR_PUTIN_ [RUSGOV]`` or ``VLADIMIR_PUTIN_  # comment``, synonym lines
``+PUTIN_``, and dated code lines ``[RUSGOV 991231-080507]`` / ``[RUSGOV >080508]`` / ``[RUSGOV <080508]``.
An undated code is the entry's code outside its dated roles. Agent files: ``FARMER [~AGR]``, with
``!PERSON! = MAN, WOMAN`` substitution sets. Dates keep their bounds (end exclusive in our format, so the
day after PETRARCH's inclusive end).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CODE = re.compile(r"\[([^\]]*)\]")
SUBST = re.compile(r"^!(\w+)!\s*=\s*(.+)$")
SMALL_WORDS = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "de",
        "del",
        "da",
        "dos",
        "du",
        "al",
        "el",
        "la",
        "le",
        "bin",
        "ibn",
        "van",
        "von",
    ]
)


@dataclass
class PetrarchEntry:
    name: str
    names: list[str] = field(default_factory=list)
    code: str | None = None
    roles: list[dict[str, Any]] = field(default_factory=list)


def display_names(raw: str) -> list[str]:
    """PETRARCH writes names in capitals: a short single word may be an acronym (NATO) or a name (Kabul)."""
    name = display_name(raw)
    words = re.sub(r"[`\"]", "", raw).replace("_", " ").split()
    if len(words) == 1 and len(words[0]) <= 6 and words[0].isalpha() and words[0] != name:
        return [name, words[0]]
    return [name] if name else []


def display_name(raw: str) -> str:
    """VLADIMIR_V._PUTIN_ -> Vladimir V. Putin."""
    text = re.sub(r"[`\"]", "", raw).replace("_", " ")
    words = text.split()
    out = []
    for k, w in enumerate(words):
        lw = w.lower()
        if k > 0 and lw in SMALL_WORDS:
            out.append(lw)
        elif "." in w and len(w) <= 4 and w.count(".") >= 2:
            out.append(w)  # U.N., U.S.
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def parse_day(text: str, *, end: bool = False) -> dt.date | None:
    """PETRARCH dates are YYMMDD or YYYYMMDD; the files date from 2014, so two-digit years up to 14 are 20xx."""
    try:
        if len(text) == 8:
            day = dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        elif len(text) == 6:
            yy = int(text[:2])
            day = dt.date(2000 + yy if yy <= 14 else 1900 + yy, int(text[2:4]), int(text[4:]))
        else:
            return None
    except ValueError:
        return None
    return day + dt.timedelta(days=1) if end else day


def parse_code(body: str) -> tuple[str, dt.date | None, dt.date | None, bool] | None:
    """'RUSGOV 991231-080507' -> (RUSGOV, start, end, dated)."""
    parts = body.split()
    if not parts or not re.fullmatch(r"[A-Z~]{3,}", parts[0]):
        return None
    code = parts[0].lstrip("~")
    if len(parts) == 1:
        return code, None, None, False
    span = parts[1]
    if span.startswith(">"):
        start = parse_day(span[1:])
        return (code, start, None, True) if start else None
    if span.startswith("<"):
        end = parse_day(span[1:], end=True)
        return (code, None, end, True) if end else None
    if "-" in span:
        a, b = span.split("-", 1)
        start, end = parse_day(a), parse_day(b, end=True)
        return (code, start, end, True) if start and end else None
    return None


def read_actors(lines: Iterable[str]) -> list[PetrarchEntry]:
    entries: list[PetrarchEntry] = []
    current: PetrarchEntry | None = None
    for raw in lines:
        line = raw.rstrip("\n")
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        body = stripped.split("#", 1)[0].strip()
        if not body:
            continue
        if body.startswith("+"):
            if current is not None:
                names, codes = _name_and_codes(body[1:])
                current.names.extend(names)
                _add_codes(current, codes)
            continue
        if body.startswith("["):
            if current is not None:
                _add_codes(current, CODE.findall(body))
            continue
        names, codes = _name_and_codes(body)
        if not names:
            continue
        current = PetrarchEntry(names[0], names[1:])
        entries.append(current)
        _add_codes(current, codes)
    return [e for e in entries if e.code or e.roles]


def _name_and_codes(body: str) -> tuple[list[str], list[str]]:
    codes = CODE.findall(body)
    return display_names(CODE.sub(" ", body).strip()), codes


def _add_codes(entry: PetrarchEntry, codes: list[str]) -> None:
    for body in codes:
        parsed = parse_code(body)
        if parsed is None:
            continue
        code, start, end, dated = parsed
        if dated:
            entry.roles.append({"code": code, "start": start, "end": end})
        elif entry.code is None:
            entry.code = code


def read_agents(lines: Iterable[str]) -> dict[str, list[str]]:
    """Agent nouns by sector: {'AGR': ['farmer', ...]}; substitution sets expanded."""
    subst: dict[str, list[str]] = {}
    sectors: dict[str, list[str]] = {}
    for raw in lines:
        body = raw.split("#", 1)[0].strip()
        if not body:
            continue
        m = SUBST.match(body)
        if m:
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = CODE.findall(body)
        if not codes:
            continue
        phrase = CODE.sub(" ", body).strip()
        sector = codes[0].lstrip("~")[:3]
        if not re.fullmatch(r"[A-Z]{3}", sector):
            continue
        for variant in _expand(phrase, subst):
            words = variant.replace("_", " ").split()
            if words:
                sectors.setdefault(sector, []).append(" ".join(words).lower())
    return sectors


def _expand(phrase: str, subst: dict[str, list[str]]) -> list[str]:
    m = re.search(r"!(\w+)!", phrase)
    if m is None:
        return [phrase]
    out = []
    for word in subst.get(m.group(1), []):
        out.extend(_expand(phrase[: m.start()] + word + phrase[m.end() :], subst))
    return out


def convert(paths: Iterable[str | Path]) -> dict[str, Any]:
    """Our dictionary document (keys actors, agents) from PETRARCH files; agent files are told by name."""
    actors: list[dict[str, Any]] = []
    sectors: dict[str, list[str]] = {}
    for path in paths:
        p = Path(path)
        lines = p.read_text(encoding="utf-8", errors="replace").splitlines()
        if "agent" in p.name.lower():
            for sector, words in read_agents(lines).items():
                sectors.setdefault(sector, []).extend(words)
            continue
        for e in read_actors(lines):
            row: dict[str, Any] = {"name": e.name}
            names = sorted({n for n in e.names if n and n != e.name})
            if names:
                row["names"] = names
            if e.code:
                row["code"] = e.code
            if e.roles:
                row["kind"] = "person"
                row["roles"] = [{k: v for k, v in r.items() if v is not None} for r in e.roles]
            actors.append(row)
    doc: dict[str, Any] = {}
    if actors:
        doc["actors"] = actors
    if sectors:
        doc["agents"] = {"sectors": {k: sorted(set(v)) for k, v in sectors.items()}}
    return doc
