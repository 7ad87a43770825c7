"""Coreference inside one article: surnames, honorifics, office nominals, pronouns and groups.

"Vladimir Putin ... Mr Putin ... the Russian president ... he" are one actor; "the two leaders" is a
group of the last two people named. An earlier full name wins over a later surname.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from newsevents.actors.coding import Coding, code_entry
from newsevents.actors.dictionary import Dictionary, Entry, agent_key
from newsevents.actors.scan import DocScan, hashes, positions, scan
from newsevents.nlp.strings import ids

PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
PRONOUNS = frozenset(PRONOUN_GENDER)
PRONOUN_HASHES = hashes(PRONOUNS)
# "the two", "both", "the two leaders": the words without which no group is named.
PAIR_HASHES = hashes(["two", "both"])
HONORIFIC_GENDER = {"Mr": "m", "Mr.": "m", "Sir": "m", "Lord": "m", "King": "m", "Prince": "m",
                    "Mrs": "f", "Mrs.": "f", "Ms": "f", "Ms.": "f", "Miss": "f", "Dame": "f", "Lady": "f",
                    "Queen": "f", "Princess": "f"}  # fmt: skip
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
SUBJECT_IDS = ids(SUBJECT_DEPS)
HONORIFIC_IDS = {get_string_id(word): gender for word, gender in HONORIFIC_GENDER.items()}
# Offices that "the North Korean leader" may refer to.
LEADER_OFFICES = frozenset({"leader", "president", "supreme leader", "king", "queen", "emir", "chairman"})
HEAD_OFFICES = LEADER_OFFICES | {"prime minister", "chancellor"}


@dataclass(slots=True)
class Candidate:
    """One mention on its way to becoming part of an Actor (token span [start, end))."""

    start: int
    end: int
    mention: str
    key: str
    kind: str
    name: str
    coding: Coding | None = None
    entry: Entry | None = None
    head: int = -1
    members: list[str] = field(default_factory=list)
    place: bool = False  # a country named as where something happens ("fighting in Ukraine")


def strip_name(text: str, honorifics: frozenset[str]) -> str:
    words = text.replace("’s", "").replace("'s", "").split()
    while words and words[0] in honorifics:
        words.pop(0)
    return " ".join(words)


def surname_of(name: str, entry: Entry | None) -> str:
    if entry is not None and entry.surname:
        return entry.surname
    return name.split()[-1] if name.split() else name


def resolve_person(
    name: str, people: list[Candidate], d: Dictionary, day: dt.date | None
) -> tuple[str, Entry | None]:
    """The key of the person `name` refers to: an earlier person in the doc, else a dictionary entry."""
    if not name:
        return "", None
    for cand in people:
        full = cand.entry.name if cand.entry else cand.name
        if name == full or name == surname_of(full, cand.entry) or (cand.entry and name in _aliases(cand)):
            return cand.key, cand.entry
    # Not named before in this article: a dictionary person by surname, if one is unambiguous on the day.
    matches = d.by_surname().get(name, [])
    if len(matches) > 1 and day is not None:
        matches = [e for e in matches if any(r.holds(day) for r in e.roles)]
    if len(matches) > 1 and day is not None:
        # A bare surname most often means the leader: "Mr Kim" in 2009 is Kim Jong-il, not Kim Yong-nam.
        leaders = [
            e for e in matches if any(r.holds(day) and office_of(r.title, d) in HEAD_OFFICES for r in e.roles)
        ]
        matches = leaders if len(leaders) == 1 else matches
    if len(matches) == 1:
        return matches[0].id, matches[0]
    return f"person:{name}", None


def _aliases(cand: Candidate) -> set[str]:
    return {cand.name}


def resolve_office(
    country: str, office: str, people: list[Candidate], d: Dictionary, day: dt.date | None
) -> tuple[str, Entry | None, Coding | None] | None:
    """The person who holds `office` of `country`: one already in the article, else the dictionary's holder."""
    offices = LEADER_OFFICES if office == "leader" else {office}
    for cand in people:
        c = cand.coding
        if c and c.role and office_of(c.role.title, d) in offices and c.country == country:
            return cand.key, cand.entry, c
    if day is None:
        return None
    holders = []
    for e in d.office_holders(country):
        if any(r.holds(day) and office_of(r.title, d) in offices for r in e.roles) and e not in holders:
            holders.append(e)
    if len(holders) == 1:
        e = holders[0]
        return e.id, e, code_entry(e, day, d)
    return None


def office_of(title: str | None, d: Dictionary) -> str | None:
    """A role title as an office: 'secretary of state' -> 'foreign minister' (agents.yaml titles)."""
    if not title:
        return None
    info = d.titles.get(agent_key(title.split()))
    return info.get("office", title) if info else title


