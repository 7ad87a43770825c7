"""Is the event asserted, intended, hypothetical, a belief, a question or a condition? Is it negated?

Decided from the trigger's clause: its auxiliaries ("will", "could"), the verb that governs it
("is set to", "plans to" -> intended; "believes", "assessed" -> belief), a conditional "if/unless", and
a question mark. Reported speech ("said") is attribution, not modality: a said event stays asserted.
Words are read by index from the Doc's DocView (features.py); `sent` is the trigger's sentence.
"""

from __future__ import annotations

from spacy.tokens import Span

from newsevents.events.features import DocView
from newsevents.model import Modality
from newsevents.nlp import span_text

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
_CLOSING = frozenset({"PUNCT", "ADV", "ADP", "PROPN", "NOUN", "NUM", "DET"})


def _chain(view: DocView, trigger: int) -> list[int]:
    """The trigger and the verbs it shares its clause's modality with (xcomp / conj heads)."""
    pos, dep, head = view.pos, view.dep, view.head
    chain = [trigger]
    tok = trigger
    if pos[tok] == "NOUN" and dep[tok] == "dobj" and pos[head[tok]] == "VERB":
        # An event noun takes its verb's modality: "would tighten the blockade", "will hold talks".
        tok = head[tok]
        chain.append(tok)
    while dep[tok] in ("xcomp", "conj", "acomp") and head[tok] != tok and len(chain) < 5:
        tok = head[tok]
        chain.append(tok)
    return chain


def is_question(sent: Span) -> bool:
    text = span_text(sent)
    return text.rstrip().rstrip("\"'”’").endswith("?")


def _has_mark(view: DocView, tok: int, marks: frozenset[str]) -> bool:
    dep, lem = view.dep, view.lemma
    return any(dep[c] == "mark" and lem[c] in marks for c in view.children[tok])


def modality(view: DocView, sent: Span, trigger: int, *, intent_family: bool = False) -> Modality:
    if is_question(sent):
        return "question"
    dep, lem, head, children = view.dep, view.lemma, view.head, view.children
    chain = _chain(view, trigger)
    top = chain[-1]
    for tok in chain:
        if _has_mark(view, tok, CONDITIONAL):
            return "conditional"
    if dep[top] == "advcl" and _has_mark(view, top, CONDITIONAL):
        return "conditional"
    governor = head[top] if dep[top] in ("ccomp", "xcomp") else None
    if governor is not None and lem[governor] in BELIEF and _governs_belief(view, sent, top, governor):
        return "belief"
    auxes = {lem[c] for tok in chain for c in children[tok] if dep[c] in ("aux", "auxpass")}
    reported = governor is not None and lem[governor] in SAY
    if auxes & HYPOTHETICAL and not (reported and "would" in auxes):
        return "hypothetical"
    if intent_family or auxes & FUTURE or (reported and "would" in auxes):
        return "intended"
    if any(lem[t] in INTENT_GOVERNORS for t in chain[1:]):
        return "intended"
    if any(dep[c] == "aux" and lem[c] == "go" for c in children[top]):  # "is going to"
        return "intended"
    return "asserted"


def _governs_belief(view: DocView, sent: Span, clause: int, verb: int) -> bool:
    """ "X believes Y" governs Y; "Y, X believes" too, unless the belief verb has its own later clause."""
    if clause > verb:
        return True
    # A clause before the verb: only when the verb closes the sentence ("..., officials believe.").
    return all(view.pos[t] in _CLOSING for t in range(verb + 1, sent.end))


FAILED = frozenset({"fail", "refrain"})


def negated(view: DocView, trigger: int) -> bool:
    """ "did not", "never", and "failed to" negate the trigger (or the verb it completes)."""
    dep, lem = view.dep, view.lemma
    chain = _chain(view, trigger)
    if any(lem[t] in FAILED for t in chain[1:2]):
        return True
    return any(
        dep[c] == "neg" or (dep[c] == "advmod" and lem[c] == "never")
        for t in chain[:2]
        for c in view.children[t]
    )


def failed(view: DocView, trigger: int) -> bool:
    """ "failed to reach agreement": a failure, not a plain negation (CAMEO 164 codes failed talks)."""
    return any(view.lemma[t] == "fail" for t in _chain(view, trigger)[1:2])


_IF_UNLESS = frozenset({"if", "unless"})
READINESS = frozenset({"prepare", "poise", "ready", "gear"})


def readied(view: DocView, trigger: int) -> bool:
    """ "prepared to resume shelling": readiness to use force (CAMEO 152: "be prepared to use force")."""
    return any(view.lemma[t] in READINESS for t in _chain(view, trigger)[1:])


def has_condition(view: DocView, trigger: int) -> bool:
    """The trigger is the consequence of a condition: "may halt mediation if cooperation founders"."""
    return any(view.dep[c] == "advcl" and _has_mark(view, c, _IF_UNLESS) for c in view.children[trigger])


def appositive_modality(view: DocView, sent: Span, noun: int, restated: Modality) -> Modality:
    """An appositive event noun's own hedge ("a deployment officials believe could happen soon"), read
    from the words after it up to the next comma; else the restated clause's modality."""
    words = []
    for t in range(noun + 1, sent.end):
        if view.lower[t] in (",", ";", ":"):
            break
        words.append(t)
    # Only a belief hedge overrides: "sent troops, a deployment that will last months" stays asserted.
    if any(view.lemma[t] in BELIEF for t in words):
        return "belief"
    return restated
