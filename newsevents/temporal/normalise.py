"""Normalise one temporal expression to an ISO 8601 value against the publication date.

``normalise("on Thursday", published=date(2025, 8, 15), direction="past")`` -> 2025-08-14, day.
The direction ("past", "future", or None when the tense says nothing) decides which way a bare weekday,
month or day-of-month goes from the publication date; a weekday equal to the publication weekday is the
publication day. Without a publication date, relative expressions keep ``value=None`` (unresolved) while
absolute ones ("June 2024") still resolve.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from newsevents.model import Granularity
from newsevents.temporal.lexicon import Lexicon, lexicon

Direction = str | None  # "past" | "future" | "present" | None
# The direction asked for only when a reading depends on it: working out a tense walks the parse tree,
# and most expressions ("2024", "June 2024", "24 years") never need it.
Way = Callable[[], Direction]


@dataclass(frozen=True, slots=True)
class Value:
    value: str | None
    granularity: Granularity | None
    anchor: str  # how the value was reached, e.g. "past weekday", "absolute"
    relative: bool = False  # needed the publication date (or a previous expression)
    reference: bool = True  # later expressions may be resolved against it ("a year earlier")

    @property
    def calendar(self) -> bool:
        """A calendar value an event can be dated by (not a duration or a vague reference)."""
        return self.value is not None and self.granularity not in (None, "duration")


_LEADING = re.compile(
    r"^(?:(?:on|in|at|by|since|until|till|from|during|for|of|as\s+of|around|about|before|after|"
    r"through|throughout|within|over|between|starting|beginning|ending|effective|circa|c\.)\s+)+",
    re.I,
)
_FILLER = re.compile(r"^(?:the\s+|this\s+past\s+(?=\w+day))", re.I)
# The rewrites every expression goes through, compiled once (re's own cache costs a lookup per call).
_QUOTES = re.compile(r"[\u2019`]")
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"'s$")
_HEDGE = re.compile(
    r"\s+(?:or\s+(?:later|earlier|so|thereabouts|before)|and\s+(?:beyond|later|after))$", re.I
)
_PART_OF = re.compile(r"^(?:a\s+good\s+part|much|most|part|all|some|the\s+rest)\s+of\s+", re.I)
_THE_BEFORE_POSITION = re.compile(r"^the\s+(?=(?:early|late|mid)\b)", re.I)
_OF = re.compile(r"^of\s+", re.I)
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d\d))?\s*([ap])\.?m\.?(?:\s+[A-Z]{2,4})?\s+(?:on\s+)?(?=\S)", re.I)
_YEARS_QUARTER = re.compile(r"^(this|last|next)\s+year'?s\s+(.*quarter)$", re.I)
_FISCAL_QUARTER = re.compile(r"^(the\s+|its\s+|a\s+flat\s+)?fiscal[\s-]+(?=\w+[ -]quarter)", re.I)
_ITS_QUARTER = re.compile(r"^(?:its|a\s+flat|a\s+strong|a\s+weak)\s+(?=\w+[ -]quarter)", re.I)
_SPELLED_YEAR_WORD = re.compile(r"(?i)\b(?:nineteen|two\s+thousand|twenty)\b")


def _clean(text: str) -> str:
    text = _QUOTES.sub("'", text)
    text = _SPACES.sub(" ", text.strip().strip(",.;:()\"'")).strip()
    return _POSSESSIVE.sub("", text)


def _num(word: str, lex: Lexicon) -> float | None:
    word = word.lower().replace(",", "").strip()
    try:
        return float(word)
    except ValueError:
        pass
    if word in lex.numbers:
        return lex.numbers[word]
    parts = re.split(r"[ -]+", word)
    if len(parts) == 2 and all(p in lex.numbers for p in parts):  # "twenty four", not "a seventy"
        tens, units = lex.numbers[parts[0]], lex.numbers[parts[1]]
        if tens >= 20 and tens % 10 == 0 and 1 <= units <= 9:
            return tens + units
    return None


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def _weekday(target: int, pub: dt.date, direction: Direction, modifier: int | None) -> tuple[dt.date, str]:
    """The day with weekday `target` relative to `pub`, by tense and by an explicit last/next/this."""
    delta = target - pub.weekday()
    if modifier == -1:  # "last Friday": the one before, a week back when today is Friday
        back = (pub.weekday() - target) % 7 or 7
        return pub - dt.timedelta(days=back), "last weekday"
    if modifier == 1:  # "next Friday": the one after
        ahead = (target - pub.weekday()) % 7 or 7
        return pub + dt.timedelta(days=ahead), "next weekday"
    if delta == 0:
        return pub, "publication weekday"
    if modifier == 0:  # "this Friday": this week's
        return pub + dt.timedelta(days=delta), "this week's weekday"
    ahead = (target - pub.weekday()) % 7
    if direction in ("present", None):  # "meets on Friday": either way; the nearer one
        if ahead <= 7 - ahead:
            return pub + dt.timedelta(days=ahead), "nearest weekday"
        return pub - dt.timedelta(days=7 - ahead), "nearest weekday"
    if direction == "future":
        return pub + dt.timedelta(days=ahead), "future weekday"
    return pub - dt.timedelta(days=(pub.weekday() - target) % 7), "past weekday"


def _month_year(month: int, pub: dt.date, direction: Direction, modifier: int | None) -> tuple[int, str]:
    if modifier == -1:
        return (pub.year if month < pub.month else pub.year - 1), "last month-name"
    if modifier == 1:
        return (pub.year if month > pub.month else pub.year + 1), "next month-name"
    if modifier == 0:
        return pub.year, "this month-name"
    # The tense decides within ten months; "November" in an October story is not last November.
    if direction == "past" and (pub.month - month) % 12 <= 10:
        return (pub.year if month <= pub.month else pub.year - 1), "past month-name"
    if direction == "future" and (month - pub.month) % 12 <= 10:
        return (pub.year if month >= pub.month else pub.year + 1), "future month-name"
    # No tense: the nearest such month.
    if month - pub.month > 6:
        return pub.year - 1, "nearest month-name"
    if pub.month - month > 6:
        return pub.year + 1, "nearest month-name"
    return pub.year, "nearest month-name"


def _day_month(month: int, day: int, pub: dt.date, direction: Direction) -> tuple[dt.date | None, str]:
    same = _safe_date(pub.year, month, day)
    prev = _safe_date(pub.year - 1, month, day)
    nxt = _safe_date(pub.year + 1, month, day)
    if same is None:
        return None, "invalid date"
    best = min((d for d in (prev, same, nxt) if d), key=lambda d: abs((d - pub).days))
    # The tense decides only within half a year: "on Jan. 14" in a Jan. 15 story is not next year's.
    if direction == "past":
        past = same if same <= pub else prev
        if past is not None and (pub - past).days <= HALF_YEAR:
            return past, "past day-month"
    if direction == "future":
        future = same if same >= pub else nxt
        if future is not None and (future - pub).days <= HALF_YEAR:
            return future, "future day-month"
    return best, "nearest day-month"


def _shift(pub: dt.date, unit: str, amount: int) -> tuple[str, Granularity]:
    """pub moved by `amount` units, written at that unit's granularity."""
    if unit == "day":
        return (pub + dt.timedelta(days=amount)).isoformat(), "day"
    if unit == "week":
        return _iso_week(pub + dt.timedelta(weeks=amount)), "week"
    if unit == "month":
        y, m = _add_months(pub.year, pub.month, amount)
        return f"{y}-{m:02d}", "month"
    if unit == "quarter":
        y, m = _add_months(pub.year, pub.month, 3 * amount)
        return f"{y}-Q{(m - 1) // 3 + 1}", "quarter"
    if unit == "year":
        return str(pub.year + amount), "year"
    if unit == "decade":
        return str(pub.year // 10 + amount), "decade"
    if unit == "century":
        return str(pub.year // 100 + amount), "century"
    raise ValueError(unit)


def _shift_value(value: str, granularity: str, unit: str, amount: int) -> tuple[str, Granularity] | None:
    """Move an already resolved value (the previous expression) by `amount` units: "a decade later"."""
    if q := re.fullmatch(r"(\d{4})-Q(\d)", value):
        if unit == "year":
            return f"{int(q.group(1)) + amount}-Q{q.group(2)}", "quarter"
        if unit == "quarter":
            y, n = _add_quarter(int(q.group(1)), int(q.group(2)), amount)
            return f"{y}-Q{n}", "quarter"
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    base = dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    if unit in ("day", "week") and granularity != "day":
        return None
    if unit == "month" and granularity not in ("day", "month"):
        return None
    return _shift(base, unit, amount)


@dataclass(frozen=True)
class _Patterns:
    iso: re.Pattern[str]
    compact: re.Pattern[str]
    slashed: re.Pattern[str]
    month_day_year: re.Pattern[str]
    day_month_year: re.Pattern[str]
    month_year: re.Pattern[str]
    mod_month: re.Pattern[str]
    weekday: re.Pattern[str]
    year: re.Pattern[str]
    decade: re.Pattern[str]
    century: re.Pattern[str]
    mod_unit: re.Pattern[str]
    ago: re.Pattern[str]
    duration: re.Pattern[str]
    quarter: re.Pattern[str]
    season: re.Pattern[str]
    year_range: re.Pattern[str]
    position: re.Pattern[str]
    deictic: re.Pattern[str]
    holiday: re.Pattern[str]  # over the lower-cased expression
    month_of_year: re.Pattern[str]
    this_past_season: re.Pattern[str]


@cache
def patterns() -> _Patterns:
    lex = lexicon()
    month, wd, num, unit = lex.month_re, lex.weekday_re, lex.number_re, lex.unit_re
    mod, pos, ordinal, season, part = (
        lex.modifier_re,
        lex.position_re,
        lex.ordinal_re,
        lex.season_re,
        lex.part_re,
    )
    flags = re.I
    return _Patterns(
        iso=re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?:T[\d:.]+Z?)?"),
        compact=re.compile(r"(\d{4})(\d{2})(\d{2})"),
        slashed=re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})"),
        month_day_year=re.compile(
            rf"(?:(?P<wd>{wd}),?\s+)?(?P<month>{month})\s+(?:the\s+)?(?P<day>\d{{1,2}}|{ordinal})(?:st|nd|rd|th)?"
            rf"(?:,?\s+(?P<year>\d{{4}}))?",
            flags,
        ),
        day_month_year=re.compile(
            rf"(?:(?P<wd>{wd}),?\s+)?(?:the\s+)?(?P<day>\d{{1,2}}|{ordinal})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            rf"(?P<month>{month})(?:,?\s+(?P<year>\d{{4}}))?",
            flags,
        ),
        month_year=re.compile(rf"(?P<month>{month}),?\s+(?:of\s+)?(?P<year>\d{{4}}|'\d\d)", flags),
        mod_month=re.compile(rf"(?:(?P<mod>{mod})\s+)?(?P<month>{month})", flags),
        weekday=re.compile(rf"(?:(?P<mod>{mod}|this\s+past)\s+)?(?P<wd>{wd})(?:\s+(?P<part>{part}))?", flags),
        year=re.compile(
            r"(?:(?:fiscal|fy|the\s+year|calendar|model\s+year)\s*)?(?P<year>\d{4}|'\d\d)", flags
        ),
        decade=re.compile(r"(?:the\s+)?(?P<decade>\d{3}0|'?\d0)'?s", flags),
        century=re.compile(rf"(?:the\s+)?(?P<ord>{ordinal})[ -]century", flags),
        mod_unit=re.compile(rf"(?:the\s+)?(?P<mod>{mod})\s+(?P<unit>{unit}|{season})", flags),
        ago=re.compile(
            rf"(?:(?:about|almost|nearly|more\s+than|less\s+than|some|over|around|roughly|just|only|"
            rf"barely|at\s+least|exactly|precisely)\s+)?(?P<num>{num})\s+(?P<unit>{unit})\s+"
            rf"(?P<dir>ago|earlier|later|before|after|previously|prior|hence|from\s+now|back)",
            flags,
        ),
        duration=re.compile(
            rf"(?:(?:about|almost|nearly|more\s+than|less\s+than|some|over|around|roughly|just|only|"
            rf"at\s+least|up\s+to|(?:the\s+)?(?:past|last|next|first|previous|coming|following)|another|"
            rf"a\s+further|the\s+better\s+part\s+of)\s+)?"
            rf"(?P<num>{num})(?:[ -]+(?P<unit>{unit})|(?P<plus>\s+plus)?\s+(?P<unit2>{unit}))(?:[ -]+long)?",
            flags,
        ),
        quarter=re.compile(
            rf"(?:the\s+)?(?:(?P<mod>{mod})\s+)?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[ -]quarter|"
            rf"q(?P<q>[1-4]))(?:\s+(?:of\s+)?(?P<year>\d{{4}}|this\s+year|last\s+year|next\s+year))?",
            flags,
        ),
        season=re.compile(
            rf"(?:(?P<mod>{mod})\s+)?(?P<season>{season})(?:\s+(?:of\s+)?(?P<year>\d{{4}}))?", flags
        ),
        year_range=re.compile(
            r"(?:between\s+|from\s+)?(?P<a>\d{4})\s*(?:-|–|—|to|and|until|through)\s*(?P<b>\d{4}|\d{2})",
            flags,
        ),
        position=re.compile(rf"^(?P<pos>{pos})(?:[ -]+|$)", flags),
        deictic=re.compile(
            rf"(?P<day>{'|'.join(re.escape(d) for d in sorted(lex.deictic_days, key=len, reverse=True))})"
            rf"(?:\s+(?P<part>{part}))?",
            flags,
        ),
        holiday=re.compile(rf"(?:(?P<mod>{mod})\s+)?(?P<name>.+?)(?:\s+(?P<year>\d{{4}}))?"),
        month_of_year=re.compile(rf"(?P<month>{month}),?\s+(?:of\s+)?(?P<mod>{mod})\s+year", flags),
        this_past_season=re.compile(rf"this\s+past\s+(?P<season>{season})", flags),
    )


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}  # fmt: skip
HALF_YEAR = 300  # days: beyond this, the tense gives way to the nearest reading
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


