"""Find trigger words in a sentence and code them: lexicon lookup plus dependency conditions.

A trigger is a verb ("praised"), a noun with a participant ("talks with", "an attack on") or a
predicative adjective ("was confident"). Family verbs (agree, urge, demand, refuse, threaten...) take
their code from what they govern: the complement action's own code when it is a trigger ("agreed to
send troops" -> 072 -> military aid -> 0332), else keywords in the complement.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsevents.events.features import DocView, doc_view, lemma, lemmas_at, near_at, region_at
from newsevents.events.lexicon import Alternative, Lexicon
from newsevents.nlp import span_text

# Object-taking verbs whose nominal object carries the event ("held talks", "launched an attack").
_CLAUSAL = frozenset({"xcomp", "ccomp", "acl"})
# A trigger noun that only modifies another noun is no event ("riot police", "protest leaders"),
# except when the head names an undertaking ("a mediation effort", "an aid package").
_EVENT_HEADS = frozenset(
    {"effort", "mission", "operation", "campaign", "process", "initiative", "bid", "plan", "deal", "attempt",
     "action", "wave", "series", "package", "programme", "program", "drive", "offer", "proposal"}
)  # fmt: skip
_VIOLENT = frozenset({"18", "19", "20"})
_ATTEMPT = frozenset({"attempt", "try", "plot", "bid"})
_MODAL_VERBS = {"need": "need", "have": "have_to"}
_MODAL_NOUNS = {"need": "need", "necessity": "need", "obligation": "have_to", "duty": "have_to"}
_HEDGES = frozenset({"would", "could", "might", "may"})
_COMPLEMENT_PREPS = frozenset({"to", "on", "upon", "for", "of", "against", "with"})


@dataclass(slots=True)
class Trigger:
    token: Token
    alt: Alternative
    code: str
    rule: str
    family: str | None = None
    topic: str | None = None
    complement: Token | None = None
    restates: Token | None = None  # an appositive event noun: the verb of the clause it restates


def lookup(view: DocView, i: int, lex: Lexicon) -> tuple[Alternative, ...] | None:
    pos, lem, dep = view.pos[i], view.lemma[i], view.dep[i]
    if pos == "VERB":
        return lex.verbs.get(lem)
    if pos == "NOUN":
        if dep == "compound" and view.lemma[view.head[i]] not in _EVENT_HEADS:
            return None
        for c in view.children[i]:
            if view.dep[c] in ("compound", "amod"):  # "hunger strike", "mass killing", "ethnic cleansing"
                hit = lex.nouns.get(f"{view.lemma[c]}_{lem}")
                if hit:
                    return hit
        return lex.nouns.get(lem)
    if pos == "ADJ" and dep in ("acomp", "ROOT", "ccomp", "xcomp", "conj"):
        return lex.adjectives.get(lem)
    return None


def _infinitive(view: DocView, i: int) -> bool:
    """ "sworn to fight": a to-infinitive the parser hung as an adverbial clause is the complement."""
    return (
        view.dep[i] == "advcl"
        and view.tag[i] == "VB"
        and any(view.dep[a] == "aux" and view.lower[a] == "to" for a in view.children[i])
    )


def _temporal(view: DocView, prep: int) -> bool:
    """ "on Monday", "in March": a time phrase names no participant."""
    return any(view.dep[g] == "pobj" and view.ent_type[g] in ("DATE", "TIME") for g in view.children[prep])


def _light_ok(view: DocView, i: int, verbs: frozenset[str]) -> bool:
    head = view.head[i]
    if view.dep[i] in ("dobj", "nsubjpass", "conj") and view.lemma[head] in verbs:
        return True
    return view.dep[i] == "pobj" and view.lemma[view.head[head]] in verbs


def _context(view: DocView, i: int) -> list[int]:
    """The words a trigger is about; a noun object also sees its light verb's other complements."""
    pos, dep, head = view.pos, view.dep, view.head
    tokens = region_at(view, i)
    if pos[i] == "NOUN" and dep[i] in ("dobj", "pobj") and pos[head[i]] in ("VERB", "ADP"):
        verb = head[i] if dep[i] == "dobj" else head[head[i]]
        # Every prep of the verb, the noun's own included: this was written `c is not token.head`, which
        # compared two fresh Token objects and so never excluded it; kept as is (output unchanged).
        tokens = tokens + [t for c in view.children[verb] if dep[c] == "prep" for t in view.subtree(c)]
    return tokens


