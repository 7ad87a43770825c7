"""events: who did what to whom, coded in CAMEO and PLOVER, each with its trigger and sentence.

    find_triggers (triggers.py, lexicon.py)   words of the sentence -> coded triggers
    Arguments (arguments.py)                  trigger -> source and target actors, over the parse
    modality / negated (modality.py)          asserted, intended, hypothetical, belief, question...
    find_counts (counts.py)                   "around 15,000 troops"
    cameo / plover (coding.py)                code -> names, Goldstein, quad class, PLOVER type

Coordinated actors expand: "Russia and North Korea signed a treaty" gives two directed events,
RUS->PRK and PRK->RUS, when no other party is named and the act is mutual (intent, consult, material
cooperation, relations, recognition, signing; not fighting: "X and Y fought" may be allies; not praise:
"X and Y welcomed his return" is no X->Y event). "Russia and China praised X" gives RUS->X and CHN->X.
"each other" makes every ordered pair of the coordinated subjects.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsevents.events.arguments import Arguments, is_reciprocal
from newsevents.events.coding import cameo, plover
from newsevents.events.counts import find_counts, may_count
from newsevents.events.features import DocView, doc_view, lemmas_at, region_at
from newsevents.events.lexicon import lexicon
from newsevents.events.modality import appositive_modality, failed, has_condition, modality, negated, readied
from newsevents.events.triggers import Trigger, appositive_triggers, find_triggers
from newsevents.model import Event, EventDate, EventLocation, Offsets, TextSpan
from newsevents.nlp import doc_text, span_text
from newsevents.settings import Settings

__all__ = ["add_to", "find_events", "events_component"]

# Roots whose events are mutual when coordinated subjects act with no object ("X and Y met").
SYMMETRIC_ROOTS = frozenset({"03", "04", "06"})
SYMMETRIC_CODES = frozenset({"050", "054", "057"})
MAX_PAIRS = 8
_NOMINAL = ("NOUN", "PROPN")  # the words may_count can accept
# Codes of sending, giving and deploying (and the intents to): their object is a theme.
THEME_CODES = ("07", "033", "15")


def add_to(nlp: Language, settings: Settings) -> None:
    lexicon()  # load now, not on the first article
    nlp.add_pipe("newsevents_events", last=True)


def _date_fn():
    try:
        from newsevents import temporal
    except ImportError:
        return None
    return getattr(temporal, "event_date", None)


def _locator_class():
    """places.EventLocator: a Doc's triggers share its per-Doc reading of the places."""
    try:
        from newsevents import places
    except ImportError:
        return None
    return getattr(places, "EventLocator", None)


def _trigger_span(view: DocView, tok: Token) -> TextSpan:
    last = tok.i
    for c in view.children[tok.i]:  # "pulled out", "cracked down": the particle belongs to the trigger
        if view.dep[c] == "prt" and c == last + 1:
            last = c
    end_tok = tok if last == tok.i else view.doc[last]
    start, end = tok.idx, end_tok.idx + len(end_tok.text)
    return TextSpan(start, end, doc_text(view.doc)[start:end])


def _sentence(sent: Span) -> Offsets:
    text = span_text(sent)
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return Offsets(start, sent.start_char + len(text.rstrip()))


def _roles(args: Arguments, trig: Trigger) -> tuple[list[int], list[int]]:
    """Indices of the trigger's agent and patient words."""
    view = args.view
    i = trig.token.i
    if trig.restates is not None:  # an appositive noun: the actors of the clause it restates
        agents, patients = args.verb_roles(trig.restates.i)
        return agents, patients + args.verb_targets(trig.restates.i)
    if trig.alt.pos == "noun":
        return args.noun_roles(i, of_is_agent=trig.code[:2] in ("04", "14"))
    verb = view.head[i] if trig.alt.pos == "adjective" and view.dep[i] == "acomp" else i
    agents, patients = args.verb_roles(verb)
    targets = patients + args.verb_targets(i)
    if trig.family in ("demand", "appeal") and trig.alt.modal:  # "said Iran must release": who must act
        dep, children = view.dep, view.children
        targets += [g for c in children[i] if dep[c] == "ccomp" for g in children[c] if dep[g] == "nsubj"]
    comp = trig.complement
    if comp is not None and comp.pos_ == "VERB" and trig.alt.governs:
        targets += args.verb_targets(comp.i)  # "agreed to send workers to Russia"
    elif comp is not None and comp.pos_ == "NOUN":
        targets += args.noun_roles(comp.i)[1]  # "called for talks with X"
    return agents, targets


