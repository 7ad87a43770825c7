"""find_actors(doc): dictionary matches, context-coded phrases and coreference, turned into Actors."""

from __future__ import annotations

import datetime as dt

from spacy.strings import get_string_id
from spacy.tokens import Doc

from newsevents.actors.coding import NON_STATE_PREFIXES, Coding, code_entry, compose
from newsevents.actors.context import (
    BARE_PREPS,
    OPENING,
    REACH,
    AgentPhrase,
    StateRef,
    agent_words,
    appositive_title,
    find_agent_phrases,
    modifier_countries,
    org_of,
    title_before,
)
from newsevents.actors.coref import (
    Candidate,
    find_groups,
    resolve_office,
    resolve_person,
    resolve_pronouns,
    strip_name,
)
from newsevents.actors.dictionary import Dictionary, agent_key
from newsevents.actors.geo import LOCATIVE_IDS, fix_place_entities, us_states
from newsevents.actors.ruler import BLOCS, MATCHES_KEY
from newsevents.actors.scan import DocScan, hashes, positions, scan
from newsevents.model import Actor, Mention
from newsevents.nlp.strings import ids

# By label hash: the entities come from fix_place_entities as (start, end, label) triples.
ENTITY_KINDS = {
    get_string_id(k): v for k, v in {"PERSON": "person", "ORG": "organization", "NORP": "group"}.items()
}
FAITH_DEPS = ids(("amod", "compound", "nmod"))
ETHNIC = get_string_id("ethnic")
THE = get_string_id("the")
NOUN_USE = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "ROOT", "dative"})
NOUN_USE_IDS = ids(NOUN_USE)
PLURAL_TAG_IDS = frozenset(get_string_id(tag) for tag in ("NNPS", "NNS"))
POSS_COMPOUND = frozenset(get_string_id(dep) for dep in ("poss", "compound"))
POBJ, DOBJ, TO = (get_string_id(s) for s in ("pobj", "dobj", "to"))
NNP = get_string_id("NNP")
POS = get_string_id("POS")