def resolve_pronouns(doc: Doc, cands: list[Candidate], ds: DocScan | None = None) -> list[Candidate]:
    """he/she -> the nearest person before it, preferring subjects in the same then the previous sentence."""
    people = sorted((c for c in cands if c.kind == "person"), key=lambda c: c.start)
    if not people:
        return []
    ds = ds or scan(doc)
    taken = {i for c in cands for i in range(c.start, c.end)}
    genders = person_genders(ds, people)
    subject: dict[int, bool] = {}  # id of a candidate -> _is_subject, asked again for every pronoun after it
    out = []
    for i in positions(PRONOUN_HASHES, ds.lower):
        if i in taken:
            continue
        token = doc[i]
        if token.tag_ not in {"PRP", "PRP$"}:
            continue
        window = ds.previous_sentence_start(i)
        before = [c for c in people if window <= c.start < i]
        if not before:
            continue
        # Known genders filter ("she" is not Mr Kim) and, where one matches, win ("she" is Merkel, not Trump).
        want = PRONOUN_GENDER[token.lower_]
        before = [c for c in before if genders.get(c.key, want) == want]
        before = [c for c in before if genders.get(c.key) == want] or before
        if not before:
            continue
        same = [c for c in before if c.start >= ds.sent_start[i]]
        subjects = [c for c in same if _is_subject(ds, c, subject)] or [
            c for c in before if _is_subject(ds, c, subject)
        ]
        chosen = (subjects or same or before)[-1]
        out.append(Candidate(token.i, token.i + 1, "pronoun", chosen.key, "person", token.text, head=token.i))
    return out


def person_genders(ds: DocScan, people: list[Candidate]) -> dict[str, str]:
    """Known genders by actor key: the dictionary's, else an honorific in a mention ("Mr", "Mrs")."""
    out: dict[str, str] = {}
    for c in people:
        if c.entry is not None and c.entry.gender:
            out[c.key] = c.entry.gender
    orth = None
    for c in people:
        if c.key not in out and c.start >= 0:
            orth = ds.orth if orth is None else orth
            words = (HONORIFIC_IDS.get(int(orth[t])) for t in range(c.start, c.end))
            g = next((g for g in words if g is not None), None)
            if g:
                out[c.key] = g
    return out


def _is_subject(ds: DocScan, cand: Candidate, known: dict[int, bool]) -> bool:
    found = known.get(id(cand))
    if found is None:
        deps = ds.deps
        found = known[id(cand)] = any(deps[t] in SUBJECT_IDS for t in range(cand.start, cand.end))
    return found


def _is_bare_pair(token: Token) -> bool:
    """'the two' or 'both' heading a subject of their own, with no noun after them."""
    if token.dep_ not in SUBJECT_DEPS:
        return False
    if token.lower_ == "two" and token.tag_ == "CD":
        return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    return token.lower_ == "both"


def _pair_tokens(doc: Doc, ds: DocScan) -> list[Token]:
    """'two'/'both' tokens and their heads, in order: the only tokens that can name a group."""
    found = set()
    for i in positions(PAIR_HASHES, ds.lower):
        found.add(i)
        found.add(doc[i].head.i)
    return [doc[i] for i in sorted(found)]


def find_groups(
    doc: Doc, d: Dictionary, cands: list[Candidate], ds: DocScan | None = None
) -> list[Candidate]:
    """'the two leaders', 'both countries': a group of the last two distinct actors of that type before."""
    ds = ds or scan(doc)
    out = []
    for token in _pair_tokens(doc, ds):
        if _is_bare_pair(token):
            # "when the two signed the treaty": a bare numeral subject stands for the last two actors of any
            # kind, but only those of its own or the previous sentence, as a pronoun would.
            want, window = "any", ds.previous_sentence_start(token.i)
        elif token.tag_ == "NNS" and any(c.lower_ in {"two", "both"} for c in token.children):
            want = d.groups.get(token.lemma_.lower())
            window = 0
        else:
            continue
        if want is None:
            continue
        before = sorted(
            (
                c
                for c in cands
                if window <= c.start < token.i
                and c.mention != "pronoun"
                # a country one travels to is still a party ("a trip to North Korea ... when the two signed")
                and (not c.place or (want == "any" and c.kind == "state"))
                and c.kind != "group"
            ),
            key=lambda c: c.start,
        )
        members: list[str] = []
        for cand in reversed(before):
            if want == "person" and cand.kind != "person":
                continue
            if want == "state":
                country = cand.coding.country if cand.coding else None
                if not country:
                    continue
                key = f"country:{country}"
            else:
                key = cand.key
            if key not in members:
                members.append(key)
            if len(members) == 2:
                break
        if len(members) < 2:
            continue
        start = min([token.i, *(c.left_edge.i for c in token.children if c.i < token.i)])
        text = doc[start : token.i + 1].text
        out.append(
            Candidate(start, token.i + 1, "nominal", f"group:{token.i}", "group", text, head=token.i,
                      members=list(reversed(members)))
        )  # fmt: skip
    return out
