"""Find trigger words in a sentence and code them: lexicon lookup plus dependency conditions.

A trigger is a verb ("praised"), a noun with a participant ("talks with", "an attack on") or a
predicative adjective ("was confident"). Family verbs (agree, urge, demand, refuse, threaten...) take
their code from what they govern: the complement action's own code when it is a trigger ("agreed to
send troops" -> 072 -> military aid -> 0332), else keywords in the complement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsevents.events.features import lemma, lemmas, near, region
from newsevents.events.lexicon import Alternative, Lexicon

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


def lookup(token: Token, lex: Lexicon) -> tuple[Alternative, ...] | None:
    pos = token.pos_
    lem = lemma(token)
    if pos == "VERB":
        return lex.verbs.get(lem)
    if pos == "NOUN":
        if token.dep_ == "compound" and lemma(token.head) not in _EVENT_HEADS:
            return None
        for c in token.children:
            if c.dep_ in ("compound", "amod"):  # "hunger strike", "mass killing", "ethnic cleansing"
                hit = lex.nouns.get(f"{lemma(c)}_{lem}")
                if hit:
                    return hit
        return lex.nouns.get(lem)
    if pos == "ADJ" and token.dep_ in ("acomp", "ROOT", "ccomp", "xcomp", "conj"):
        return lex.adjectives.get(lem)
    return None


def _infinitive(tok: Token) -> bool:
    """ "sworn to fight": a to-infinitive the parser hung as an adverbial clause is the complement."""
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VB"
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children)
    )


def _temporal(prep: Token) -> bool:
    """ "on Monday", "in March": a time phrase names no participant."""
    return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in prep.children)


def _light_ok(token: Token, verbs: frozenset[str]) -> bool:
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass", "conj") and lemma(head) in verbs:
        return True
    return token.dep_ == "pobj" and lemma(head.head) in verbs


def _context(token: Token) -> list[Token]:
    """The words a trigger is about; a noun object also sees its light verb's other complements."""
    tokens = region(token)
    if token.pos_ == "NOUN" and token.dep_ in ("dobj", "pobj") and token.head.pos_ in ("VERB", "ADP"):
        verb = token.head if token.dep_ == "dobj" else token.head.head
        tokens += [t for c in verb.children if c.dep_ == "prep" and c is not token.head for t in c.subtree]
    return tokens