def find_actors(
    doc: Doc, d: Dictionary, matches: list[tuple[int, int, str, str]] | None = None
) -> tuple[list[Actor], dict[int, str]]:
    article = doc._.newsevents_article
    day: dt.date | None = article.published if article is not None else None
    if matches is None:
        matches = doc.user_data.get(MATCHES_KEY, [])
    ds = scan(doc)
    ents = fix_place_entities(doc, {s for s, _, _, _ in matches}, ds)

    state_at: dict[int, StateRef] = {}
    # "ethnic Albanians": a demonym after "ethnic" names the people, not the state (coded where they live).
    ethnic = {s for s, _, _, mention in matches if mention == "adjective" and _after_ethnic(ds, s)}
    for s, e, eid, mention in matches:
        entry = d.entries[eid]
        if entry.kind == "state" and entry.country and s not in ethnic:
            ref = StateRef(d.state_on(entry.country, day), s, e, mention)
            for i in range(s, e):
                state_at[i] = ref

    # Heads that have a country within modifier_countries' reach: the others are not walked.
    near_state = ds.ancestors(state_at, REACH)
    org_at = {
        i: d.entries[eid]
        for s, e, eid, _ in matches
        if d.entries[eid].kind in {"organization", "group"}
        for i in range(s, e)
    }
    cands: list[Candidate] = []
    taken: set[int] = set()
    consumed: set[int] = set()  # starts of StateRefs used as modifiers

    def claim(c: Candidate) -> None:
        cands.append(c)
        taken.update(range(c.start, c.end))

    # 1. Named dictionary actors other than countries.
    for s, e, eid, _mention in matches:
        entry = d.entries[eid]
        if entry.kind in {"state", *BLOCS}:
            continue
        coding = code_entry(entry, day, d)
        start = s
        if entry.kind == "person":
            title = title_before(ds, s, e)
            if title:
                start = title[0]
                consumed.update(state_at[t].start for t in title if t in state_at)
        else:
            mods = [
                m
                for m in modifier_countries(doc[ds.root(s, e)], state_at, near=near_state)
                if not s <= m.start < e
            ]
            if mods:
                consumed.update(m.start for m in mods)
                start = min(s, mods[0].start)
                if coding.country and coding.country != mods[0].country and entry.kind == "organization":
                    # "Russia's Supreme Court": the modifier names the country of a national institution.
                    coding = Coding(
                        compose(mods[0].country, coding.sector), mods[0].country, coding.sector,
                        f"{ds.span_text(mods[0].start, mods[0].end)} + {entry.name} ({coding.sector})",
                    )  # fmt: skip
        claim(Candidate(start, e, "name", eid, entry.kind, entry.name, coding, entry, head=ds.root(s, e)))

    # 2. People and organisations the NER found that the dictionary does not know.
    people: list[Candidate] = [c for c in cands if c.kind == "person"]
    for start, end, label in ents:
        kind = ENTITY_KINDS.get(label)
        if kind is None or any(i in taken for i in range(start, end)):
            continue
        if kind == "person":
            cand = _person_from_entity(ds, d, start, end, state_at, consumed, people, day, org_at)
            people.append(cand)
            claim(cand)
        elif kind == "organization":
            claim(_org_from_entity(ds, d, start, end, state_at, consumed, near_state))

    # 3. Agent and title phrases coded from context; head-of titles after the organisations they head.
    # International organisations modify agent nouns too: "NATO troops", "UN inspectors", "EU officials".
    igo_at: dict[int, StateRef] = {}
    for s, e, eid, _ in matches:
        code = d.entries[eid].code or ""
        if code[:3] in NON_STATE_PREFIXES and d.entries[eid].kind == "organization":
            ref = StateRef(None, s, e, "name", org=code)
            igo_at.update((i, ref) for i in range(s, e))
    # Regions stand where a country would ("Western diplomats" -> WSTGOV); religions qualify the agent
    # ("Shiite militias" -> REBSHI) or the country's people ("Iraqi Sunnis" -> IRQSUN).
    region_at: dict[int, StateRef] = {}
    faith_at: dict[int, tuple[int, int, str]] = {}
    ethnic_at: dict[int, tuple[int, int, str]] = {}
    for s, e, eid, mention in matches:
        entry = d.entries[eid]
        if entry.kind == "region":
            region_at.update((i, StateRef(None, s, e, mention, org=entry.code)) for i in range(s, e))
        elif entry.kind in {"religion", "ethnic"}:
            (faith_at if entry.kind == "religion" else ethnic_at).update(
                (i, (s, e, eid)) for i in range(s, e)
            )
    phrases = find_agent_phrases(doc, d, {**igo_at, **region_at, **state_at}, taken | set(state_at), ds)
    by_head: dict[int, Candidate] = {}
    for c in cands:
        by_head.setdefault(c.head, c)
    for phrase in sorted(phrases, key=lambda p: p.words in d.heads_of):
        faith = _faith_of(ds, phrase.head, faith_at)
        people_of = _faith_of(ds, phrase.head, ethnic_at) if not phrase.countries else None
        if people_of is not None:
            consumed.add(people_of[0])
            cand = _ethnic_phrase(doc, d, phrase, people_of, state_at)
            if cand is not None:
                claim(cand)
                continue
        for cand in _phrase_candidates(ds, d, phrase, by_head, people, consumed, day, faith):
            claim(cand)
            by_head.setdefault(cand.head, cand)
            if cand.kind == "person" and cand not in people:
                people.append(cand)

    # 4. Appositions: "The chair of Russia's Duma, Vyacheslav Volodin," codes the name.
    for person in [c for c in cands if c.kind == "person" and c.mention == "name"]:
        head = appositive_title(ds, person.start, person.end)
        title = by_head.get(head) if head is not None else None
        if title is None or title is person or title.coding is None or not title.coding.code:
            continue
        if person.entry is None and (person.coding is None or not person.coding.code):
            person.coding = Coding(
                title.coding.code, title.coding.country, title.coding.sector,
                f"apposition: {doc[title.start:title.end].text}; {title.coding.basis}",
            )  # fmt: skip
        old = title.key
        for c in cands:
            if c.key == old:
                c.key, c.kind, c.mention = person.key, "person", "nominal"

    # 4b. Regions and religions named on their own ("the West", "Sunnis", "Iraqi Shiites") or as a class of
    # states ("Arab states", "Western powers"); as places ("in Europe") they are left to the places stage.
    for cand in _bloc_candidates(ds, d, matches, state_at, taken, consumed, ethnic, near_state):
        claim(cand)

    # 5. Countries and capitals named as actors (not as places, not as modifiers already used).
    for s, e, eid, mention in matches:
        entry = d.entries[eid]
        if entry.kind != "state" or s in consumed or s in ethnic or any(i in taken for i in range(s, e)):
            continue
        root = ds.root(s, e)
        place = _locative(ds, root) or _destination(ds, root, d)
        coding = code_entry(entry, day, d)
        if mention == "seat":
            if _locative(ds, root):
                continue  # "a dinner at the White House": the building
            mention = "metonym"
        elif mention == "metonym" and place:
            # "met Mr Kim in Pyongyang": the city, not its government; as an actor, its country.
            entry = d.countries[entry.country]
            eid, mention = entry.id, "name"
            coding = Coding(
                entry.code, entry.country, None, f"{doc[s:e].text}: a city of {entry.name}, named as a place"
            )
        if mention == "adjective" and not (
            ds.tag_at(root) in PLURAL_TAG_IDS or ds.deps[root] in NOUN_USE_IDS
        ):
            # "Palestinian lorries", "Iraqi towns": the country stands for what it qualifies.
            head = ds.heads[root]
            coding = Coding(
                coding.code,
                coding.country,
                coding.sector,
                f"{coding.basis}; adjective of '{ds.span_text(head, head + 1)}'",
            )
        claim(Candidate(s, e, mention, eid, "state", entry.name, coding, entry, head=root, place=place))

    # 6. Surnames and "Mr X" the NER missed, for people already named.
    # A name that is only an honorific ("Mr.") leaves no surname to match.
    surnames = ((strip_name(c.name, d.honorifics).split(), c) for c in people if c.name)
    known = {words[-1]: c for words, c in surnames if words}
    for i in positions(hashes(known), ds.orth) if known else ():
        token = doc[i]
        if token.i in taken or ds.tag_at(i) != NNP:
            continue
        start = token.i - 1 if token.i > 0 and doc[token.i - 1].text in d.honorifics else token.i
        ref = known[token.text]
        claim(
            Candidate(
                start, token.i + 1, "name", ref.key, "person", token.text, ref.coding, ref.entry, head=token.i
            )
        )

    # 7. Possessives: "Putin's letter" is a mention of Putin.
    for c in cands:
        if c.end < len(doc) and ds.tag_at(c.end) == POS and c.end not in taken:
            taken.add(c.end)
            c.end += 1
            if c.mention == "name":
                c.mention = "possessive"

    cands.extend(resolve_pronouns(doc, cands, ds))
    groups = find_groups(doc, d, cands, ds)
    for g in groups:
        for key in g.members:
            state = d.countries.get(key.split(":", 1)[1]) if key.startswith("country:") else None
            if state is not None and not any(c.key == key for c in cands):
                # A member country named only through its people or forces: an actor without mentions.
                cands.append(
                    Candidate(-1, -1, "name", key, "state", state.name, code_entry(state, day, d), state)
                )
    cands.extend(groups)
    return assemble(doc, cands, ds)


