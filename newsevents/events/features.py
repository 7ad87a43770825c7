"""Lemma sets of dependency regions: what a trigger's complement talks about."""

from __future__ import annotations

from spacy.tokens import Token

# Dependents that start another clause or name the agent: not part of what the trigger is about.
_OUTSIDE = frozenset(
    {"nsubj", "nsubjpass", "csubj", "csubjpass", "conj", "cc", "advcl", "parataxis", "punct", "mark", "expl"}
)
_JOINED = frozenset({"compound", "amod", "prt", "prep", "nmod"})


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def region(token: Token, *, limit: int = 60) -> list[Token]:
    """The trigger and what it governs, less its subject and coordinated or adverbial clauses."""
    out: list[Token] = [token]
    stack = [c for c in token.children if c.dep_ not in _OUTSIDE]
    while stack and len(out) < limit:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("punct", "parataxis"))
    return out


def lemmas(tokens: list[Token]) -> set[str]:
    """Lemmas, plus joined pairs: compound/amod + head ("war_crime"), verb + particle ("step_down")."""
    out: set[str] = set()
    for t in tokens:
        lem = lemma(t)
        out.add(lem)
        if t.dep_ in _JOINED and t.head.i != t.i:
            if t.dep_ in ("prt", "prep"):
                out.add(f"{lemma(t.head)}_{lem}")
            else:
                out.add(f"{lem}_{lemma(t.head)}")
    return out


def near(token: Token, depth: int = 3) -> list[Token]:
    """The region's words at most `depth` dependency steps below the trigger: its closest complements."""
    out: list[Token] = []
    frontier = [c for c in token.children if c.dep_ not in _OUTSIDE]
    for _ in range(depth):
        out += frontier
        frontier = [g for t in frontier for g in t.children if g.dep_ not in ("punct", "parataxis")]
    return out
