"""Context coding: codes implied by the words around a noun, for actors the dictionary does not name.

"North Korean troops" -> PRK + MIL, "South Korean intelligence" -> KOR + SPY, "the chair of Russia's
Duma" -> the Duma's code (RUSLEG), "Serbian President Vojislav Kostunica" -> SRB + GOV. Each function
reads the parse and the dictionary matches, never the dictionary itself token by token.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from newsevents.actors.dictionary import Dictionary, agent_key
from newsevents.actors.scan import DocScan, hashes, positions, scan

MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod", "nummod"})
OF = frozenset({"of"})
# "rebels in Darfur", "troops from Chad": for agent nouns, where they are says whose they are.
AGENT_PREPS = frozenset({"of", "in", "from"})
BARE_PREPS = frozenset({"in", "from", "throughout", "across"})
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
NOUN_TAG_HASHES = hashes(NOUN_TAGS)
NOUN_TAG_IDS = frozenset(get_string_id(t) for t in NOUN_TAGS)
PLURAL_TAG_IDS = frozenset(get_string_id(t) for t in ("NNS", "NNPS"))
JJ_HYPH = frozenset(get_string_id(t) for t in ("JJ", "HYPH"))
COMPOUND = get_string_id("compound")
COMPOUND_AMOD = frozenset(get_string_id(t) for t in ("compound", "amod"))
DET_DEPS = frozenset(get_string_id(t) for t in ("det", "predet"))
DET_HASH = hashes(["det"])
TITLE_DEPS = frozenset(get_string_id(t) for t in ("compound", "amod", "poss", "case", "nmod", "punct"))
TITLE_STOPS = frozenset(get_string_id(t) for t in (",", "(", '"'))
COMMA, POBJ, PREP, DET, APPOS, POS = (get_string_id(t) for t in (",", "pobj", "prep", "det", "appos", "POS"))
APPOS_HASH = hashes(["appos"])
CLOSING = frozenset(get_string_id(t) for t in (")", "]"))
OPENING = frozenset(get_string_id(t) for t in ("(", "["))


@dataclass(slots=True)
class StateRef:
    """A country named by a token: a name, adjective or metonym match (start..end tokens).

    For an international organisation ("NATO troops"), country is None and org is its code (IGOWSTNAT).
    """

    country: str | None
    start: int
    end: int
    mention: str
    org: str | None = None


@dataclass(slots=True)
class AgentPhrase:
    head: int
    start: int  # first token of the phrase (modifiers, determiner)
    end: int
    words: str  # the agent/title words matched, e.g. "state media"
    sector: str
    office: str | None
    countries: list[StateRef]
    determiner: str | None
    not_current: bool
    plural: bool


def agent_words(ds: DocScan, i: int, d: Dictionary) -> tuple[str, str, str | None] | None:
    """(matched phrase, sector, office) for a noun (token i) that names an agent or a title, else None.

    Worked out once per token: phrases, their compound heads, titles and organisation names ask again.
    """
    known = ds.memo.get("agent_words")
    if known is None:
        known = ds.memo["agent_words"] = {}
    if i in known:
        return known[i]
    found = known[i] = _agent_words(ds, i, d) if i in agent_nouns(ds, d) else None
    return found


def agent_nouns(ds: DocScan, d: Dictionary) -> frozenset[int]:
    """The doc's nouns whose form or lemma may_end_agent: the only tokens agent_words can match (the
    forms it tries are the last word of its keys, never compounded, so a noun that fails names no agent)."""
    found = ds.memo.get("agent_nouns")
    if found is None:
        nouns = positions(NOUN_TAG_HASHES, ds.tag)
        strings = ds.doc.vocab.strings
        found = frozenset(d.agent_nouns(nouns, ds.lower[nouns].tolist(), ds.lemma[nouns].tolist(), strings))
        ds.memo["agent_nouns"] = found
    return found


def _agent_words(ds: DocScan, i: int, d: Dictionary) -> tuple[str, str, str | None] | None:
    strings = ds.doc.vocab.strings
    lowers = ds.lowers
    # Compounds immediately to the left, longest first: "state media", "foreign minister".
    left = []
    heads, deps = ds.heads, ds.deps
    j = i - 1
    while j >= 0 and heads[j] == i and deps[j] in COMPOUND_AMOD:
        left.insert(0, strings[lowers[j]])
        j -= 1
    # The surface form first ("media", whose lemma is "medium"), then the lemma ("forces" -> "force").
    forms = dict.fromkeys([strings[lowers[i]], strings[int(ds.lemma[i])].lower()])
    for k in range(len(left) + 1):
        for form in forms:
            key = agent_key([*left[k:], form])
            info = d.titles.get(key)
            if info is not None:
                return key, info["sector"], info.get("office")
            sector = d.sectors.get(key)
            if sector is not None:
                return key, sector, None
    return None


# How far below a head modifier_countries and _from_adjective look for a country: a child, a grandchild
# (compound of an adjective, object of a preposition), a possessive or modifier of that object.
REACH = 3


def modifier_countries(
    head: Token,
    state_at: dict[int, StateRef],
    skip: set[int] | None = None,
    preps: frozenset[str] = OF,
    near: Container[int] | None = None,
) -> list[StateRef]:
    """Countries that modify `head`: adjectives, compounds, possessives, "of"-phrases, and their conjuncts.

    `near`, when given, holds the ancestors of state_at's tokens up to REACH arcs (DocScan.ancestors):
    a head outside it has no country within reach, so its children are not walked.
    """
    if near is not None and head.i not in near:
        return []
    found: list[StateRef] = []
    seen: set[int] = set()

    def add(tok: Token) -> None:
        ref = state_at.get(tok.i)
        if ref is not None and ref.start not in seen and (skip is None or tok.i not in skip):
            seen.add(ref.start)
            found.append(ref)
            for conj in tok.conjuncts:
                add(conj)

    for child in head.children:
        if child.dep_ in MODIFIER_DEPS:
            add(child)
            # "North Korean" parses as compound(North) <- amod(Korean): the whole match is one ref.
            for grandchild in child.children:
                if grandchild.dep_ in {"compound", "amod", "poss"}:
                    add(grandchild)
        elif child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    add(pobj)
                    # "in Russia's Kursk region" names the country through a possessive.
                    for grandchild in pobj.children:
                        if grandchild.dep_ == "poss" and child.lower_ != "of":
                            add(grandchild)
    return found


def find_agent_phrases(
    doc: Doc, d: Dictionary, state_at: dict[int, StateRef], taken: set[int], ds: DocScan | None = None
) -> list[AgentPhrase]:
    """Noun phrases headed by an agent or title noun (tokens in `taken` are already named actors)."""
    ds = ds or scan(doc)
    strings = doc.vocab.strings
    near = ds.ancestors(state_at, REACH)
    heads, deps, tag = ds.heads, ds.deps, ds.tag
    out = []
    for i in sorted(agent_nouns(ds, d)):
        if i in taken:
            continue
        words = agent_words(ds, i, d)
        if words is None:
            continue
        key, sector, office = words
        head = heads[i]
        if deps[i] == COMPOUND and head > i and agent_words(ds, head, d) is not None:
            continue  # "police officers": one agent, read at its head
        token = doc[i]
        countries = (
            modifier_countries(token, state_at, near=near)
            or adjacent_country(ds, i, state_at)
            or [
                r
                for r in modifier_countries(token, state_at, preps=AGENT_PREPS, near=near)
                if r.mention == "name"
            ]
        )
        if not countries and key in d.bare:
            # "students throughout Indonesia", "opposition groups in Zimbabwe", "militias in Tripoli":
            # where generic agents are says whose they are (the country's name or its capital).
            holder = token.head if deps[i] == COMPOUND and int(tag[head]) in NOUN_TAG_IDS else token
            countries = [
                r
                for r in modifier_countries(holder, state_at, preps=BARE_PREPS, near=near)
                if r.mention in ("name", "metonym") and r.start > i and r.country
            ][:1] or _from_adjective(holder, state_at, near)
        # The phrase starts at the first word of the matched agent key ("riot police", "security forces").
        first = i - len(key.split()) + 1
        start = min([first, *(c.start for c in countries if c.start < i)])
        # Keep the modifiers between the country word and the head ("North Korea's elite forces").
        if start > 0 and deps[start - 1] in DET_DEPS and heads[start - 1] == i:
            start -= 1
        det = _determiner(ds, i)
        out.append(
            AgentPhrase(
                i, start, i + 1, key, sector, office, countries, None if det is None else strings[det],
                _not_current(ds, d, start, i), int(tag[i]) in PLURAL_TAG_IDS,
            )
        )  # fmt: skip
    return out


def _determiner(ds: DocScan, i: int) -> int | None:
    """The lower-case form (hash) of token i's first "det" child, as Token.children would find it."""
    firsts = ds.memo.get("determiners")
    if firsts is None:
        # Children come in token order, so the first det child of a head is the leftmost det it governs.
        firsts = ds.memo["determiners"] = {}
        heads, lowers = ds.heads, ds.lowers
        for j in positions(DET_HASH, ds.dep):
            firsts.setdefault(heads[j], lowers[j])
    return firsts.get(i)