def _locative(ds: DocScan, root: int) -> bool:
    """'in Pyongyang', 'in Russia's Kursk region': a place, not an actor (root: a token index)."""
    heads, deps, lowers = ds.heads, ds.deps, ds.lowers
    head = heads[root]
    if deps[root] == POBJ and lowers[head] in LOCATIVE_IDS:
        return True
    return deps[root] in POSS_COMPOUND and deps[head] == POBJ and lowers[heads[head]] in LOCATIVE_IDS


def _destination(ds: DocScan, root: int, d: Dictionary) -> bool:
    """'flew to Dublin', 'his trip to Beijing', 'visited Moscow': where someone goes is a place."""
    head = ds.heads[root]
    if ds.deps[root] == POBJ and ds.lowers[head] == TO:
        return _lemma_lower(ds, ds.heads[head]) in d.motion
    return ds.deps[root] == DOBJ and _lemma_lower(ds, head) in d.visiting


def _lemma_lower(ds: DocScan, i: int) -> str:
    return ds.doc.vocab.strings[int(ds.lemma[i])].lower()


def _faith_of(
    ds: DocScan, head: int, faith_at: dict[int, tuple[int, int, str]]
) -> tuple[int, int, str] | None:
    """The religion word qualifying an agent noun: 'Shiite militias', 'Iraqi Sunni clerics'."""
    # The first such child in token order, as head.children gives them.
    heads, deps = ds.heads, ds.deps
    for i in sorted(faith_at):
        if heads[i] == head and i != head and deps[i] in FAITH_DEPS:
            return faith_at[i]
    return None


