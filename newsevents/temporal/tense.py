"""Which way from the publication date a bare "on Friday" points: the tense of the governing verb.

Past ("met on Thursday") -> "past"; will / is set to / is due to / present progressive -> "future";
simple present -> "present"; a noun phrase pointed forward ("ahead of his summit on Friday",
"the upcoming vote on Friday") -> "future". None when nothing governs the expression.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from newsevents.nlp import doc_text
from newsevents.temporal.lexicon import lexicon

# Dependency labels that start a clause of their own: a tense does not reach across them.
CLAUSE_DEPS = {
    "ROOT",
    "ccomp",
    "xcomp",
    "advcl",
    "relcl",
    "acl",
    "csubj",
    "csubjpass",
    "parataxis",
    "conj",
    "pcomp",
}


@cache
def cue_words(name: str) -> frozenset[str]:
    """One word list of tense.yaml as a set, built once (the walks below ask for them per expression)."""
    return frozenset(lexicon().tense[name])


@cache
def _lead_ins() -> tuple[str, ...]:
    return tuple(lexicon().tense["future_lead_ins"])


def is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def noun_cue(span: Span) -> str | None:
    """A forward or backward pointer on the way from the expression up to its verb."""
    future_preps, future_adjs = cue_words("future_prepositions"), cue_words("future_adjectives")
    noun = trailing_relational_noun(span)
    if noun is not None:
        prep = noun.head if noun.head.lower_ != "of" else noun.head.head
        if prep.lower_ in future_preps:
            return "future"
    token = span.root
    for _ in range(12):
        if token.head.i == token.i or is_verb(token.head):
            return None
        token = token.head
        low = token.lower_
        if token.dep_ in ("prep", "advmod", "mark") and low in future_preps:
            return "future"
        if token.pos_ in ("NOUN", "PROPN") and any(
            c.lower_ in future_adjs for c in token.children if c.dep_ in ("amod", "compound")
        ):
            return "future"
    return None


def verb_tense(verb: Token) -> str | None:
    """past / future / present for one verb, reading its auxiliaries and the verbs above an infinitive."""
    future_modals = cue_words("future_modals")
    possibility = cue_words("conditional_modals")
    governors = cue_words("future_governors")
    planning = cue_words("planning_verbs")
    seen = 0
    while verb is not None and seen < 6:
        seen += 1
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        aux_lower = [a.lower_ for a in auxes]
        if verb.lemma_ in planning and verb.tag_ != "VBG":
            return "future"  # "planned a rally on Saturday", "a summit set for April"
        if any(a in future_modals for a in aux_lower):
            return "future"
        if any(a in possibility for a in aux_lower):
            return None
        if any(a.tag_ == "VBD" for a in auxes):
            return "past"
        if any(a.lemma_ == "have" for a in auxes):
            return "past"  # present perfect: already happened
        if (
            "to" in aux_lower
            and verb.dep_ in ("xcomp", "advcl", "ccomp", "acl", "relcl")
            and verb.head.i != verb.i
        ):
            head = verb.head
            if head.lemma_ in governors:
                return "future"  # "is set to meet", "planned to leave on Thursday"
            if is_verb(head):
                verb = head
                continue
            return "future"  # "a plan to meet on Friday"
        if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "future"  # "is meeting on Friday"
        if verb.tag_ == "VBN" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
            if verb.lemma_ in governors or verb.lower_ in ("scheduled", "set", "due", "expected", "slated"):
                return "future"
            return "present"
        if verb.tag_ in ("VBD",):
            return "past"
        if verb.tag_ == "VBN":
            return "past"
        if verb.tag_ in ("VBZ", "VBP"):
            if verb.lemma_ in governors and any(c.dep_ == "xcomp" for c in verb.children):
                return "future"
            return "present"
        if verb.tag_ in ("VB", "VBG") and verb.dep_ in CLAUSE_DEPS and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None
    return None


def governing_verb(span: Span) -> Token | None:
    token = span.root
    for _ in range(20):
        if token.head.i == token.i:
            return token if is_verb(token) else None
        token = token.head
        if is_verb(token):
            return token
    return None


def lead_in(span: Span) -> str | None:
    """ "as soon as Tuesday", "postponed until Tuesday": forward whatever the verb's tense."""
    doc = span.doc
    before = ""
    if span.start > 0:  # the text of the four words before, sliced instead of joined from Tokens
        first, last = doc[max(0, span.start - 4)], doc[span.start - 1]
        before = doc_text(doc)[first.idx : last.idx + len(last)].lower()
    if before.endswith(_lead_ins()):
        return "future"
    if span.start > 0 and doc[span.start - 1].lower_ in ("until", "till", "through"):
        verb = governing_verb(span)
        if verb is not None and verb.lemma_ in cue_words("deferral_verbs"):
            return "future"
    return None


def direction(span: Span) -> str | None:
    """past / future / present / None for a temporal expression span."""
    cue = lead_in(span) or noun_cue(span)
    if cue:
        return cue
    verb = governing_verb(span)
    return verb_tense(verb) if verb is not None else None


def trailing_relational_noun(span: Span) -> Token | None:
    """ "ahead of his summit with Trump in Alaska on Friday": the parser often hangs "on Friday" on the
    verb; a date right after a relational noun phrase (nothing but its preposition between) is the noun's."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].pos_ == "ADP":
        i -= 1
    if i < 0:
        return None
    token = doc[i]
    for _ in range(8):
        if under_relation(token) and token.right_edge.i == i:
            return token
        if token.head.i == token.i or token.head.i > span.start:
            return None
        token = token.head
    return None


def under_relation(trigger: Token) -> bool:
    """A noun trigger such as "ahead of his summit": its time is not the clause's time."""
    relational = cue_words("relational_prepositions")
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ != "pobj":
        return False
    prep = trigger.head
    return prep.lower_ in relational or (prep.lower_ == "of" and prep.head.lower_ in relational)
