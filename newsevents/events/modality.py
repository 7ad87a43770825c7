"""Is the event asserted, intended, hypothetical, a belief, a question or a condition? Is it negated?

Decided from the trigger's clause: its auxiliaries ("will", "could"), the verb that governs it
("is set to", "plans to" -> intended; "believes", "assessed" -> belief), a conditional "if/unless", and
a question mark. Reported speech ("said") is attribution, not modality: a said event stays asserted.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.events.features import lemma
from newsevents.model import Modality
from newsevents.nlp import doc_text

FUTURE = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL = frozenset({"would", "could", "might", "may", "can", "should", "must", "'d", "ought"})
INTENT_GOVERNORS = frozenset(
    {"set", "plan", "intend", "expect", "due", "aim", "hope", "prepare", "want", "schedule", "go", "poise",
     "likely", "wish", "decide", "mean", "seek", "scheduled", "slate", "ready", "about"}
)  # fmt: skip
BELIEF = frozenset(
    {"believe", "assess", "think", "suspect", "estimate", "suppose", "judge", "speculate", "presume", "reckon",
     "doubt", "guess", "assume"}
)  # fmt: skip
SAY = frozenset({"say", "tell", "state", "announce", "report", "add", "declare", "confirm", "note"})
CONDITIONAL = frozenset({"if", "unless", "provided", "whether"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})


def _chain(trigger: Token) -> list[Token]:
    """The trigger and the verbs it shares its clause's modality with (xcomp / conj heads)."""
    chain = [trigger]
    tok = trigger
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        # An event noun takes its verb's modality: "would tighten the blockade", "will hold talks".
        tok = tok.head
        chain.append(tok)
    while tok.dep_ in ("xcomp", "conj", "acomp") and tok.head.i != tok.i and len(chain) < 5:
        tok = tok.head
        chain.append(tok)
    return chain


def modality(trigger: Token, *, intent_family: bool = False) -> Modality:
    sent = trigger.sent
    text = doc_text(sent.doc)[sent.start_char : sent.end_char]  # sent.text, without re-joining its tokens
    if text.rstrip().rstrip("\"'”’").endswith("?"):
        return "question"
    chain = _chain(trigger)
    top = chain[-1]
    for tok in chain:
        if any(c.dep_ == "mark" and lemma(c) in CONDITIONAL for c in tok.children):
            return "conditional"
    if top.dep_ == "advcl" and any(c.dep_ == "mark" and lemma(c) in CONDITIONAL for c in top.children):
        return "conditional"
    governor = top.head if top.dep_ in ("ccomp", "xcomp") else None
    if governor is not None and lemma(governor) in BELIEF and _governs_belief(top, governor):
        return "belief"
    auxes = {lemma(c) for tok in chain for c in tok.children if c.dep_ in ("aux", "auxpass")}
    reported = governor is not None and lemma(governor) in SAY
    if auxes & HYPOTHETICAL and not (reported and "would" in auxes):
        return "hypothetical"
    if intent_family or auxes & FUTURE or (reported and "would" in auxes):
        return "intended"
    if any(lemma(t) in INTENT_GOVERNORS for t in chain[1:]):
        return "intended"
    if any(c.dep_ == "aux" and lemma(c) == "go" for c in top.children):  # "is going to"
        return "intended"
    return "asserted"


def _governs_belief(clause: Token, verb: Token) -> bool:
    """ "X believes Y" governs Y; "Y, X believes" too, unless the belief verb has its own later clause."""
    if clause.i > verb.i:
        return True
    # A clause before the verb: only when the verb closes the sentence ("..., officials believe.").
    return all(
        t.pos_ in ("PUNCT", "ADV", "ADP", "PROPN", "NOUN", "NUM", "DET")
        for t in verb.doc[verb.i + 1 : verb.sent.end]
    )


FAILED = frozenset({"fail", "refrain"})


def negated(trigger: Token) -> bool:
    """ "did not", "never", and "failed to" negate the trigger (or the verb it completes)."""
    chain = _chain(trigger)
    if any(lemma(t) in FAILED for t in chain[1:2]):
        return True
    return any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and lemma(c) == "never") for t in chain[:2] for c in t.children
    )


def failed(trigger: Token) -> bool:
    """ "failed to reach agreement": a failure, not a plain negation (CAMEO 164 codes failed talks)."""
    chain = _chain(trigger)
    return any(lemma(t) == "fail" for t in chain[1:2])


READINESS = frozenset({"prepare", "poise", "ready", "gear"})


def readied(trigger: Token) -> bool:
    """ "prepared to resume shelling": readiness to use force (CAMEO 152: "be prepared to use force")."""
    return any(lemma(t) in READINESS for t in _chain(trigger)[1:])


def has_condition(trigger: Token) -> bool:
    """The trigger is the consequence of a condition: "may halt mediation if cooperation founders"."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and lemma(m) in ("if", "unless") for m in c.children)
        for c in trigger.children
    )


def appositive_modality(noun: Token, restated: Modality) -> Modality:
    """An appositive event noun's own hedge ("a deployment officials believe could happen soon"), read
    from the words after it up to the next comma; else the restated clause's modality."""
    words = []
    for t in noun.doc[noun.i + 1 : noun.sent.end]:
        if t.text in {",", ";", ":"}:
            break
        words.append(t)
    # Only a belief hedge overrides: "sent troops, a deployment that will last months" stays asserted.
    if any(lemma(t) in BELIEF for t in words):
        return "belief"
    return restated