class _Previous:
    """The previous calendar value, handed over when a reading asks for it, noting that it did."""

    def __init__(self, value: Value | None) -> None:
        self._value = value
        self.asked = False

    def __call__(self) -> Value | None:
        self.asked = True
        return self._value


def normalise(
    text: str,
    published: dt.date | None,
    direction: Direction | Way = None,
    previous: Value | None = None,
    *,
    timeml: bool = False,
) -> Value | None:
    """The value of one expression, or None when the text is not a date we can read.

    `previous` is the last calendar value before this expression ("a decade later", "that day");
    `timeml=True` adds TimeML's part-of-day suffix to day values ("Friday night" -> 2000-01-07TNI).
    """
    return reading(text, published, direction, previous, timeml=timeml)[0]


def reading(
    text: str,
    published: dt.date | None,
    direction: Direction | Way = None,
    previous: Value | None = None,
    *,
    timeml: bool = False,
) -> tuple[Value | None, bool]:
    """normalise(), and whether the value depends on `previous`: when it does not, the same text
    reads the same after any previous date (most do: "2024", "on Monday")."""
    asked = _Previous(previous)
    return _normalise(text, published, direction, asked, timeml), asked.asked


# Readings remembered across articles: (words, publication date) -> the value when the reading looked at
# neither the tense nor the previous date, or the value for each tense when it looked at the tense only.
_Known = tuple[Value | None] | dict[Direction, Value | None]
_KNOWN: dict[tuple[str, dt.date | None], _Known] = {}
KNOWN_READINGS = 4096  # bound: cleared when full (a few hundred kB)