def _others(view: DocView, i: int) -> set[str]:
    """What the trigger's region talks about, less the trigger's own lemma (what `obj` and topics read)."""
    lem, dep, children = view.lemma, view.dep, view.children
    own = lem[i]
    others = lemmas_at(view, _context(view, i)) - {own}
    if view.pos[i] == "VERB":  # the passive subject is the object: "their demands were met"
        others |= lemmas_at(view, [t for c in children[i] if dep[c] == "nsubjpass" for t in view.subtree(c)])
        others.discard(own)
    if any(dep[c] in ("dobj", "nsubjpass") and view.ent_type[c] in ("PERSON", "NORP") for c in children[i]):
        others.add("__person__")  # "released Navalny": a person is the object
    return others


def complement(view: DocView, i: int, lex: Lexicon, depth: int = 0) -> Trigger | None:
    """The coded action a family verb governs: a clausal complement, an object or a to/for/on phrase."""
    if depth > 2:
        return None
    lem, dep, children = view.lemma, view.dep, view.children
    candidates: list[int] = []
    for c in children[i]:
        if dep[c] in _CLAUSAL or dep[c] == "dobj" or _infinitive(view, c):
            candidates.append(c)
            if dep[c] == "dobj" and lem[c] in _MODAL_NOUNS:  # "the need to resume talks"
                candidates += [g for g in children[c] if dep[g] == "acl"]
        elif dep[c] in ("prep", "prt") and lem[c] in _COMPLEMENT_PREPS:
            candidates += [g for g in children[c] if dep[g] in ("pobj", "pcomp")]
    for c in candidates:
        alts = lookup(view, c, lex)
        if alts:
            found = choose(view, c, alts, lex, as_complement=True, depth=depth + 1)
            if found:  # even a plain statement: "declined to comment" is 011
                return found
        if (dep[c] in _CLAUSAL or _infinitive(view, c)) and view.pos[c] in ("VERB", "AUX"):
            deeper = complement(view, c, lex, depth + 1)
            if deeper:
                return deeper
    return None


def choose(
    view: DocView,
    i: int,
    alts: tuple[Alternative, ...],
    lex: Lexicon,
    *,
    as_complement: bool = False,
    depth: int = 0,
) -> Trigger | None:
    """The first alternative whose conditions hold, and the code it gives here."""
    lem, dep, children = view.lemma, view.dep, view.children
    kids = children[i]
    # The region's lemmas are the costly condition, and most alternatives fail before needing them.
    others: set[str] | None = None
    # Each condition's words are gathered only when one of the alternatives tests them.
    preps = _preps(view, i) if any(alt.prep for alt in alts) else set()
    if any(alt.modal or alt.xcomp or alt.ccomp for alt in alts):
        deps, modals = _deps_and_modals(view, i)
    else:
        deps, modals = set(), set()
    subject_words: set[str] | None = None
    for alt in alts:
        if alt.modal and alt.modal.isdisjoint(modals):
            continue
        if alt.prep and alt.prep.isdisjoint(preps):
            continue
        if alt.obj:
            if others is None:
                others = _others(view, i)
            if alt.obj.isdisjoint(others):
                continue
        if alt.dobj and not any(
            dep[c] in ("dobj", "nsubjpass") and (lem[c] in alt.dobj or "*" in alt.dobj) for c in kids
        ):
            continue
        if alt.xcomp and "xcomp" not in deps:
            continue
        if alt.ccomp and "ccomp" not in deps:
            continue
        if alt.require_light and not as_complement and not _light_ok(view, i, alt.require_light):
            continue
        if alt.block:  # a reading that is no event ("fight the election")
            return None
        if alt.family:
            return _family(view, i, alt, lex, others, depth)
        code, topic = alt.code, None
        if alt.topics:
            if others is None:
                others = _others(view, i)
            if subject_words is None:  # the instrument is often the subject: "suicide bombers killed"
                subject_words = lemmas_at(
                    view, [t for c in kids if dep[c] in ("nsubj", "nsubjpass") for t in view.subtree(c)]
                )
            topic = lex.topic_of(others | subject_words, alt.topics) or alt.default_topic
            if topic in alt.topics:
                code = alt.topics[topic]
            elif alt.require_topic:
                continue
        if code is None:
            continue
        if code == "186" and _attempted(view, i):
            code = "185"
        rule = f"{alt.name}->{code}" + (f" (topic {topic})" if topic else "")
        return Trigger(view.doc[i], alt, code, rule, topic=topic)
    return None


