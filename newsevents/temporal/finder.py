"""Find temporal expressions in a Doc: a few regexes built from the lexicon, plus spaCy's DATE entities.

The regexes run over the text once each (no per-token dictionary scans). Month and weekday names must be
capitalised, so "may" the modal and "march" the verb are not dates. Where candidates overlap, the longer
one wins; at equal length, ours wins over the entity recogniser's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy
from spacy.attrs import ENT_TYPE
from spacy.strings import get_string_id
from spacy.tokens import Doc

from newsevents.nlp import doc_text
from newsevents.temporal.lexicon import _alternation, grouped, lexicon
from newsevents.temporal.normalise import patterns
from newsevents.temporal.reach import DIGIT_RUN, SPACE_RUN_RE, widest

S = r"[ \t\u00a0]+"  # spaces inside one line only: an expression never crosses a line break


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    source: str  # "pattern name" or "ner"


# Literals a pattern cannot match without (see _gates): a window holding none of them is not searched.
MONTH, WEEKDAY, HOLIDAY, DIGIT, QUARTER = "month", "weekday", "holiday", "digit", "quarter"
ANAPHORIC, DEICTIC, UNIT, SEASON, REFERENCE = "anaphoric", "deictic", "unit", "season", "reference"
# As a pattern's anchor: its rest itself, not the literal the rest starts with. "1990s" and "2024" are far
# rarer than a digit, "years ago" than "years": fewer starts to try the whole pattern at.
REST = "rest"


@cache
def _gates() -> dict[str, re.Pattern[str]]:
    """One regex per literal class, with the same case rules as the patterns that need it."""
    lex = lexicon()
    months = [m.capitalize() for m in lex.months]
    weekdays = [w.capitalize() for w in lex.weekday_search]
    holidays = {h.split()[0][:1].upper() + h.split()[0][1:] for h in lex.holidays}
    return {
        MONTH: re.compile(grouped([re.escape(m) for m in months])),
        WEEKDAY: re.compile(grouped([re.escape(w) for w in weekdays])),
        HOLIDAY: re.compile(grouped([re.escape(h) for h in sorted(holidays)])),
        DIGIT: re.compile(r"\d"),
        **{name: re.compile(words, re.IGNORECASE) for name, words in _caseless_gates().items()},
    }


@cache
def _caseless_gates() -> dict[str, str]:
    """The literal classes matched whatever their case, as alternations of lower-case words."""
    lex = lexicon()
    return {
        QUARTER: "quarter",
        ANAPHORIC: _anaphoric(),
        DEICTIC: _alternation(list(lex.deictic_days)),
        UNIT: _alternation(list(lex.units) + list(lex.seasons)),
        SEASON: _alternation(list(lex.seasons)),
        REFERENCE: _references(),
    }


@cache
def _lower_case_gates() -> dict[str, re.Pattern[str]]:
    """The caseless gates as case-sensitive regexes over the lower-cased text: the same places, found
    several times faster (the engine can skip to a word's first letter, which it cannot under IGNORECASE)."""
    return {name: re.compile(words) for name, words in _caseless_gates().items()}


_IGNORECASE = int(re.IGNORECASE)  # an int: `flags & re.IGNORECASE` goes through the enum's operator

# Besides lower-case equivalents, IGNORECASE matches "ı" for "i" and "ſ" for "s" (re._casefix).
_CASE_FIXES = re.compile("[\u0131\u017f]")


def _lower_case(text: str) -> str | None:
    """The lower-cased text, where a caseless regex may be searched as a case-sensitive one over it;
    None where it may not."""
    lowered = text.lower()
    # A lower-cased letter is at the same index only when no character lower-cases to two ("İ").
    if len(lowered) != len(text) or _CASE_FIXES.search(text) is not None:
        return None
    return lowered


def _searchers(text: str, lowered: str | None) -> dict[str, tuple[re.Pattern[str], str]]:
    """For each literal class and each rest anchor, the regex to search and the text to search it in
    (`lowered`: _lower_case(text))."""
    rests = _rest_gates()
    if lowered is None:
        searchers = {name: (gate, text) for name, gate in _gates().items()}
        searchers.update((key, (rest, text)) for key, (rest, _) in rests.items())
        return searchers
    searchers = {
        name: (_lower_case_gates()[name], lowered) if gate.flags & _IGNORECASE else (gate, text)
        for name, gate in _gates().items()
    }
    searchers.update(
        (key, (rest, text) if caseless is None else (caseless, lowered))
        for key, (rest, caseless) in rests.items()
    )
    return searchers


@cache
def _rest_gates() -> dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]]:
    """Each rest anchor as a regex over the text, and where it has one, its form over the lower-cased
    text (see _lower_case_form)."""
    gates: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
    for search in _search_patterns():
        if search.rest is not None and search.anchor not in gates:
            caseless = _lower_case_form(search.rest)
            gates[search.anchor] = (re.compile(search.rest), re.compile(caseless) if caseless else None)
    return gates