def remembered_reading(
    text: str, published: dt.date | None, way: Way, previous: Value | None
) -> tuple[Value | None, bool]:
    """reading(text, published, way, previous), remembered when it did not look at the previous date.

    A reading is the same for the same words and publication date: its course is fixed by them until it
    asks for the tense or the previous date, and by the answers after. So one that asked for neither
    holds for any tense and previous date, and one that asked for the tense only, for the same tense."""
    key = (text, published)
    known = _KNOWN.get(key)
    if isinstance(known, tuple):
        return known[0], False
    if known is not None and (direction := way()) in known:
        return known[direction], False
    told: list[Direction] = []

    def telling() -> Direction:
        told.append(way())
        return told[-1]

    value, asked = reading(text, published, telling, previous)
    if not asked:
        if len(_KNOWN) >= KNOWN_READINGS:
            _KNOWN.clear()
        if told:
            by_way = _KNOWN.setdefault(key, {})
            assert isinstance(by_way, dict)
            by_way[told[0]] = value
        else:
            _KNOWN[key] = (value,)
    return value, asked


def _normalise(
    text: str, published: dt.date | None, direction: Direction | Way, previous: _Previous, timeml: bool
) -> Value | None:
    lex = lexicon()
    p = patterns()
    way = direction if callable(direction) else _always(direction)
    s = _clean(text)
    low = s.lower()
    if low in lex.references:
        return Value(lex.references[low], None, "reference")
    s = _LEADING.sub("", s)
    low = s.lower()
    if low in lex.references:
        return Value(lex.references[low], None, "reference")
    if low in lex.frequencies:
        return Value(lex.frequencies[low], "duration", "frequency")
    # Hedges that leave the value as it is: "1994 or later", "a good part of 1990", "next year or so".
    s = _HEDGE.sub("", s)
    s = _PART_OF.sub("", s)
    # "earlier this year", "mid-2024", "the end of last year": the position narrows, the value stays.
    position = None
    m = p.position.match(_THE_BEFORE_POSITION.sub("", s))
    if m:
        s = _THE_BEFORE_POSITION.sub("", s)
    if m and len(s) > m.end():
        position = m.group("pos").lower()
        s = s[m.end() :]
        s = _OF.sub("", s)
        s = _LEADING.sub("", s)  # "earlier in the year"
    # "9 a.m. Tuesday": the day, with the clock time in TimeML mode.
    clock = None
    if c := _CLOCK.match(s):
        hour = int(c.group(1)) % 12 + (12 if c.group(3).lower() == "p" else 0)
        clock = f"{hour:02d}:{c.group(2) or '00'}"
        s = s[c.end() :]
    s = _spelled_years(s, lex)
    # "this year's third quarter" -> "third quarter of this year"; "the fiscal first quarter".
    s = _YEARS_QUARTER.sub(r"\2 of \1 year", s)
    s = _FISCAL_QUARTER.sub(r"\1", s)
    s = _ITS_QUARTER.sub("", s)
    value = _anaphoric(s, lex, previous, published, way)
    if value is None:
        value = _financial(s, lex, previous, published)
    s = _FILLER.sub("", s) if not p.deictic.fullmatch(s) else s
    if value is None:
        value = _absolute(s, lex, p, published, way)
    if value is None:
        value = _holiday(s, lex, published, way)
    if value is None:
        value = _relative(s, lex, p, published, way, previous)
    if value is not None and timeml and value.granularity == "day" and value.value:
        part = clock or _part_of_day(s, lex)
        if part:
            value = Value(f"{value.value}T{part}", "day", value.anchor, value.relative, value.reference)
    if value is not None and position:
        value = Value(value.value, value.granularity, f"{value.anchor}, {position}", value.relative)
    return value