def _count_words(view: DocView, args: Arguments, trig: Trigger, agents: list[int]) -> list[Token]:
    """Where an event's counts are read: the trigger's region and its agents' phrases, less the parties
    themselves. Only words that can carry a count are asked whether they are a party (an actor lookup)."""
    scope = region_at(view, (trig.restates if trig.restates is not None else trig.token).i)
    words = scope + [t for s in agents for t in view.subtree(s)]
    doc, pos = view.doc, view.pos
    # most words are no noun: tested here before the call
    return [doc[i] for i in words if pos[i] in _NOMINAL and may_count(view, i) and not args.is_party(i)]


def _imperative(view: DocView, sent: Span, i: int) -> bool:
    return (
        view.dep[i] == "ROOT"
        and view.tag[i] == "VB"
        and i == sent.start
        and not any(view.dep[c] in ("nsubj", "nsubjpass", "aux") for c in view.children[i])
    )


def _pairs(
    sources: list[str], targets: list[str], recip: bool, code: str
) -> list[tuple[str | None, str | None]]:
    mutual = code[:2] in SYMMETRIC_ROOTS or code in SYMMETRIC_CODES
    if len(sources) > 1 and (recip or (not targets and mutual)):
        return [(s, t) for s in sources for t in sources if s != t][:MAX_PAIRS]
    if sources and targets:
        return [(s, t) for s in sources for t in targets if s != t][:MAX_PAIRS] or [(sources[0], None)]
    if sources:
        return [(s, None) for s in sources][:MAX_PAIRS]
    return [(None, t) for t in targets][:MAX_PAIRS]


def _intended(lex, code: str, rule: str, words: set[str]) -> tuple[str, str]:
    """CAMEO codes a future action as its intent: "will visit" is 036, "will impose sanctions" 1312;
    "to sign a military agreement" takes its topic from its words (0312)."""
    root = code[:2]
    if root in ("04", "05", "06", "07", "08"):
        family = "intent"
    elif root in ("14", "15", "16", "17", "18", "19", "20"):
        family = "threaten"
    else:
        return code, rule
    topic = lex.code_topic(code)
    if topic not in lex.families[family].codes:
        topic = lex.topic_of(words, lex.families[family].codes)
    new = lex.family_code(family, topic)
    return new, f"{rule}; intended->{family}:{new}"