def _lower_case_form(regex: str) -> str | None:
    """`regex` as a case-sensitive regex over the lower-cased text that matches wherever `regex` matches
    the text, or None. Its `(?i:` groups become plain groups; that holds when nothing is upper-case (an
    upper-case letter outside them could not match the lower-cased text) and nothing is negated (a
    lower-case letter outside them may match the lower-cased text where it did not match the text: more
    places, which an anchor may have, but not fewer, which a `(?!`, `(?<!` or `[^` could then give).
    Searched only where the text lower-cases letter for letter (_lower_case)."""
    if "(?i:" not in regex:
        return None  # case-sensitive already: as fast over the text
    plain = regex.replace("(?i:", "(?:")
    if plain != plain.lower() or any(neg in plain for neg in ("(?!", "(?<!", "[^")):
        return None
    return plain


@dataclass(frozen=True)
class _Search:
    """One pattern, written as branches of (lead, rest): every match of a branch holds an `anchor`
    literal (or a match of the rest itself) where its rest starts, at most `reach` characters after the
    match's start."""

    name: str
    pattern: re.Pattern[str]
    needs: tuple[str, ...]  # literal classes a window must hold
    anchor: str  # literal class at the start of each branch's rest
    reach: int | None  # None: no bound could be proved, the pattern is searched without the shortcut
    skipper: re.Pattern[str] | None  # the pattern at the first start it matches within `reach` chars
    rest: str | None = None  # the rests' regex, when they are the anchor (REST)


def _search(name: str, branches: list[tuple[str, str]], needs: tuple[str, ...], anchor: str) -> _Search:
    text = "|".join(lead + rest for lead, rest in branches)
    rests = None
    if anchor == REST:  # every match holds a match of one of the rests, where that rest starts
        rests = "|".join(rest for _, rest in branches)
        anchor = f"{REST} {rests}"
    pattern = re.compile(text)
    assert pattern.groups == 0 and pattern.match("") is None, name
    try:
        reach = max(widest(lead) for lead, _ in branches)
    except ValueError:
        # A lead edited in the lexicon with a repeat that has no run limit (or a Python whose regex
        # internals reach.py cannot read): slower, but the same matches.
        return _Search(name, pattern, needs, anchor, None, None, rests)
    skipper = re.compile(rf"[\s\S]{{0,{reach}}}?({text})")
    return _Search(name, pattern, needs, anchor, reach, skipper, rests)