def _preps(view: DocView, i: int) -> set[str]:
    """The trigger's prepositions and particles, less time phrases."""
    lem, dep, children = view.lemma, view.dep, view.children
    preps = {
        lem[c] for c in children[i] if dep[c] in ("prep", "prt", "agent", "dative") and not _temporal(view, c)
    }
    if view.pos[i] == "NOUN" and dep[i] == "dobj":
        # A light verb's phrases belong to its object event: "staged rallies against X", "held talks with".
        preps |= {lem[c] for c in children[view.head[i]] if dep[c] == "prep" and not _temporal(view, c)}
    return preps


def _deps_and_modals(view: DocView, i: int) -> tuple[set[str], set[str]]:
    """The trigger's dependency labels (a to-infinitive counted as xcomp) and the modals of its clauses."""
    lem, dep, children = view.lemma, view.dep, view.children
    kids = children[i]
    deps = {"xcomp" if _infinitive(view, c) else dep[c] for c in kids}
    modals = {lem[a] for c in kids if dep[c] == "ccomp" for a in children[c] if dep[a] == "aux"}
    for c in kids:
        # "that Japan needs to enact", "that Iran has to stop"; not a forecast "would need to"
        if (
            dep[c] == "ccomp"
            and lem[c] in _MODAL_VERBS
            and any(dep[g] == "xcomp" for g in children[c])
            and not any(dep[a] == "aux" and lem[a] in _HEDGES for a in children[c])
        ):
            modals.add(_MODAL_VERBS[lem[c]])
        # "stressed the need to talk", "the obligation of X to lift": a that-clause made a noun
        if (
            dep[c] == "dobj"
            and lem[c] in _MODAL_NOUNS
            and any(dep[g] in ("acl", "prep") for g in children[c])
        ):
            modals.add(_MODAL_NOUNS[lem[c]])
            deps.add("ccomp")
    return deps, modals


def _attempted(view: DocView, i: int) -> bool:
    """ "an attempt to assassinate", "tried to assassinate": CAMEO 185, not 186."""
    return view.dep[i] in ("xcomp", "acl") and view.lemma[view.head[i]] in _ATTEMPT


def _family(
    view: DocView, i: int, alt: Alternative, lex: Lexicon, words: set[str] | None, depth: int
) -> Trigger:
    """`words`: the region's lemmas (_others) when already read, else None: they are read here only when
    neither the complement nor the closest words name a topic."""
    family = alt.family or "intent"
    comp = complement(view, i, lex, depth) if alt.governs else None
    # A governed family word passes on its topic ("rejected a request to release" -> release).
    topic = (comp.topic if comp.family else lex.code_topic(comp.code)) if comp else None
    basis = f"complement {comp.token.lemma_}:{comp.code}" if comp else None
    intent_to_threat = family == "intent" and topic in lex.families["threaten"].codes
    if topic not in lex.families[family].codes and not intent_to_threat:
        topic = None  # the complement's action has no code in this family: read its words instead
    if topic is None:  # the closest complements first, then the whole region
        codes = lex.families[family].codes
        topic = (
            lex.topic_of(lemmas_at(view, near_at(view, i)), codes)
            or lex.topic_of(words if words is not None else _others(view, i), codes)
            or alt.default_topic
        )
        basis = f"topic {topic}" if topic else None
    # Promising violence is a threat, not an intent to cooperate ("vowed to retaliate").
    if (
        family == "intent"
        and topic
        and topic not in lex.families["intent"].codes
        and topic in lex.families["threaten"].codes
    ):
        family = "threaten"
    code = lex.family_code(family, topic)
    if topic is None and alt.fallback:  # "warned that tourism would suffer": no threatened act
        code = alt.fallback
    rule = f"{alt.name}->{family}:{code}" + (f" ({basis})" if basis else "")
    return Trigger(
        view.doc[i], alt, code, rule, family=family, topic=topic, complement=comp.token if comp else None
    )


_SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")


def is_sports(sent: Span, lex: Lexicon, view: DocView) -> bool:
    """A sentence about a game: a score ("1-0") or a sports word."""
    if _SCORE.search(span_text(sent)):
        return True
    words = view.lemma[sent.start : sent.end]
    if not lex.sports_words.isdisjoint(words):
        return True
    pos = view.pos
    nouns = {words[k] for k in range(len(words)) if pos[sent.start + k] in ("NOUN", "PROPN")}
    return len(nouns & lex.sports_weak) >= 2