def find_events(doc: Doc) -> list[Event]:
    """Coded events of a Doc the actors (and, when present, temporal and places) stages have read."""
    article = doc._.newsevents_article
    lex = lexicon()
    view = doc_view(doc)
    args = Arguments(doc, view)
    date_at, locator = _date_fn(), _locator_class()
    location_at = locator(doc) if locator else None
    events: list[Event] = []
    seen: set[tuple] = set()
    text = doc_text(doc)
    for sent in doc.sents:
        if not text[sent.start_char : sent.end_char].strip():  # sent.text, without re-joining its tokens
            continue
        found = find_triggers(sent, lex, view)
        strong = [t for t in found if not t.alt.weak]
        weak = [t for t in found if t.alt.weak]
        # Plain statements ("officials said") count only when the sentence's other acts have no actors.
        before = len(events)
        for trig in strong + appositive_triggers(sent, lex, strong, view) + weak:
            if trig.alt.weak and strong and len(events) > before:
                continue
            tok = trig.token
            if article is not None and article.is_boilerplate(tok.idx, tok.idx + len(tok.text)):
                continue
            if _imperative(view, sent, tok.i):
                continue  # "Consider TPS, which ...": an instruction to the reader, not an event
            src_toks, tgt_toks = _roles(args, trig)  # indices
            if trig.code.startswith(THEME_CODES):
                # "sent troops", "pledged to send workers": an agent noun with no country as the object of
                # a transfer or deployment is what is sent, not a party.
                tgt_toks = [t for t in tgt_toks if view.dep[t] != "dobj" or not args.only_bare([t])]
            sources = args.actors(src_toks)
            targets = [a for a in args.actors(tgt_toks) if a not in sources or is_reciprocal(view, tgt_toks)]
            code, family, rule = trig.code, trig.family, trig.rule
            neg = negated(view, tok.i)
            if neg and (family == "intent" or (family is None and code[:2] == "08")):
                # "did not agree to meet", "would not release": CAMEO's refusal codes, asserted
                topic = trig.topic if family else lex.code_topic(code)
                if topic not in lex.families["reject"].codes:
                    topic = "yield" if code[:2] == "08" else None
                family, code, neg = "reject", lex.family_code("reject", topic), False
                rule += f"; negated->reject:{code}"
            if neg and failed(view, tok.i) and (code[:2] == "04" or code in ("057", "046")):
                # "failed to reach agreement": CAMEO 164 covers failed negotiations (its usage notes)
                code, neg = "164", False
                rule += "; failed->164"
            pairs = _pairs(sources, targets, is_reciprocal(view, tgt_toks), code)
            if not pairs:
                continue  # generic statement: no specific actor on either side
            if trig.restates is not None:
                # By index: spaCy makes a new Token object on every access, so `is` never held here.
                governed = any(
                    f.complement is not None and f.complement.i == trig.restates.i and f.family == "intent"
                    for f in found
                )
                restated = modality(view, sent, trig.restates.i, intent_family=governed)
                mod = appositive_modality(view, sent, tok.i, restated)
                neg = negated(view, trig.restates.i)
            else:
                mod = modality(view, sent, tok.i, intent_family=family == "intent")
            # A hostile act promised for the future, or made the price of a condition ("may halt mediation
            # if ..."), is a threat (CAMEO 130: forecast conflictual behaviour is coded as a threat).
            if family is None and (
                mod == "intended" or (mod == "hypothetical" and has_condition(view, tok.i))
            ):
                force = code[:2] in ("18", "19", "20")
                code, rule = _intended(lex, code, rule, lemmas_at(view, region_at(view, tok.i)))
                if force and readied(view, tok.i):  # readiness to use force is a force posture, not a threat
                    code, rule = "152", f"{rule}; readied->152"
            counts = find_counts(_count_words(view, args, trig, src_toks))
            date: EventDate | None = date_at(doc, tok) if date_at else None
            location: EventLocation | None = location_at(tok, sent) if location_at else None
            for source, target in pairs:
                # A noun restating a coded event ("a trip to X, his first visit to X") adds nothing;
                # two verbs are two actions ("sent troops and supplied arms").
                key = (code, source, target, sent.start)
                partial = (code, source, None, sent.start)  # same act, its target unnamed here
                if trig.alt.pos != "verb" and (key in seen or (target is None and partial in seen)):
                    continue
                if (key, tok.i) in seen:
                    continue
                seen.update((key, (key, tok.i), partial))
                events.append(
                    Event(
                        id=f"E{len(events) + 1}",
                        source=source,
                        target=target,
                        cameo=cameo(code),
                        plover=plover(code),
                        trigger=_trigger_span(view, tok),
                        sentence=_sentence(sent),
                        date=date,
                        location=location,
                        modality=mod,
                        negated=neg,
                        counts=list(counts),
                        rule=rule,
                    )
                )
    return events


@Language.component(
    "newsevents_events",
    requires=["doc._.newsevents_actors", "doc._.newsevents_times", "doc._.newsevents_places"],
    assigns=["doc._.newsevents_events"],
)
def events_component(doc: Doc) -> Doc:
    doc._.newsevents_events = find_events(doc)
    return doc