@cache
def _search_patterns() -> list[_Search]:
    lex = lexicon()
    month = "(?:" + grouped([m.capitalize() for m in sorted(lex.months, key=len, reverse=True)]) + r")\.?"
    month += r"(?![a-z])"
    weekday = "(?:" + grouped([w.capitalize() for w in lex.weekday_search]) + ")"
    pos = f"(?i:{lex.position_re})"
    mod = f"(?i:{lex.modifier_re})"
    part = f"(?i:{lex.part_re})"
    num = f"(?i:{lex.number_re})"
    unit = f"(?i:{lex.unit_re})"
    season = f"(?i:{lex.season_re})"
    deictic = "(?i:" + _alternation(list(lex.deictic_days)) + ")"
    approx = r"(?i:about|almost|nearly|more\s+than|less\s+than|some|over|around|roughly|just|only|at\s+least)"
    year = r"(?:1[6-9]\d\d|20\d\d)"
    pre = rf"(?:{pos}(?:[ -]+|{S}of{S}))?"
    holidays = grouped(
        [
            re.escape(" ".join(w[:1].upper() + w[1:] for w in h.split())).replace(r"\ ", S)
            for h in sorted(lex.holidays, key=len, reverse=True)
        ]
    )
    # A branch's regex is lead + rest wherever it is split: the split only decides where the anchor is,
    # and so how many starts are tried. A REST anchor is put where the rest is rare ("last week", " years",
    # "-05-12"), not where it starts with a space or a common word ("a", "the").
    return [
        _search("holiday", [(rf"\b(?:{mod}{S})?", rf"(?:{holidays})\b(?:{S}{year}\b)?")], (HOLIDAY,), REST),
        _search("anaphoric", [(rf"\b{pre}", rf"(?i:{_anaphoric()})\b")], (), ANAPHORIC),
        _search(
            "date",
            [(rf"(?:{weekday},?{S})?", rf"{month}{S}\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?{S}{year}\b)?")],
            (MONTH, DIGIT),
            REST,
        ),
        _search(
            "date",
            [
                (
                    rf"\b(?:{weekday},?{S})?",
                    rf"\d{{1,2}}(?:st|nd|rd|th)?{S}(?:of{S})?{month}(?:,?{S}{year}\b)?",
                )
            ],
            (MONTH, DIGIT),
            REST,
        ),
        _search("month_year", [(pre, rf"{month},?{S}(?:of{S})?{year}\b")], (MONTH, DIGIT), REST),
        _search("month", [(rf"{pre}(?:{mod}{S})?", month)], (MONTH,), MONTH),
        _search(
            "weekday",
            [(rf"{pre}(?:{mod}{S}|(?i:this{S}past){S})?", rf"{weekday}\b(?:{S}{part}\b)?")],
            (WEEKDAY,),
            WEEKDAY,
        ),
        _search("deictic", [(rf"\b{pre}", rf"{deictic}\b(?:{S}{part}\b)?")], (), DEICTIC),
        _search("relative", [(rf"\b{pre}(?i:the{S})?", rf"{mod}{S}(?:{unit}|{season})\b")], (), REST),
        _search(
            "ago",
            [(rf"\b(?:{approx}{S})?{num}[ -]", rf"{unit}{S}(?i:ago|earlier|later|back)\b")],
            (),
            REST,
        ),
        _search(
            "duration",
            [
                (
                    rf"\b(?:(?:{approx}|(?i:the{S})?(?i:past|last|next|first|previous|coming|following)){S})?"
                    rf"{num}",
                    rf"[ -]+{unit}\b",
                )
            ],
            (),
            REST,
        ),
        _search(
            "quarter",
            [
                (
                    rf"\b(?i:(?:the{S})?(?:{lex.modifier_re}{S})?(?:first|second|third|fourth)[ -])",
                    rf"(?i:quarter)\b(?:{S}(?:of{S})?{year}\b)?",
                )
            ],
            (QUARTER,),
            QUARTER,
        ),
        _search(
            "season",
            [
                (
                    rf"\b(?:{pre}(?i:this|last|next|the|early|late){S})",
                    rf"{season}\b(?!{S}of{S}(?!\d))(?:{S}(?:of{S})?{year}\b)?",
                )
            ],
            (),
            SEASON,
        ),
        _search("season", [(r"\b", rf"{season}{S}(?:of{S})?{year}\b")], (DIGIT,), REST),
        _search(
            "decade",
            [
                (rf"(?:\b(?i:the){S})?{pre}\b", r"(?:1[6-9]\d0|20\d0)'?s\b"),
                (rf"\b(?i:the){S}(?:(?i:early|late|mid)[ -]+)?'?", r"[3-9]0'?s\b"),
            ],
            (DIGIT,),
            REST,
        ),
        _search(
            "range",
            [
                (
                    rf"\b(?:(?i:between|from){S})?",
                    rf"{year}{S}?(?:-|–|{S}(?:to|and|until){S}){S}?(?:{year}|\d\d)\b",
                )
            ],
            (DIGIT,),
            REST,
        ),
        _search(
            "year",
            [(rf"(?:{pos}[ -]+(?:of{S})?|(?i:fiscal|fy){S}?)?\b", rf"{year}\b(?!\s*%|,\d)")],
            (DIGIT,),
            REST,
        ),
        _search(
            "iso",
            [(r"\b\d{4}", r"-\d{2}-\d{2}\b"), (r"\b\d{1,2}", r"/\d{1,2}/(?:\d{4}|\d{2})\b")],
            (DIGIT,),
            REST,  # a hyphen or slash between digits: much rarer than a digit
        ),
        _search("reference", [("", rf"\b(?i:{_references()})\b")], (), REST),  # the \b rules out most starts
    ]


def _anaphoric() -> str:
    return _alternation([a for a in lexicon().anaphoric if not a.startswith("same")])


def _references() -> str:
    refs = lexicon().references
    return _alternation(
        [r for r in refs if " " in r or r in ("now", "recently", "currently", "soon", "lately", "nowadays")]
    )


