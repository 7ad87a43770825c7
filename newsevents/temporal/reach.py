"""How far before its anchor literal a finder pattern's match may start: the widest text its lead
(the regex part before the anchor) can match.

A lead's unbounded repeats run over whitespace and hyphens (`[ -]+`, `\\s+`) or over digits (`\\d+`); they
are counted at most SPACE_RUN and DIGIT_RUN characters wide. A text with a longer run (SPACE_RUN_RE, or a
digit run the finder measures) is searched without the shortcut, so the reach is a true bound wherever
it is used.
"""

from __future__ import annotations

import re

try:  # the parsed form of a regex: the only way to read its structure, but private to Python
    import re._constants as sre
    import re._parser as sre_parse
except ImportError:  # widest() then refuses every regex and the finder searches without the shortcut
    sre = sre_parse = None

SPACE_RUN, DIGIT_RUN = 6, 12
# A run of spaces and hyphens longer than SPACE_RUN; written so that the engine skips to a space.
SPACE_RUN_RE = re.compile(rf"[\s\-][\s\-]{{{SPACE_RUN}}}")

_ONE_CHAR = (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def widest(regex: str) -> int:
    """The most characters `regex` can match, unbounded repeats capped as the module says.

    ValueError when no bound can be given (an unbounded repeat of anything else, or no parser)."""
    if sre_parse is None:
        raise ValueError("this Python has no re._parser to read the regex with")
    return _width(sre_parse.parse(regex).data)


def _width(items: list) -> int:
    total = 0
    for op, av in items:
        if op in _ONE_CHAR:
            total += 1
        elif op in _ZERO_WIDTH:
            continue
        elif op is sre.SUBPATTERN:
            total += _width(av[3].data if hasattr(av[3], "data") else av[3])
        elif op is sre.BRANCH:
            total += max(_width(b.data if hasattr(b, "data") else b) for b in av[1])
        elif op in _REPEATS:
            low, high, sub = av
            body = sub.data if hasattr(sub, "data") else sub
            total += (_run_cap(body) if high == sre.MAXREPEAT else high) * _width(body)
        else:
            raise ValueError(f"cannot bound the width of {op}")
    return total


def _run_cap(body: list) -> int:
    """How many times an unbounded repeat is counted: only one-character classes of spaces and
    hyphens, or of digits, have a run length the finder checks (module docstring)."""
    if len(body) == 1 and body[0][0] is sre.IN:
        kinds = {_kind(op, av) for op, av in body[0][1]}
        if kinds == {"space"}:
            return SPACE_RUN
        if kinds == {"digit"}:
            return DIGIT_RUN
    raise ValueError(f"an unbounded repeat of {body} has no run limit")


def _kind(op, av) -> str | None:
    if op is sre.LITERAL and (chr(av).isspace() or chr(av) == "-"):
        return "space"
    if op is sre.CATEGORY and av is sre.CATEGORY_SPACE:
        return "space"
    if op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
        return "digit"
    return None