def _home(d: Dictionary, eid: str, state_at: dict[int, StateRef]) -> str | None:
    """Where an ethnic group lives: its only country, or the only one of its countries the article names."""
    homes = d.homes.get(eid, ())
    if len(homes) == 1:
        return homes[0]
    named = {r.country for r in state_at.values()} & set(homes)
    return named.pop() if len(named) == 1 else None


def _ethnic_phrase(doc, d: Dictionary, p: AgentPhrase, people_of, state_at) -> Candidate | None:
    """'Hutu rebels', 'Yoruba leaders': agents of an ethnic group, coded by the country the group lives in.

    A generic agent takes that country ('Hutu rebels' in an article on Burundi: BDIREB); a title does not
    make an ethnic group's leaders its government, so 'Yoruba leaders' is the group's (NGA)."""
    s, _e, eid = people_of
    home = _home(d, eid, state_at)
    if home is None and p.words in d.bare:
        return None  # the agent alone, as any bare agent ("rebels": REB)
    start = min(p.start, s)
    text = doc[start : p.end].text
    name = d.entries[eid].name
    if home is None:
        coding = Coding(None, None, None, f"context: '{text}' ({name}, an ethnic group; no country named)")
        return Candidate(start, p.end, "nominal", f"bloc:{name}", "group", text, coding, None, head=p.head)
    sector = p.sector if p.words in d.bare else None
    code = compose(home, sector)
    coding = Coding(code, home, sector, f"context: '{text}' ({name}, an ethnic group of {home})")
    return Candidate(start, p.end, "nominal", code or text, "group", text, coding, None, head=p.head)


def _after_ethnic(ds: DocScan, i: int) -> bool:
    return i > 0 and ds.lowers[i - 1] == ETHNIC


def _bloc_candidates(ds, d, matches, state_at, taken, consumed, ethnic: set[int], near) -> list[Candidate]:
    doc = ds.doc
    out: list[Candidate] = []
    for s, e, eid, mention in matches:
        entry = d.entries[eid]
        kind = "ethnic" if s in ethnic else entry.kind
        if kind not in BLOCS or s in consumed or any(i in taken for i in range(s, e)):
            continue
        root = doc[ds.root(s, e)]
        code, start, end = (None if kind == "ethnic" else entry.code), s, e
        name = ds.span_text(s, e) if s in ethnic else entry.name
        if _after_ethnic(ds, s):
            start -= 1
        head = root.head
        if kind == "ethnic" and root.dep_ not in NOUN_USE:
            continue  # "Kurdish towns", "ethnic Albanian guerrillas" (an agent phrase, coded where they are)
        if root.dep_ in {"amod", "compound"} and head.i > root.i and head.i not in taken:
            if agent_key([head.lemma_]) not in d.polities and agent_key([head.text]) not in d.polities:
                continue  # "Arab states" is the bloc; "Western media" was an agent phrase, "Gulf waters" nothing
            end = head.i + 1
            if start > 0 and doc[start - 1].dep_ == "det" and doc[start - 1].head.i == head.i:
                start -= 1
            basis = f"{entry.name} ({code}): '{doc[start:end].text}' names its states"
            key = f"bloc:{code}"
        elif root.dep_ in NOUN_USE and (mention == "name" or root.tag_ in {"NNS", "NNPS"}):
            if _locative(ds, root.i) or _destination(ds, root.i, d):
                continue
            basis = (
                f"{name} ({code}), named on its own" if code else f"{name}: an ethnic group, no country named"
            )
            key = f"bloc:{code or name}"
            if kind in {"religion", "ethnic"}:
                # "Iraqi Shiites", "Sunnis in Iraq": the community of that country.
                mods = modifier_countries(root, state_at, near=near) or [
                    r
                    for r in modifier_countries(root, state_at, preps=BARE_PREPS, near=near)
                    if r.mention == "name"
                ]
                home = _home(d, eid, state_at) if kind == "ethnic" and not mods else None
                if home is not None:
                    code, basis = home, f"{name}: an ethnic group of {home} (where it lives)"
                    key = f"bloc:{name}:{code}"
                if mods and mods[0].country:
                    consumed.add(mods[0].start)
                    # CAMEO codes an ethnic group by the country it lives in; a faith's people as IRQSHI.
                    code = mods[0].country + (entry.code if kind == "religion" else "")
                    basis = f"{doc[mods[0].start : mods[0].end].text} + {name} ({code})"
                    key = code if kind == "religion" else f"bloc:{name}:{code}"
                    if mods[0].start < start:
                        start = mods[0].start
                    else:
                        out.append(Candidate(mods[0].start, mods[0].end, "nominal", key, "group", name,
                                             Coding(code, mods[0].country, None, basis), None,
                                             head=root.i))  # fmt: skip
        else:
            continue
        country = code[:3] if code and code[:3] in d.countries else None
        coding = Coding(code, country, None, basis)
        out.append(Candidate(start, end, "name", key, "group", name, coding, None, head=root.i))
    return out