def _plausible_year(doc: Doc, start: int, end: int) -> bool:
    """A bare four-digit number is a year unless it counts something ("2000 troops", "$1999")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.text in ("$", "£", "€", "#", "No.", "no."):
        return False
    return not (
        after is not None and after.tag_ in ("NNS", "NNPS") and after.lower_ not in ("elections", "games")
    )


_FUNCTION_WORDS = {"the", "a", "an", "of", "in", "at", "on", "to", "for", "by", "and", "or", "s"}
BEFORE, AFTER = 32, 40  # characters before / after a hot word that an expression may reach


@dataclass(frozen=True)
class _Hot:
    """Words without which no pattern can match: the patterns run only in windows around them. One
    regex (`whole`: digits, then capitalised names, then words whatever their case), and the same as
    three searched on their own, each several times faster (see _hot_spans)."""

    whole: re.Pattern[str]
    digits: re.Pattern[str]
    names: re.Pattern[str]  # without the leading \b: the engine then skips to the next capital letter
    words: re.Pattern[str]  # whatever their case
    lower_case_words: re.Pattern[str]  # over the lower-cased text


@cache
def _hot_words() -> _Hot:
    lex = lexicon()
    words: set[str] = set()
    for vocabulary in (
        lex.seasons,
        lex.units,
        lex.deictic_days,
        lex.references,
        lex.anaphoric,
        lex.parts_of_day,
    ):
        for key in vocabulary:
            words.update(w for w in re.split(r"[\s'-]+", key.lower()) if w and w not in _FUNCTION_WORDS)
    words.update(("quarter", "period", "thousand", "ago", "later", "earlier", "fiscal", "fy", "nineteen"))
    words.update(
        ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")
    )
    # Names are capitalised in running text: matched case-sensitively, like the patterns do.
    names = [m.capitalize() for m in lex.months] + [w.capitalize() for w in lex.weekday_search]
    names += [" ".join(w[:1].upper() + w[1:] for w in h.split()).split()[0] for h in lex.holidays]
    # A run of digits is one match, not one per digit: the windows around it are the same.
    named, worded = rf"(?:{_alternation(sorted(set(names)))})", _alternation(sorted(words))
    return _Hot(
        whole=re.compile(rf"\d+|\b{named}|\b(?i:{worded})\b"),
        digits=re.compile(r"\d\d*"),  # \d+, found faster (the engine skips to a digit)
        names=re.compile(named),
        words=re.compile(rf"\b(?i:{worded})\b"),
        lower_case_words=re.compile(rf"\b(?:{worded})\b"),  # the words are lower-case
    )


def _hot_spans(text: str, lowered: str | None) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans `_hot_words().whole.finditer(text)` yields, and the runs of digits.

    Where no span of one part overlaps a span of another, the whole regex finds exactly the parts'
    spans: it takes the leftmost start any part matches at (the first part at a tie, which would be an
    overlap), and each part, searched on its own, has no match starting between its spans that another
    part's span does not cover. Where spans overlap, the whole regex is run."""
    hot = _hot_words()
    digits = [m.span() for m in hot.digits.finditer(text)]
    if lowered is None:
        words = [m.span() for m in hot.words.finditer(text)]
    else:
        words = [m.span() for m in hot.lower_case_words.finditer(lowered)]
    names = _names(text)
    if names is None:
        return [m.span() for m in hot.whole.finditer(text)], digits
    spans = sorted(digits + names + words)
    end = 0
    for start, stop in spans:
        if start < end:
            return [m.span() for m in hot.whole.finditer(text)], digits
        end = stop
    return spans, digits


def _names(text: str) -> list[tuple[int, int]] | None:
    """The spans `\b(?:names)` finds, from the names found without the `\b` (those at a word boundary).
    None when a name without a boundary holds a character that is not a letter or digit: a name with
    one might then start inside it, which the search without the boundary has stepped over."""
    spans: list[tuple[int, int]] = []
    for m in _hot_words().names.finditer(text):
        start, end = m.span()
        if _is_word(text[start]) != (start > 0 and _is_word(text[start - 1])):  # what \b tests
            spans.append((start, end))
        elif not text[start:end].isalnum():
            return None
    return spans


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # \w, as the regex engine has it