def _not_current(ds: DocScan, d: Dictionary, start: int, i: int) -> bool:
    """'the former Russian president', 'ex-president': the office of head i is not held now.

    The words asked about are the subtrees of i's left children and the phrase's words before i. Only a
    not-current word ('former', 'ex-') can make it so: where none is among i's descendants or in
    [start, i), the answer is no without building those words as Tokens.
    """
    flagged = _not_current_words(ds, d)
    if not any(start <= t < i or 0 <= up.get(i, i) < i for t, up in flagged):
        return False
    doc = ds.doc
    token = doc[i]
    left_words = [t for child in token.lefts for t in child.subtree] + list(doc[start:i])
    return any(t.lower_ in d.not_current or t.lower_.rstrip("-") in d.not_current for t in left_words)


def _not_current_words(ds: DocScan, d: Dictionary) -> list[tuple[int, dict[int, int]]]:
    """The doc's not-current words, each with its path to the root (ancestor -> the child on the path)."""
    found = ds.memo.get("not_current")
    if found is None:
        strings = ds.doc.vocab.strings
        heads = ds.heads
        found = []
        for t in d.not_current_at(ds.lowers, strings):
            up: dict[int, int] = {}
            child, head = t, heads[t]
            while head != child and head not in up:
                up[head] = child
                child, head = head, heads[head]
            found.append((t, up))
        ds.memo["not_current"] = found
    return found


