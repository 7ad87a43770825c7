"""The date of one event: the temporal expression attached to its trigger, else the publication date."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsevents.model import EventDate, TimeExpression
from newsevents.temporal.tense import (
    CLAUSE_DEPS,
    cue_words,
    is_verb,
    trailing_relational_noun,
    under_relation,
)

CALENDAR = {"day", "week", "month", "quarter", "half", "season", "year", "decade", "century", "range"}


def clause_head(token: Token) -> Token:
    """The verb heading the clause `token` sits in (the token itself for a clause head)."""
    for _ in range(30):
        if token.dep_ in CLAUSE_DEPS and (is_verb(token) or token.dep_ == "ROOT"):
            return token
        if token.head.i == token.i:
            return token
        token = token.head
    return token


def _owner(span: Span, trigger: Token) -> tuple[str, Token]:
    """Where an expression attaches: to the trigger itself, to another event noun, or to a clause."""
    adjacent = trailing_relational_noun(span)
    if adjacent is not None:
        return ("trigger" if adjacent.i == trigger.i else "noun"), adjacent
    relational = cue_words("relational_prepositions")
    token = span.root
    previous: Token | None = None
    for _ in range(30):
        if token.i == trigger.i:
            return "trigger", token
        if token.dep_ in CLAUSE_DEPS and (is_verb(token) or token.dep_ == "ROOT"):
            return "clause", token
        if (
            previous is not None
            and token.pos_ in ("NOUN", "PROPN")
            and token.dep_ == "pobj"
            and token.head.lower_ in relational | {"of"}
            and (token.head.lower_ != "of" or token.head.head.lower_ in relational)
        ):
            return "noun", token  # "ahead of his summit on Friday": the summit's date
        if token.head.i == token.i:
            return "clause", token
        previous = token
        token = token.head
    return "clause", token


def _linked(lower: Token, upper: Token) -> bool:
    """Whether clause `lower` shares its time with clause `upper` above it: conjoined verbs, a
    catenative ("began to withdraw"), or a "when"/"as"/"while" clause. Reported speech (ccomp) and
    purpose clauses do not."""
    links = cue_words("linking_marks")
    token = lower
    for _ in range(8):
        if token.i == upper.i:
            return True
        if token.head.i == token.i:
            return False
        if (
            token.dep_ in ("conj", "xcomp")
            or token.dep_ in ("advcl", "relcl")
            and any(c.lower_ in links for c in token.children if c.dep_ in ("mark", "advmod"))
        ):
            pass
        else:
            return False
        token = clause_head(token.head)
    return False


def _span(doc: Doc, expression: TimeExpression) -> Span | None:
    return doc.char_span(expression.start, expression.end, alignment_mode="expand")


def _from_expression(expression: TimeExpression) -> EventDate:
    basis = "unresolved" if expression.value is None else "text"
    return EventDate(
        value=expression.value,
        granularity=expression.granularity,
        basis=basis,
        text=expression.text,
        start=expression.start,
        end=expression.end,
    )


def event_date(doc: Doc, trigger: Token) -> EventDate:
    """The expression attached to the trigger's clause (or its sentence when there is only one), else
    the publication date (basis "publication"), else basis "unresolved"."""
    times: list[TimeExpression] = doc._.newsevents_times or []
    datable = [
        t
        for t in times
        if t.granularity in CALENDAR
        or (t.value is None and t.basis == "unresolved" and t.granularity != "duration")
    ]
    usable: list[TimeExpression] = []
    if datable:
        # The sentence's bounds read once: each read of a Span's start_char/end_char makes a Token.
        sentence = trigger.sent
        first, end = sentence.start_char, sentence.end_char
        usable = [t for t in datable if first <= t.start < end]
    if usable:
        clause = clause_head(trigger)
        direct: list[tuple[int, TimeExpression]] = []
        in_clause: list[tuple[int, TimeExpression]] = []
        elsewhere: list[TimeExpression] = []
        for expression in usable:
            span = _span(doc, expression)
            if span is None:
                continue
            kind, owner = _owner(span, trigger)
            distance = abs(span.root.i - trigger.i)
            if kind == "trigger":
                direct.append((distance, expression))
            elif kind == "clause" and owner.i == clause.i:
                in_clause.append((distance, expression))
            elif kind == "clause" and (_linked(clause, owner) or _linked(owner, clause)):
                elsewhere.append(expression)
        if under_relation(trigger):
            in_clause, elsewhere = [], []
        for group in (direct, in_clause):
            if group:
                return _from_expression(min(group, key=lambda pair: pair[0])[1])
        # One date in a clause linked to the trigger's ("..., when the two signed the treaty").
        if len(elsewhere) == 1:
            return _from_expression(elsewhere[0])
    article = doc._.newsevents_article
    published = article.published if article is not None else None
    if published is not None:
        return EventDate(value=published.isoformat(), granularity="day", basis="publication")
    return EventDate(value=None, granularity=None, basis="unresolved")