def _windows(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for start, end in spans:
        lo, hi = max(0, start - BEFORE), min(len(text), end + AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _anchored_in(
    search: _Search, text: str, windows: list[tuple[int, int]], anchors: tuple[re.Pattern[str], str]
) -> list[tuple[int, int]]:
    """The matches `search.pattern.finditer(text, lo, hi)` yields in each window (lo, hi), found by
    trying only the starts that lie within `search.reach` characters before an anchor literal: a match
    holds one there, so no match starts earlier than reach before the first anchor at or after the
    current position."""
    assert search.reach is not None and search.skipper is not None
    gate, haystack = anchors
    reach, skipper = search.reach, search.skipper
    spans: list[tuple[int, int]] = []
    for lo, hi in windows:
        pos = lo
        while pos < hi and (anchor := gate.search(haystack, pos, hi)) is not None:
            first = max(pos, anchor.start() - reach)
            m = skipper.match(text, first, hi)  # the leftmost match starting in [first, first + reach]
            if m is None:
                pos = first + reach + 1
                continue
            spans.append(m.span(1))
            pos = m.end(1)
    return spans


def prepare() -> None:
    """Load the lexicon and compile every pattern the finder and the reader use."""
    _gates(), _caseless_gates(), _lower_case_gates(), _search_patterns(), _rest_gates(), _hot_words()
    patterns()


def find_candidates(doc: Doc, text: str | None = None) -> list[Candidate]:
    text = doc_text(doc) if text is None else text
    found: list[Candidate] = []
    seen: set[tuple[int, int, str]] = set()
    lowered = _lower_case(text)
    hot, digits = _hot_spans(text, lowered)
    windows = _windows(text, hot)
    # Which windows hold each literal class: a match lies inside one window, so a pattern whose
    # literals a window lacks cannot match there, and the window is skipped (same matches, less search).
    has: dict[str, list[bool]] = {}  # literal class -> does each window hold one
    gated: dict[tuple[str, ...], list[tuple[int, int]]] = {(): windows}
    # Else a lead may be longer than its reach.
    skip = all(end - start <= DIGIT_RUN for start, end in digits) and SPACE_RUN_RE.search(text) is None
    gates = _searchers(text, lowered)
    for search in _search_patterns():
        name, needs = search.name, search.needs
        if needs not in gated:
            for g in needs:
                if g not in has:
                    gate, haystack = gates[g]
                    has[g] = [gate.search(haystack, lo, hi) is not None for lo, hi in windows]
            gated[needs] = [w for k, w in enumerate(windows) if all(has[g][k] for g in needs)]
        if skip and search.reach is not None:
            spans = _anchored_in(search, text, gated[needs], gates[search.anchor])
        else:
            spans = [m.span() for lo, hi in gated[needs] for m in search.pattern.finditer(text, lo, hi)]
        for start, end in spans:
            while end > start and text[end - 1] in " ,.-" and not text[start:end].endswith(_DIGITS):
                if text[end - 1] == "." and _ABBREVIATION.search(text[start:end]):
                    break  # keep the period of "Aug."
                end -= 1
            if (start, end, name) in seen or (name == "year" and not _plausible_year(doc, start, end)):
                continue
            if name in ("duration", "ago") and _OLD.match(text[end : end + 6]):
                continue  # "47-year-old": an age
            if (
                name == "season"
                and text[start:end].lower() == "the fall"
                and not _IN_THE_FALL.search(text[max(0, start - 10) : start].lower())
            ):
                continue  # "the fall in share prices"
            seen.add((start, end, name))
            found.append(Candidate(start, end, name))
    for start, end in _date_entities(doc):
        words = text[start:end]
        # A DATE entity with no letters and no date shape ("1,183.17") is a number the tagger misread.
        if _AGE.search(words):  # "47-year-old": an age
            continue
        if any(ch.isalpha() for ch in words) or _NUMBER_DATE.fullmatch(words):
            found.append(Candidate(start, end, "ner"))
    return found


_DIGITS = tuple("0123456789")
_ABBREVIATION = re.compile(r"\b[A-Z][a-z]{2,3}\.$")
_OLD = re.compile(r"[ -]*old\b")
_IN_THE_FALL = re.compile(r"\b(?:in|during|by|until|since|over|through|this)\s+$")
_AGE = re.compile(r"(?i)[ -]old\b")
_NUMBER_DATE = re.compile(r"[\d/.-]{4,10}")
_B, _I = 3, 1  # ENT_IOB codes


def _date_entities(doc: Doc) -> list[tuple[int, int]]:
    """The character spans of the DATE entities in doc.ents (a B token with the label and the I tokens
    after it, whatever theirs), found from the entity type column instead of building every entity."""
    spans: list[tuple[int, int]] = []
    for i in numpy.flatnonzero(doc.to_array(ENT_TYPE) == get_string_id("DATE")).tolist():
        token = doc[i]
        if token.ent_iob != _B:
            continue
        end = i + 1
        while end < len(doc) and doc[end].ent_iob == _I:
            end += 1
        last = doc[end - 1]
        spans.append((token.idx, last.idx + len(last)))
    return spans


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first; ours before the entity recogniser's at equal length."""
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), c.source == "ner", c.start))
    taken: list[Candidate] = []
    for c in ranked:
        if all(c.end <= t.start or t.end <= c.start for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)