def _always(direction: Direction) -> Way:
    return lambda: direction


def _spelled_years(s: str, lex: Lexicon) -> str:
    """ "nineteen ninety-six" -> "1996", "the year two thousand" -> "2000" (broadcast transcripts)."""
    if not _SPELLED_YEAR_WORD.search(s):
        return s

    def small(words: str) -> int | None:
        total = 0
        for w in re.split(r"[\s-]+", words.lower()):
            if w not in lex.numbers or w in ("a", "an"):
                return None
            total += int(lex.numbers[w])
        return total

    def repl(m: re.Match[str]) -> str:
        if m.group("thousand"):
            rest = small(m.group("rest2")) if m.group("rest2") else 0
            return str(2000 + rest) if rest is not None and rest < 100 else m.group(0)
        rest = small(m.group("rest"))
        century = 1900 if m.group("century").lower() == "nineteen" else 2000
        return str(century + rest) if rest is not None and 10 <= rest < 100 else m.group(0)

    nums = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?"
    pattern = (
        rf"(?i)(?:the\s+year\s+)?(?:(?P<thousand>two\s+thousand)(?:\s+(?:and\s+)?(?P<rest2>{nums}|one|two|three|four|five|six|seven|eight|nine))?"
        rf"|(?P<century>nineteen|twenty)[\s-]+(?P<rest>{nums}))"
    )
    return re.sub(pattern, repl, s)