def _person_from_entity(ds, d, start, end, state_at, consumed, people, day, org_at=None) -> Candidate:
    title = title_before(ds, start, end)
    name = strip_name(ds.span_text(start, end), d.honorifics)
    key, entry = resolve_person(name, people, d, day)
    mstart = title[0] if title else start
    consumed.update(state_at[t].start for t in title if t in state_at)
    if entry is not None:
        coding = code_entry(entry, day, d)
    else:
        ref = next((c for c in people if c.key == key), None)
        coding = ref.coding if ref is not None else _title_coding(ds, d, title, state_at)
        org = next((org_at[t] for t in title if org_at and t in org_at), None)
        if ref is None and org is not None and coding is not None and coding.sector:
            # "Arab League Secretary General Chadli Klibi": the organisation in the title codes the person.
            oc = code_entry(org, day, d)
            code = oc.code if not oc.code or oc.code.endswith(coding.sector) else oc.code + coding.sector
            coding = Coding(code, oc.country, coding.sector, f"title: {org.name} + {coding.sector}")
        shared = _surname_country(name, d) if ref is None else None
        if shared is not None:
            # "President Bush" in 2000: several Bushes, all American; the country is known, the person not.
            sector = coding.sector if coding is not None else None
            coding = Coding(
                compose(shared, sector),
                shared,
                sector,
                f"surname '{name}': {shared} people in the dictionary",
            )
    return Candidate(mstart, end, "name", key, "person", entry.name if entry else name, coding, entry,
                     head=ds.root(start, end))  # fmt: skip


def _surname_country(name: str, d) -> str | None:
    entries = d.by_surname().get(name, [])
    countries = {e.country for e in entries}
    return countries.pop() if len(entries) > 1 and len(countries) == 1 else None


def _title_coding(ds, d, title, state_at) -> Coding | None:
    countries = [state_at[t].country for t in title if t in state_at]
    sector = None
    for t in reversed(title):
        words = agent_words(ds, t, d)
        if words is not None:
            sector = words[1]
            break
    if not countries and not sector:
        return None
    texts = [ds.span_text(t, t + 1) for t in title]
    text = " ".join(texts)
    if countries:
        return Coding(compose(countries[0], sector), countries[0], sector, f"title: {text}")
    if any(w in us_states() for w in texts):
        return Coding(compose("USA", sector), "USA", sector, f"title: {text} (a US state)")
    # "President Hosni Mubarak" with no country word: the country the text is about at that point.
    country = context_country(ds.doc, state_at, title[0])
    if country is None:
        return Coding(None, None, sector, f"title: {text}; no country in the text")
    return Coding(
        compose(country, sector), country, sector, f"title: {text}; country from context: {country}"
    )


