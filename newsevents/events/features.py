"""Lemma sets of dependency regions: what a trigger's complement talks about."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc, Token

from newsevents.nlp.strings import LOWER_CASED, STRINGS

# Dependents that start another clause or name the agent: not part of what the trigger is about.
_OUTSIDE = frozenset(
    {"nsubj", "nsubjpass", "csubj", "csubjpass", "conj", "cc", "advcl", "parataxis", "punct", "mark", "expl"}
)
_INNER_SKIP = frozenset({"punct", "parataxis"})  # below the trigger's own dependents
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


# -- the parse as Python lists, read once per Doc -------------------------------------------------------
# Hot loops index these instead of walking Token objects: every doc[i], token.children or token.head
# creates a new Python Token, and the stage visits each word many times.


_ATTRS = [LEMMA, LOWER, POS, TAG, DEP, ENT_TYPE, HEAD]


@dataclass(frozen=True, slots=True)
class DocView:
    """One Doc's tokens by index: lower-cased lemma (as lemma()), lower form, pos_, tag_, dep_, ent_type_,
    head index, children indices (in order, as token.children) and the indices of the commas."""

    doc: Doc
    lemma: list[str]
    lower: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent_type: list[str]
    head: list[int]
    children: list[list[int]]
    commas: list[int]
    regions: dict[tuple[int, int], list[int]] = field(default_factory=dict)  # region_at's, by (word, limit)

    def subtree(self, i: int) -> list[int]:
        """token.subtree's indices, in its order: left children's subtrees, the token, right ones'."""
        out: list[int] = []
        for c in self.children[i]:
            if c < i:
                out += self.subtree(c)
        out.append(i)
        for c in self.children[i]:
            if c > i:
                out += self.subtree(c)
        return out


def doc_view(doc: Doc) -> DocView:
    strings = doc.vocab.strings
    array = doc.to_array(_ATTRS)
    lemma, lower, pos, tag, dep, ent_type = array[:, :6].T.tolist()
    # HEAD is an offset to the head; to_array's unsigned ints wrap the negative ones back to signed here.
    head = (array[:, 6].astype("int64") + numpy.arange(len(array))).tolist()
    children: list[list[int]] = [[] for _ in head]
    for i, h in enumerate(head):
        if h != i:
            children[h].append(i)
    lowers = STRINGS.read(strings, lower)
    return DocView(
        doc=doc,
        lemma=LOWER_CASED.read(strings, lemma),
        lower=lowers,
        pos=STRINGS.read(strings, pos),
        tag=STRINGS.read(strings, tag),
        dep=STRINGS.read(strings, dep),
        ent_type=STRINGS.read(strings, ent_type),
        head=head,
        children=children,
        commas=[i for i, w in enumerate(lowers) if w == ","],  # a comma's lower form is its text
    )


def region_at(view: DocView, i: int, *, limit: int = 60) -> list[int]:
    """region() by index: same words, same order. Worked out once per word (a trigger's conditions and
    its event's counts both read it): the list is shared, callers must not change it."""
    key = (i, limit)
    out = view.regions.get(key)
    if out is None:
        out = view.regions[key] = _region(view, i, limit)
    return out


def _region(view: DocView, i: int, limit: int) -> list[int]:
    dep, children = view.dep, view.children
    out = [i]
    stack = [c for c in children[i] if dep[c] not in _OUTSIDE]
    while stack and len(out) < limit:
        t = stack.pop()
        out.append(t)
        if children[t]:  # most words are leaves
            stack += [c for c in children[t] if dep[c] not in _INNER_SKIP]
    return out


def lemmas_at(view: DocView, indices: list[int]) -> set[str]:
    """lemmas() by index."""
    lem, dep, head = view.lemma, view.dep, view.head
    out: set[str] = set()
    for t in indices:
        out.add(lem[t])
        d = dep[t]
        if d in _JOINED and head[t] != t:
            if d == "prt" or d == "prep":
                out.add(f"{lem[head[t]]}_{lem[t]}")
            else:
                out.add(f"{lem[t]}_{lem[head[t]]}")
    return out


def near_at(view: DocView, i: int, depth: int = 3) -> list[int]:
    """near() by index."""
    dep, children = view.dep, view.children
    out: list[int] = []
    frontier = [c for c in children[i] if dep[c] not in _OUTSIDE]
    for _ in range(depth):
        out += frontier
        frontier = [g for t in frontier for g in children[t] if dep[g] not in _INNER_SKIP]
    return out