_CURRENT_QUARTER = re.compile(r"(?:the )?(?:current|this) (?:fiscal )?quarter")
_STATED_YEAR_QUARTER = re.compile(r"(?:the )?(\d{4}) (?:(first|second|third|fourth)[ -])?(quarter|period)")
_YEAR_AGO_QUARTER = re.compile(
    r"(?:the )?(?:comparable |same |corresponding )?(?:year-ago|year-earlier|prior-year|year-before|last year's)"
    r" (?:(first|second|third|fourth)[ -])?(?:quarter|period)|(?:the )?(?:corresponding|same) (?:quarter|period) "
    r"(?:last year|a year (?:ago|earlier))|(?:the )?quarter a year (?:ago|earlier)|that quarter"
)
_HALF_YEAR = re.compile(
    r"(?:the )?(?:(first|second|last|latter|final)[ -]half|(first|last|final) (?:two|2) quarters)"
    r"(?: of)? (\d{4}|this year|last year|next year)"
)
_FISCAL_YEAR = re.compile(
    r"(?:the )?(?:current |latest |full |whole |entire )?(?:fiscal |calendar |financial )?(?:full )?year|"
    r"(?:around |by |at )?(?:the )?year[- ]end|year's end|the end of the year"
)


def _financial(s: str, lex: Lexicon, previous_value: _Previous, pub: dt.date | None) -> Value | None:
    """Quarter and fiscal-year phrases of company reports: "the 1988 third quarter", "the 1988 period",
    "the year-ago third quarter", "last year's quarter", "the full year", "year-end"."""
    low = _SPACES.sub(" ", s.lower())
    if pub is not None and _CURRENT_QUARTER.fullmatch(low):
        return Value(f"{pub.year}-Q{(pub.month - 1) // 3 + 1}", "quarter", "the current quarter", True)
    ordinals = {"first": 1, "second": 2, "third": 3, "fourth": 4}

    def previous_quarter() -> tuple[int, int] | None:
        previous = previous_value()
        if previous is not None and previous.granularity == "quarter" and previous.value:
            return int(previous.value[:4]), int(previous.value[-1])
        return None

    if m := _STATED_YEAR_QUARTER.fullmatch(low):
        prev_q = previous_quarter()
        year = int(m.group(1))
        q = ordinals.get(m.group(2) or "") or (prev_q[1] if prev_q else None)
        if q is None and pub is not None:  # the last complete quarter, in that year
            q = _add_quarter(pub.year, (pub.month - 1) // 3 + 1, -1)[1]
        if q is None:
            return Value(str(year), "year", "year of a reporting period")
        return Value(f"{year}-Q{q}", "quarter", "quarter of a stated year", False, False)
    if m := _YEAR_AGO_QUARTER.fullmatch(low):
        prev_q = previous_quarter()
        if pub is None and prev_q is None:
            return Value(None, None, "relative to an earlier date", True)
        base_year, base_q = prev_q or _add_quarter(pub.year, (pub.month - 1) // 3 + 1, -1)  # type: ignore[union-attr]
        q = ordinals.get((m.groups()[0] or "") if m.groups() else "") or base_q
        back = 0 if low == "that quarter" else 1
        return Value(
            f"{base_year - back}-Q{q}", "quarter", "the quarter in discussion, a year before", True, False
        )
    if m := _HALF_YEAR.fullmatch(low):  # "the second half of 2024": TimeML's H1/H2
        half = 1 if (m.group(1) or m.group(2)) == "first" else 2
        year_text = m.group(3)
        if year_text.isdigit():
            return Value(f"{year_text}-H{half}", "half", "half of a stated year")
        if pub is None:
            return Value(None, "half", "no publication date", True)
        year = pub.year + {"this": 0, "last": -1, "next": 1}[year_text.split()[0]]
        return Value(f"{year}-H{half}", "half", "half of a relative year", True)
    if (
        pub is not None
        and _FISCAL_YEAR.fullmatch(low)
        and ("fiscal" in low or "full" in low or "end" in low or "calendar" in low or "current" in low)
    ):
        return Value(str(pub.year), "year", "the current (fiscal) year", True)
    return None


def _part_of_day(s: str, lex: Lexicon) -> str | None:
    low = s.lower()
    for words, code in sorted(lex.timeml_parts.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{re.escape(words)}$", low):
            return code
    return None


def _anaphoric(
    s: str, lex: Lexicon, previous_value: _Previous, pub: dt.date | None, way: Way
) -> Value | None:
    """ "that day", "later that year", "the following day", "the year-earlier quarter": the previous
    expression's value (in financial copy, the quarter being reported)."""
    low = _SPACES.sub(" ", s.lower())
    spec = lex.anaphoric.get(low)
    if spec is None:
        return None
    previous = previous_value()
    if spec.startswith("quarter"):
        if "latest" in low or "most recent" in low:
            way = _always("past")  # the latest quarter is a complete one
        if low in ("the period", "period") and (previous is None or previous.granularity != "quarter"):
            return None  # "the period" is a quarter only in copy already talking about one
        return _quarter_reference(spec, previous, pub, way)
    if previous is None or not previous.calendar or not previous.value:
        return Value(None, None, "relative to an earlier date", True)
    m = re.fullmatch(r"(\w+)([+-]\d+)?", spec)
    assert m is not None
    unit, amount = m.group(1), int(m.group(2) or 0)
    value, gran = previous.value, previous.granularity or ""
    order = ["century", "decade", "year", "quarter", "month", "week", "day"]
    if gran not in order or order.index(gran) < order.index(unit):
        return Value(None, None, "relative to an earlier date", True)
    shifted = _shift_value(value[:10], gran, unit, amount) if re.match(r"\d{4}", value) else None
    if shifted is None:
        return Value(None, None, "relative to an earlier date", True)
    return Value(shifted[0], shifted[1], "relative to the previous date", True)


def _quarter_reference(spec: str, previous: Value | None, pub: dt.date | None, way: Way) -> Value | None:
    """ "the quarter" is the quarter in discussion (the previous quarter value), else the last complete
    one; "the year-earlier quarter" is that quarter a year before."""
    back = int(spec.partition("-")[2] or 0)  # years back
    if previous is not None and previous.granularity == "quarter" and previous.value:
        year, q = int(previous.value[:4]), previous.value[-1]
        return Value(f"{year - back}-Q{q}", "quarter", "the quarter in discussion", True, back == 0)
    if pub is None:
        return Value(None, None, "relative to an earlier date", True)
    current = (pub.month - 1) // 3 + 1
    year, q = (pub.year, current) if way() in ("future", "present") else _add_quarter(pub.year, current, -1)
    return Value(f"{year - back}-Q{q}", "quarter", "the quarter in discussion", True, back == 0)


def _add_quarter(year: int, quarter: int, delta: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + delta
    return index // 4, index % 4 + 1


def _easter(year: int) -> dt.date:
    # Anonymous Gregorian algorithm.
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_date(spec: dict, year: int) -> dt.date | None:
    if "easter" in spec:
        return _easter(year) + dt.timedelta(days=spec["easter"])
    if "day" in spec:
        return _safe_date(year, spec["month"], spec["day"])
    month, weekday, nth = spec["month"], spec["weekday"], spec["nth"]
    if nth > 0:
        first = dt.date(year, month, 1)
        day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
        if spec.get("after_monday"):  # US Election Day: the Tuesday after the first Monday
            monday = first + dt.timedelta(days=(0 - first.weekday()) % 7)
            day = monday + dt.timedelta(days=1)
        return day
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _holiday(s: str, lex: Lexicon, pub: dt.date | None, way: Way) -> Value | None:
    low = s.lower()
    m = patterns().holiday.fullmatch(low)
    if not m or m.group("name") not in lex.holidays:
        return None
    spec = lex.holidays[m.group("name")]
    if m.group("year"):
        day = holiday_date(spec, int(m.group("year")))
        return Value(day.isoformat(), "day", "holiday") if day else None
    if pub is None:
        return Value(None, "day", "holiday without publication date", True)
    days = [d for d in (holiday_date(spec, y) for y in (pub.year - 1, pub.year, pub.year + 1)) if d]
    modifier = lex.modifiers.get(m.group("mod") or "")
    before = [d for d in days if d <= pub]
    after = [d for d in days if d >= pub]
    if modifier == -1 or (
        modifier is None and way() == "past" and before and (pub - before[-1]).days <= HALF_YEAR
    ):
        chosen = max(d for d in days if d < pub) if modifier == -1 else before[-1]
    elif modifier == 1 or (
        modifier is None and way() == "future" and after and (after[0] - pub).days <= HALF_YEAR
    ):
        chosen = min(d for d in days if d > pub) if modifier == 1 else after[0]
    elif modifier == 0:
        chosen = days[1]
    else:
        chosen = min(days, key=lambda d: abs((d - pub).days))
    return Value(chosen.isoformat(), "day", "holiday", True)


def _absolute(s: str, lex: Lexicon, p: _Patterns, pub: dt.date | None, way: Way) -> Value | None:
    if m := p.iso.fullmatch(s):
        y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
        if d and _safe_date(y, mo, int(d)):
            return Value(f"{y}-{mo:02d}-{int(d):02d}", "day", "absolute")
        if not d and 1 <= mo <= 12:
            return Value(f"{y}-{mo:02d}", "month", "absolute")
    if m := p.compact.fullmatch(s):
        date = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if date:
            return Value(date.isoformat(), "day", "absolute")
    if m := p.slashed.fullmatch(s):
        mo, d, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if y < 100:
            y += 1900 if y > 30 else 2000
        date = _safe_date(y, mo, d) or _safe_date(y, d, mo)
        if date:
            return Value(date.isoformat(), "day", "absolute")
    for pattern in (p.month_day_year, p.day_month_year):
        if m := pattern.fullmatch(s):
            month = lex.months[m.group("month").lower().rstrip(".")]
            raw_day = m.group("day").lower()
            day = int(raw_day) if raw_day.isdigit() else lex.ordinals.get(raw_day)
            if day is None:
                day = int(re.sub(r"\D", "", raw_day) or 0)
            if m.group("year"):
                date = _safe_date(int(m.group("year")), month, day)
                if date:
                    return Value(date.isoformat(), "day", "absolute")
                return None
            if pub is None:
                return Value(None, "day", "day-month without publication date", True)
            if m.group("wd"):  # "Monday, Oct. 26": the year in which Oct. 26 is a Monday
                target = lex.weekdays[m.group("wd").lower().rstrip(".")]
                for year in (pub.year, pub.year - 1, pub.year + 1):
                    date = _safe_date(year, month, day)
                    if date is not None and date.weekday() == target:
                        return Value(date.isoformat(), "day", "day-month by its weekday", True)
            date, how = _day_month(month, day, pub, way())
            if date:
                return Value(date.isoformat(), "day", how, True)
            return None
    if m := p.month_year.fullmatch(s):
        month = lex.months[m.group("month").lower().rstrip(".")]
        year = m.group("year")
        year_n = (
            int(year)
            if len(year) == 4
            else (1900 + int(year[1:]) if int(year[1:]) > 30 else 2000 + int(year[1:]))
        )
        return Value(f"{year_n}-{month:02d}", "month", "absolute")
    if m := p.year_range.fullmatch(s):
        a, b = m.group("a"), m.group("b")
        b_full = int(a[:2] + b) if len(b) == 2 else int(b)
        if 1000 <= int(a) < b_full <= 2200:
            return Value(f"{a}/{b_full}", "range", "absolute")
    if m := p.year.fullmatch(s):
        y = m.group("year")
        year = (1900 + int(y[1:]) if int(y[1:]) > 30 else 2000 + int(y[1:])) if y.startswith("'") else int(y)
        if 1000 <= year <= 2200:
            return Value(str(year), "year", "absolute")
    if (word := s.lower().removeprefix("the ").strip()) in _DECADE_WORDS:  # "the nineties"
        return Value(f"19{_DECADE_WORDS[word]}", "decade", "decade word")
    if m := p.decade.fullmatch(s):
        d = m.group("decade").lstrip("'")
        if len(d) == 2:  # "the '80s", "the late 80s"
            decade = (1900 + int(d)) // 10 if int(d) > 30 else (2000 + int(d)) // 10
        else:
            decade = int(d) // 10
        return Value(str(decade), "decade", "absolute")
    if m := p.century.fullmatch(s):
        raw = m.group("ord").lower()
        n = lex.ordinals.get(raw) or int(re.sub(r"\D", "", raw))
        return Value(f"{n - 1:02d}", "century", "absolute")
    if (m := p.season.fullmatch(s)) and m.group("year") and not m.group("mod"):
        return Value(f"{m.group('year')}-{lex.seasons[m.group('season').lower()]}", "season", "absolute")
    return None


def _relative(
    s: str,
    lex: Lexicon,
    p: _Patterns,
    pub: dt.date | None,
    way: Way,
    previous_value: _Previous,
) -> Value | None:
    low = s.lower()
    # Durations first: they need no publication date ("24 years", "in 24 years", "the past two weeks").
    if m := p.duration.fullmatch(s):
        n = _num(m.group("num"), lex)
        unit_word = (m.group("unit") or m.group("unit2")).lower()
        info = lex.units[unit_word]
        if n is not None and n < 1000 and unit_word not in ("weekend",):
            n *= info.get("multiplier", 1)
            letter = info["duration"]
            amount = int(n) if float(n).is_integer() else n
            if letter == "DE":
                letter, amount = "Y", amount * 10
            elif letter == "CE":
                letter, amount = "Y", amount * 100
            elif letter == "Q":
                letter, amount = "M", amount * 3
            value = f"P{amount}{letter}" if letter != "WE" else None
            return Value(value, "duration", "duration")
    previous = previous_value() if pub is None else None  # read again below, by "ago" only
    if pub is None and not (previous and p.ago.fullmatch(s)):
        if (
            p.deictic.fullmatch(s)
            or p.weekday.fullmatch(s)
            or p.mod_unit.fullmatch(s)
            or p.mod_month.fullmatch(s)
            or p.ago.fullmatch(s)
            or p.quarter.fullmatch(s)
            or p.season.fullmatch(s)
        ):
            return Value(None, None, "no publication date", True)
        return None
    assert pub is not None or previous is not None
    if pub is not None and (m := p.deictic.fullmatch(s)):
        offset = lex.deictic_days[re.sub(r"\s+", " ", m.group("day").lower())]
        return Value((pub + dt.timedelta(days=offset)).isoformat(), "day", "publication day offset", True)
    if pub is not None and (m := p.weekday.fullmatch(s)):
        target = lex.weekdays[m.group("wd").lower().rstrip(".")]
        raw_mod = (m.group("mod") or "").lower()
        modifier = -1 if raw_mod.startswith("this past") else lex.modifiers.get(raw_mod)
        date, how = _weekday(target, pub, way(), modifier)
        return Value(date.isoformat(), "day", how, True)
    if pub is not None and (m := p.quarter.fullmatch(s)):
        ordinal = (m.group("ord") or "").lower()
        q = int(m.group("q")) if m.group("q") else _QUARTERS[ordinal]
        year_text = (m.group("year") or "").lower()
        year = pub.year
        if not year_text and way() == "past" and q > (pub.month - 1) // 3 + 1:
            year -= 1  # "the fourth quarter" in a January story: last year's
        if year_text.isdigit():
            year = int(year_text)
        elif year_text.startswith("last"):
            year -= 1
        elif year_text.startswith("next"):
            year += 1
        return Value(f"{year}-Q{q}", "quarter", "quarter of year", not year_text.isdigit())
    if pub is not None and (m := p.mod_unit.fullmatch(s)):
        amount = lex.modifiers[m.group("mod").lower()]
        word = m.group("unit").lower()
        if word in lex.seasons:
            year = pub.year + amount
            return Value(f"{year}-{lex.seasons[word]}", "season", "relative season", True)
        info = lex.units[word]
        if word == "weekend":
            monday = pub - dt.timedelta(days=pub.weekday())
            if amount == 0 and way() == "past" and pub.weekday() < 5:
                amount = -1
            return Value(f"{_iso_week(monday + dt.timedelta(weeks=amount))}-WE", "week", "weekend", True)
        if word.endswith("s") and word not in ("days",):  # "the past years": vague
            return Value("PAST_REF" if amount < 0 else "FUTURE_REF", None, "reference", True)
        value, gran = _shift(pub, info["granularity"], amount)
        return Value(value, gran, f"{m.group('mod').lower()} {info['granularity']}", True)
    if pub is not None and (m := p.month_of_year.fullmatch(s)):  # "June last year", "January this year"
        month = lex.months[m.group("month").lower().rstrip(".")]
        year = pub.year + lex.modifiers[m.group("mod").lower()]
        return Value(f"{year}-{month:02d}", "month", "month of a relative year", True)
    if pub is not None and (m := p.mod_month.fullmatch(s)):
        raw = m.group("month").lower()
        if raw.rstrip(".") in lex.months:
            month = lex.months[raw.rstrip(".")]
            modifier = lex.modifiers.get((m.group("mod") or "").lower())
            year, how = _month_year(month, pub, way(), modifier)
            return Value(f"{year}-{month:02d}", "month", how, True)
    if pub is not None and (m := p.this_past_season.fullmatch(s)):
        code = lex.seasons[m.group("season").lower()]
        starts = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
        year = pub.year if starts[code] <= pub.month else pub.year - 1
        return Value(f"{year}-{code}", "season", "the most recent season", True)
    if pub is not None and (m := p.season.fullmatch(s)):
        modifier = lex.modifiers.get((m.group("mod") or "").lower()) or 0
        return Value(
            f"{pub.year + modifier}-{lex.seasons[m.group('season').lower()]}", "season", "season", True
        )
    if m := p.ago.fullmatch(s):
        previous = previous_value()
        n = _num(m.group("num"), lex)
        info = lex.units[m.group("unit").lower()]
        if n is None or not float(n).is_integer():
            return None
        n = int(n * info.get("multiplier", 1))
        word = m.group("dir").lower()
        sign = 1 if word in ("later", "after", "hence", "from now") else -1
        gran = info["granularity"]
        if gran in ("decade", "century"):  # "a decade ago": the year ten years back
            n, gran = n * (10 if gran == "decade" else 100), "year"
        if (
            previous is not None
            and previous.granularity == "quarter"
            and previous.value
            and gran == "year"
            and word in ("ago", "earlier", "before", "back", "previously", "prior")
        ):  # "profit rose from $3 million a year ago": the same quarter a year before
            shifted = _shift_value(previous.value, "quarter", "year", sign * n)
            if shifted:
                return Value(shifted[0], shifted[1], "the quarter in discussion, shifted", True, False)
        if (
            word in ("earlier", "before", "previously", "prior")
            and (previous is None or not previous.calendar)
            and pub is not None
        ):
            value, g = _shift(pub, gran, sign * n)
            return Value(value, g, f"{n} {gran}s from publication (no earlier date)", True)
        if word in ("ago", "back", "hence", "from now") and pub is not None:
            value, g = _shift(pub, gran, sign * n)
            return Value(value, g, f"{n} {gran}s {'after' if sign > 0 else 'before'} publication", True)
        if previous is not None and previous.calendar and previous.value:
            shifted = _shift_value(previous.value, previous.granularity or "", gran, sign * n)
            if shifted:
                return Value(shifted[0], shifted[1], "relative to the previous date", True)
        return Value(None, None, "relative to an event", True)
    if low in ("year", "month") and pub is not None:  # "the year", "the month": the current one
        return Value(*_shift(pub, low, 0), "current " + low, True)
    if low in ("the weekend", "weekend", "this weekend") and pub is not None:
        monday = pub - dt.timedelta(days=pub.weekday())
        if way() == "past" and pub.weekday() < 5:
            monday -= dt.timedelta(weeks=1)
        return Value(f"{_iso_week(monday)}-WE", "week", "weekend", True)
    return None