def context_country(doc, state_at, i: int) -> str | None:
    """The nearest country named before token i in its sentence, else the most named one in the doc."""
    sent = doc[i].sent
    before = [state_at[j].country for j in range(sent.start, i) if j in state_at]
    if before:
        return before[-1]
    inside = [state_at[j].country for j in range(i, sent.end) if j in state_at]
    if inside:
        return inside[0]
    counts: dict[str, int] = {}
    for ref in {id(r): r for r in state_at.values()}.values():
        counts[ref.country] = counts.get(ref.country, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _org_from_entity(ds, d, start, end, state_at, consumed, near) -> Candidate:
    if end - start > 1 and ds.lowers[start] == THE:
        start += 1  # "The International Labor Office": the small NER takes the article into the name
    root = ds.root(start, end)
    countries = [state_at[i].country for i in range(start, end) if i in state_at]
    mods = modifier_countries(ds.doc[root], state_at, near=near)
    consumed.update(m.start for m in mods)
    countries += [m.country for m in mods]
    sector = None
    for i in range(end - 1, start - 1, -1):
        words = agent_words(ds, i, d)
        if words is not None:
            sector = words[1]
            break
    name = ds.span_text(start, end)
    coding = None
    if countries or sector:
        coding = Coding(compose(countries[0] if countries else None, sector), countries[0] if countries else None,
                        sector, f"context: words in '{name}'")  # fmt: skip
    key = coding.code if coding and countries and sector else f"org:{name}"
    return Candidate(start, end, "name", key, "organization", name, coding, None, head=root)


def _phrase_candidates(ds, d, p: AgentPhrase, by_head, people, consumed, day, faith=None) -> list[Candidate]:
    doc = ds.doc
    if faith is not None:
        # "Shiite militias": the religion word is part of the phrase and its code qualifies the agent.
        consumed.add(faith[0])
        if faith[0] < p.start:
            p.start = faith[0] - (1 if faith[0] > 0 and doc[faith[0] - 1].dep_ == "det" else 0)
        out = _phrase_candidates(ds, d, p, by_head, people, consumed, day)
        religion = d.entries[faith[2]]
        if not out and p.plural:
            # "Sunni leaders": no sector this library can vouch for; the community (a singular head,
            # "a Protestant party", is an organisation of its country, not the faith).
            code = religion.code
            coding = Coding(code, None, None, f"context: '{doc[p.start : p.end].text}' ({religion.name})")
            return [Candidate(p.start, p.end, "nominal", f"bloc:{code}", "group", religion.name, coding, None,
                              head=p.head)]  # fmt: skip
        for c in out:
            if c.coding is not None and c.coding.code and c.entry is None:
                old = c.coding
                code = (old.code or "") + religion.code
                c.coding = Coding(
                    code, old.country, old.sector, f"{old.basis} + {religion.name} ({religion.code})"
                )
                c.key = code if c.key == old.code else f"{c.key}:{religion.code}"
        return out
    text = ds.span_text(p.start, p.end)
    if p.countries:
        out = []
        group_kind = "group" if p.plural else ("person" if p.office else "organization")
        for k, ref in enumerate(p.countries):
            consumed.add(ref.start)
            if ref.org is not None:
                code = ref.org if ref.org.endswith(p.sector) else ref.org + p.sector
            else:
                code = compose(ref.country, p.sector)
            coding = Coding(
                code,
                ref.country,
                p.sector,
                f"context: '{text}' ({ref.country or ref.org} + {p.words} -> {p.sector})",
            )
            key, kind, name, entry = code, group_kind, text, None
            if k == 0 and p.office and not p.plural:
                resolved = None if p.not_current else resolve_office(ref.country, p.office, people, d, day)
                if resolved is not None:
                    key, entry, pcoding = resolved
                    coding = pcoding or coding
                    name = entry.name if entry else text
                else:
                    key = f"title:{code}:{p.words}" + ("" if not p.not_current else f":{p.head}")
            elif kind == "person":
                key = f"title:{code}:{p.words}:{p.head}"
            if k > 0:
                spans = [(ref.start, ref.end)]
            elif ref.start > p.head:  # "rebels in Darfur"
                spans = [(p.start, p.end), (ref.start, ref.end)]
            elif len(p.countries) > 1 or any(ds.lowers[j] in OPENING for j in range(ref.end, p.head)):
                # "Hungarian and Romanian officials", "DPRK [...] soldiers": no mention spans the others.
                spans = [(p.start, ref.end), (p.head, p.end)]
            else:
                spans = [(p.start, p.end)]
            for s, e in spans:
                out.append(Candidate(s, e, "nominal", key, kind, name, coding, entry, head=p.head))
        return out
    if p.words in d.heads_of:
        org = org_of(doc[p.head])
        owner = by_head.get(org.i) if org is not None else None
        if owner is not None and owner.coding is not None and owner.coding.code:
            oc = owner.coding
            coding = Coding(
                oc.code, oc.country, oc.sector, f"context: '{p.words}' of {owner.name}: {oc.code}"
            )
            end = max(p.end, org.i + 1)
            return [Candidate(p.start, p.end, "nominal", f"title:{oc.code}:{p.words}:{p.head}", "person",
                              doc[p.start:end].text, coding, None, head=p.head)]  # fmt: skip
    if p.words in d.bare and not p.not_current:
        # "police fired tear gas", "rebels seized the town": CAMEO codes the agent alone (COP, REB) when
        # the text names no country for it; guessing one from elsewhere in the article would be wrong as
        # often as right (foreign reporters, UN troops, the other side's soldiers).
        kind = "group" if p.plural else ("person" if p.office else "organization")
        key = f"agent:{p.sector}:{p.words}" + (f":{p.head}" if kind == "person" else "")
        coding = Coding(p.sector, None, p.sector, f"context: '{text}' ({p.words} -> {p.sector}; no country)")
        return [Candidate(p.start, p.end, "nominal", key, kind, text, coding, None, head=p.head)]
    return []


def assemble(
    doc: Doc, cands: list[Candidate], ds: DocScan | None = None
) -> tuple[list[Actor], dict[int, str]]:
    """Candidates grouped by key into Actors, numbered in order of first mention; the token map."""
    ds = ds or scan(doc)
    order: dict[str, list[Candidate]] = {}
    for c in sorted(cands, key=lambda c: (c.start < 0, c.start)):
        order.setdefault(c.key, []).append(c)
    ids = {key: f"A{n}" for n, key in enumerate(order, start=1)}
    actors: list[Actor] = []
    tokens: dict[int, str] = {}
    for key, group in order.items():
        best = next((c for c in group if c.entry is not None), None) or next(
            (c for c in group if c.coding and c.coding.code), group[0]
        )
        named = [c for c in group if c.mention in {"name", "possessive"}]
        name = (
            best.entry.name
            if best.entry
            else (max(named, key=lambda c: len(c.name)).name if named else best.name)
        )
        coding = best.coding
        actor = Actor(
            id=ids[key],
            name=name,
            code=coding.code if coding else None,
            country=coding.country if coding else None,
            sector=coding.sector if coding else None,
            kind=best.kind
            if best.kind in {"person", "state", "organization", "media", "group"}
            else "unknown",  # type: ignore[arg-type]
            wikidata=best.entry.wikidata if best.entry else None,
            basis=coding.basis if coding else "not in the dictionary; no context to code it",
            members=[ids[m] for m in best.members if m in ids],
        )
        seen = set()
        for c in group:
            if c.start < 0 or (c.start, c.end) in seen:
                continue
            seen.add((c.start, c.end))
            actor.mentions.append(_mention(doc, ds, c))
            for i in range(c.start, c.end):
                tokens.setdefault(i, actor.id)
        actors.append(actor)
    return actors, tokens


def _mention(doc: Doc, ds: DocScan, c: Candidate) -> Mention:
    """The candidate's span as a Mention, its characters read from the scan instead of a Span."""
    if c.end <= c.start:
        span = doc[c.start : c.end]
        return Mention(span.start_char, span.end_char, span.text, c.mention)  # type: ignore[arg-type]
    return Mention(*ds.span_chars_text(c.start, c.end), c.mention)  # type: ignore[arg-type]