def complement(token: Token, lex: Lexicon, depth: int = 0) -> Trigger | None:
    """The coded action a family verb governs: a clausal complement, an object or a to/for/on phrase."""
    if depth > 2:
        return None
    candidates: list[Token] = []
    for c in token.children:
        if c.dep_ in _CLAUSAL or c.dep_ == "dobj" or _infinitive(c):
            candidates.append(c)
            if c.dep_ == "dobj" and lemma(c) in _MODAL_NOUNS:  # "the need to resume talks"
                candidates += [g for g in c.children if g.dep_ == "acl"]
        elif c.dep_ in ("prep", "prt") and lemma(c) in _COMPLEMENT_PREPS:
            candidates += [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
    for c in candidates:
        alts = lookup(c, lex)
        if alts:
            found = choose(c, alts, lex, as_complement=True, depth=depth + 1)
            if found:  # even a plain statement: "declined to comment" is 011
                return found
        if (c.dep_ in _CLAUSAL or _infinitive(c)) and c.pos_ in ("VERB", "AUX"):
            deeper = complement(c, lex, depth + 1)
            if deeper:
                return deeper
    return None


def choose(
    token: Token, alts: tuple[Alternative, ...], lex: Lexicon, *, as_complement: bool = False, depth: int = 0
) -> Trigger | None:
    """The first alternative whose conditions hold, and the code it gives here."""
    context = _context(token)
    words = lemmas(context)
    own = lemma(token)
    others = words - {own}
    if token.pos_ == "VERB":  # the passive subject is the object: "their demands were met"
        others |= lemmas([t for c in token.children if c.dep_ == "nsubjpass" for t in c.subtree]) - {own}
    if any(c.dep_ in ("dobj", "nsubjpass") and c.ent_type_ in ("PERSON", "NORP") for c in token.children):
        others.add("__person__")  # "released Navalny": a person is the object
    preps = {
        lemma(c) for c in token.children if c.dep_ in ("prep", "prt", "agent", "dative") and not _temporal(c)
    }
    if token.pos_ == "NOUN" and token.dep_ == "dobj":
        # A light verb's phrases belong to its object event: "staged rallies against X", "held talks with".
        preps |= {lemma(c) for c in token.head.children if c.dep_ == "prep" and not _temporal(c)}
    deps = {"xcomp" if _infinitive(c) else c.dep_ for c in token.children}
    modals = {lemma(a) for c in token.children if c.dep_ == "ccomp" for a in c.children if a.dep_ == "aux"}
    for c in token.children:
        # "that Japan needs to enact", "that Iran has to stop"; not a forecast "would need to"
        if (
            c.dep_ == "ccomp"
            and lemma(c) in _MODAL_VERBS
            and any(g.dep_ == "xcomp" for g in c.children)
            and not any(a.dep_ == "aux" and lemma(a) in _HEDGES for a in c.children)
        ):
            modals.add(_MODAL_VERBS[lemma(c)])
        # "stressed the need to talk", "the obligation of X to lift": a that-clause made a noun
        if (
            c.dep_ == "dobj"
            and lemma(c) in _MODAL_NOUNS
            and any(g.dep_ in ("acl", "prep") for g in c.children)
        ):
            modals.add(_MODAL_NOUNS[lemma(c)])
            deps.add("ccomp")
    subject_words: set[str] | None = None
    for alt in alts:
        if alt.modal and alt.modal.isdisjoint(modals):
            continue
        if alt.prep and alt.prep.isdisjoint(preps):
            continue
        if alt.obj and alt.obj.isdisjoint(others):
            continue
        if alt.dobj and not any(
            c.dep_ in ("dobj", "nsubjpass") and (lemma(c) in alt.dobj or "*" in alt.dobj)
            for c in token.children
        ):
            continue
        if alt.xcomp and "xcomp" not in deps:
            continue
        if alt.ccomp and "ccomp" not in deps:
            continue
        if alt.require_light and not as_complement and not _light_ok(token, alt.require_light):
            continue
        if alt.block:  # a reading that is no event ("fight the election")
            return None
        if alt.family:
            return _family(token, alt, lex, others, depth)
        code, topic = alt.code, None
        if alt.topics:
            if subject_words is None:  # the instrument is often the subject: "suicide bombers killed"
                subject_words = lemmas(
                    [t for c in token.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
                )
            topic = lex.topic_of(others | subject_words, alt.topics) or alt.default_topic
            if topic in alt.topics:
                code = alt.topics[topic]
            elif alt.require_topic:
                continue
        if code is None:
            continue
        if code == "186" and _attempted(token):
            code = "185"
        rule = f"{alt.name}->{code}" + (f" (topic {topic})" if topic else "")
        return Trigger(token, alt, code, rule, topic=topic)
    return None


def _attempted(token: Token) -> bool:
    """ "an attempt to assassinate", "tried to assassinate": CAMEO 185, not 186."""
    head = token.head
    return token.dep_ in ("xcomp", "acl") and lemma(head) in _ATTEMPT


def _family(token: Token, alt: Alternative, lex: Lexicon, words: set[str], depth: int) -> Trigger:
    family = alt.family or "intent"
    comp = complement(token, lex, depth) if alt.governs else None
    # A governed family word passes on its topic ("rejected a request to release" -> release).
    topic = (comp.topic if comp.family else lex.code_topic(comp.code)) if comp else None
    basis = f"complement {comp.token.lemma_}:{comp.code}" if comp else None
    intent_to_threat = family == "intent" and topic in lex.families["threaten"].codes
    if topic not in lex.families[family].codes and not intent_to_threat:
        topic = None  # the complement's action has no code in this family: read its words instead
    if topic is None:  # the closest complements first, then the whole region
        codes = lex.families[family].codes
        topic = lex.topic_of(lemmas(near(token)), codes) or lex.topic_of(words, codes) or alt.default_topic
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
        token, alt, code, rule, family=family, topic=topic, complement=comp.token if comp else None
    )


_SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")


def is_sports(sent: Span, lex: Lexicon) -> bool:
    """A sentence about a game: a score ("1-0") or a sports word."""
    if _SCORE.search(sent.text):
        return True
    if any(lemma(t) in lex.sports_words for t in sent):
        return True
    nouns = {lemma(t) for t in sent if t.pos_ in ("NOUN", "PROPN")}
    return len(nouns & lex.sports_weak) >= 2


def find_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """Coded triggers of one sentence, left to right; complements a family verb used are not repeated.
    Weak triggers (plain statements) are kept beside strong ones: the caller uses them only if the
    strong ones give no event (no actor on either side)."""
    found: list[Trigger] = []
    for token in sent:
        alts = lookup(token, lex)
        if not alts:
            continue
        trig = choose(token, alts, lex)
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
    if any(t.code[:2] in _VIOLENT for t in kept) and is_sports(sent, lex):
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


def appositive_triggers(sent: Span, lex: Lexicon, found: list[Trigger]) -> list[Trigger]:
    """Event nouns in apposition to the clause before them: "X agreed to send workers to Y, a deployment
    officials believe could happen soon". The noun names the same act; it takes its actors from that
    clause's verb and its code from that verb when the verb is coded (else its own). Read from the
    surface (comma, determiner, event noun) because small parsers rarely attach such appositions well.
    """
    out: list[Trigger] = []
    coded = {t.token.i for t in found}
    for comma in sent:
        if comma.text != "," or comma.i + 2 >= sent.end or comma.i <= sent.start:
            continue
        det = comma.doc[comma.i + 1]
        if det.lower_ not in _APPOSITIVE_DETS:
            continue
        noun, noun_alts = None, None
        for t in comma.doc[det.i + 1 : min(det.i + 4, sent.end)]:  # "a rare deployment", "a new offensive"
            if t.i in coded:
                break
            if noun_alts := lex.nouns.get(lemma(t)) or lex.nouns.get(t.lower_):
                noun = t
                break
            if t.tag_ not in ("JJ", "RB", "VBN", "HYPH"):
                break
        if noun is None:
            continue
        # The clause it restates: the first verb above the word right before the comma.
        verb = comma.doc[comma.i - 1]
        while verb.pos_ != "VERB" and verb.head.i != verb.i and verb.i >= sent.start:
            verb = verb.head
        if verb.pos_ != "VERB" or verb.i >= comma.i or verb.i < sent.start:
            continue
        own = choose(noun, noun_alts, lex, as_complement=True)
        if own is None:
            continue
        alts = lex.verbs.get(lemma(verb))
        act = choose(verb, alts, lex, as_complement=True) if alts else None
        code = act.code if act is not None and act.family is None else own.code
        rule = f"{own.rule}; appositive restating '{verb.text}'" + (f"->{code}" if act is not None else "")
        out.append(Trigger(noun, own.alt, code, rule, topic=own.topic, restates=verb))
    return out