def adjacent_country(ds: DocScan, head: int, state_at: dict[int, StateRef]) -> list[StateRef]:
    """A country word right before the head, across adjectives and a bracketed aside ("DPRK [...] soldiers").

    A fallback for parses that a parenthesis or an odd word breaks.
    """
    tag, lowers = ds.tag, ds.lowers  # a bracket's lower-case form is the bracket
    j = head - 1
    while j >= 0 and int(tag[j]) in JJ_HYPH:
        if j in state_at:
            break
        j -= 1
    if j >= 0 and lowers[j] in CLOSING:
        depth = 0
        while j >= 0:
            depth += lowers[j] in CLOSING
            depth -= lowers[j] in OPENING
            if depth == 0:
                break
            j -= 1
        j -= 1
    ref = state_at.get(j) if j >= 0 else None
    return [ref] if ref is not None and ref.mention in {"name", "adjective"} else []


def org_of(head: Token) -> Token | None:
    """'the chair of Russia's Duma': the object of 'of' after a head-of title."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def title_before(ds: DocScan, start: int, end: int) -> list[int]:
    """Tokens left of a name that belong to its title: "Russian President", "Lebanon's new President"."""
    heads, deps, lowers = ds.heads, ds.deps, ds.lowers  # the lower-case form of a comma is the comma
    out: list[int] = []
    j = start - 1
    while j >= 0:
        attached = start <= heads[j] < end or heads[j] in out
        if deps[j] in TITLE_DEPS and attached and lowers[j] not in TITLE_STOPS:
            out.insert(0, j)
            j -= 1
            continue
        break
    # A possessive marker needs its owner; a dangling one is not part of the title.
    while out and ds.tag_at(out[0]) == POS:
        out.pop(0)
    return out


def appositive_title(ds: DocScan, start: int, end: int) -> int | None:
    """The head noun of a title in apposition to a name: "The chair of X, NAME," or "NAME, the chair of X"."""
    heads, deps, lowers = ds.heads, ds.deps, ds.lowers
    if start >= 2 and lowers[start - 1] == COMMA:
        x = start - 2
        while deps[x] == POBJ and deps[heads[x]] == PREP and heads[heads[x]] != x:
            x = heads[heads[x]]
        if ds.tag_at(x) in NOUN_TAG_IDS and x < start - 1:
            # The title must open the clause: nothing but a determiner before its phrase.
            return x
    appositions = ds.memo.get("appositions")
    if appositions is None:
        appositions = ds.memo["appositions"] = positions(APPOS_HASH, ds.dep)
    # As Token.children would meet them: the span's words in order, each one's children in order.
    for t in range(start, end):
        for child in appositions:
            if heads[child] == t and child >= end and ds.tag_at(child) in NOUN_TAG_IDS:
                return child
    if end + 1 < len(lowers) and lowers[end] == COMMA:
        head = end + 1 if deps[end + 1] != DET else heads[end + 1]
        if deps[head] == APPOS and start <= heads[head] < end:
            return head
    return None


def _from_adjective(head: Token, state_at: dict[int, StateRef], near: Container[int]) -> list[StateRef]:
    """ "doctors from two American aid groups": the country adjective of the body they come from."""
    if head.i not in near:
        return []  # the adjective would be REACH arcs below the head
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                for mod in pobj.children:
                    ref = state_at.get(mod.i)
                    if mod.dep_ in {"amod", "compound"} and ref is not None and ref.country:
                        return [ref]
    return []