def find_triggers(sent: Span, lex: Lexicon, view: DocView | None = None) -> list[Trigger]:
    """Coded triggers of one sentence, left to right; complements a family verb used are not repeated.
    Weak triggers (plain statements) are kept beside strong ones: the caller uses them only if the
    strong ones give no event (no actor on either side). `view`: the Doc's, when the caller has it."""
    if view is None:
        view = doc_view(sent.doc)
    found: list[Trigger] = []
    lem, starts = view.lemma, lex.trigger_lemmas
    for i in range(sent.start, sent.end):
        if lem[i] not in starts:  # no lexicon entry can match this word: skip the parse conditions
            continue
        alts = lookup(view, i, lex)
        if not alts:
            continue
        trig = choose(view, i, alts, lex)
        if trig is not None:
            found.append(trig)
    if not found:
        return found
    used = {t.complement.i for t in found if t.complement is not None and t.alt.governs}
    verbal = {t.token.i for t in found if t.alt.pos == "verb" and not t.alt.weak}
    kept = []
    for t in found:
        if t.token.i in used:
            continue
        # A noun object of a coded verb is that verb's topic, not an event of its own ("signed the treaty").
        if t.alt.pos == "noun" and t.token.dep_ == "dobj" and t.token.head.i in verbal:
            continue
        kept.append(t)
    _during_attack(kept)
    if any(t.code[:2] in _VIOLENT for t in kept) and is_sports(sent, lex, view):
        kept = [t for t in kept if t.code[:2] not in _VIOLENT]
    return kept


_KILLING = frozenset({"kill", "murder", "slay", "wound", "injure"})


def _during_attack(triggers: list[Trigger]) -> None:
    """ "murdered in an attack", "killed during shelling": the killing takes the code of the attack it was
    part of (CAMEO 190 usage notes: killings in an attack are coded as that engagement)."""
    attacks = {t.token.i: t for t in triggers if t.alt.pos == "noun" and t.code[:2] in _VIOLENT}
    for t in triggers:
        if t.alt.pos != "verb" or lemma(t.token) not in _KILLING:
            continue
        for c in t.token.children:
            if c.dep_ == "prep" and lemma(c) in ("in", "during"):
                for g in c.children:
                    if g.i in attacks:
                        t.code = attacks[g.i].code
                        t.rule += f"; during {g.text}->{t.code}"


_APPOSITIVE_DETS = frozenset({"a", "an", "the", "this", "that"})


def appositive_triggers(
    sent: Span, lex: Lexicon, found: list[Trigger], view: DocView | None = None
) -> list[Trigger]:
    """Event nouns in apposition to the clause before them: "X agreed to send workers to Y, a deployment
    officials believe could happen soon". The noun names the same act; it takes its actors from that
    clause's verb and its code from that verb when the verb is coded (else its own). Read from the
    surface (comma, determiner, event noun) because small parsers rarely attach such appositions well.
    """
    if view is None:
        view = doc_view(sent.doc)
    lem, pos, head = view.lemma, view.pos, view.head
    out: list[Trigger] = []
    coded = {t.token.i for t in found}
    first = bisect_right(view.commas, sent.start)  # a comma opening the sentence restates nothing
    for comma in view.commas[first:]:
        if comma + 2 >= sent.end:
            break
        det = comma + 1
        if view.lower[det] not in _APPOSITIVE_DETS:
            continue
        noun, noun_alts = None, None
        for t in range(det + 1, min(det + 4, sent.end)):  # "a rare deployment", "a new offensive"
            if t in coded:
                break
            if noun_alts := lex.nouns.get(lem[t]) or lex.nouns.get(view.lower[t]):
                noun = t
                break
            if view.tag[t] not in ("JJ", "RB", "VBN", "HYPH"):
                break
        if noun is None:
            continue
        # The clause it restates: the first verb above the word right before the comma.
        verb = comma - 1
        while pos[verb] != "VERB" and head[verb] != verb and verb >= sent.start:
            verb = head[verb]
        if pos[verb] != "VERB" or verb >= comma or verb < sent.start:
            continue
        own = choose(view, noun, noun_alts, lex, as_complement=True)
        if own is None:
            continue
        alts = lex.verbs.get(lem[verb])
        act = choose(view, verb, alts, lex, as_complement=True) if alts else None
        code = act.code if act is not None and act.family is None else own.code
        rule = f"{own.rule}; appositive restating '{view.doc[verb].text}'" + (
            f"->{code}" if act is not None else ""
        )
        out.append(Trigger(own.token, own.alt, code, rule, topic=own.topic, restates=view.doc[verb]))
    return out
