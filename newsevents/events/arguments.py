"""Who did it and to whom: source and target actors over the dependency parse.

Source = the agent (the subject; in the passive, the "by" phrase), target = the patient or recipient
(object, dative, or a to/with/against/on phrase). Actors come only from the actors stage: a token's
actor (its noun phrase's, or the one a coreference link gave it). We never reach into another sentence:
every token we look at is a dependent within the trigger's sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from spacy.tokens import Doc, Token

from newsevents.events.features import DocView, doc_view, lemma
from newsevents.events.lexicon import lexicon

TARGET_PREPS = ("to", "with", "against", "on", "upon", "at", "toward", "towards", "into", "over")
NOUN_TARGET_PREPS = ("with", "to", "on", "against", "between", "into", "upon", "over", "for", "of")
# Verbs that hand their object to an infinitive as its subject ("urged Iran to release").
OBJECT_CONTROL = frozenset(
    {"urge", "ask", "persuade", "order", "force", "invite", "encourage", "tell", "allow", "call", "press",
     "push", "pressure", "compel", "request", "help", "require", "permit", "advise", "warn"}
)  # fmt: skip
_RELATIVE = frozenset({"who", "that", "which", "whom"})
# Pronouns we resolve in-sentence when the actors stage left them unlinked. Not he/she: the actors stage
# links persons by coreference, and a guess here could pick the wrong person ("Pelosi rejected his offer").
_PERSONAL = frozenset({"it", "its", "they", "them", "their"})
_OBJECT_NOUN_PREPS = frozenset({"on", "against", "with", "to", "toward", "towards", "by"})
# "the chair of X", "officials from X", "groups in X", "violations by X", "students throughout X"
_NP_PREPS = frozenset({"of", "from", "in", "by", "throughout", "across"})
_LOCATIVE_PREPS = frozenset({"in", "throughout", "across"})
_MEASURE_NOUNS = frozenset(
    {"day", "week", "month", "year", "hour", "series", "wave", "round", "string", "spate", "number", "lot",
     "couple", "dozen", "hundred", "thousand", "start", "end", "beginning", "resumption", "continuation"}
)  # fmt: skip
_SETTING_PREPS = frozenset({"for", "in", "into", "at", "during", "as", "on"})
_SUPPORT_NOUNS = frozenset(
    {"support", "solidarity", "defence", "defense", "aid", "behalf", "favour", "favor"}
)

_LEFT_NP_DEPS = frozenset({"compound", "poss", "amod", "nmod", "npadvmod"})

ActorAt = Callable[[Doc, Token], "str | None"]


def _local_actor_at(doc: Doc, token: Token) -> str | None:
    """Fallback for actors.actor_at: the token's own actor, else one in its noun phrase's modifiers
    (apposition first, then the words left of the head, nearest first: "North Korean troops")."""
    table = doc._.newsevents_actor_tokens or {}
    hit = table.get(token.i)
    if hit:
        return hit
    for c in token.children:
        if c.dep_ == "appos" and c.i in table:
            return table[c.i]
    for t in sorted(_left_np(token), key=lambda t: -t.i):
        if t.i in table:
            return table[t.i]
    return None


def _left_np(token: Token) -> list[Token]:
    """Words of a noun's phrase left of it: its pre-modifiers and theirs ("Turkish and Greek sides",
    "Vietnamese-led forces")."""
    out: list[Token] = []
    for c in token.lefts:
        if c.dep_ in _LEFT_NP_DEPS:
            out += [t for t in c.subtree if t.i < token.i]
    return out[-12:]


def _left_np_at(view: DocView, i: int) -> list[int]:
    """_left_np() by index."""
    out: list[int] = []
    for c in view.children[i]:
        if c < i and view.dep[c] in _LEFT_NP_DEPS:
            out += [t for t in view.subtree(c) if t < i]
    return out[-12:]


def actor_lookup() -> ActorAt:
    try:
        from newsevents.actors import actor_at  # type: ignore[attr-defined]
    except ImportError:
        return _local_actor_at

    def lookup(doc: Doc, token: Token) -> str | None:
        return actor_at(doc, token) or _local_actor_at(doc, token)

    return lookup


@cache
def _group_nouns() -> frozenset[str]:
    """Nouns that name a group of actors ("the two countries"): the actors dictionary's group words."""
    try:
        from newsevents.actors.dictionary import load_dictionary
    except ImportError:
        return frozenset()
    return frozenset(load_dictionary().groups)


class Arguments:
    """Resolves the sources and targets of triggers in one Doc."""

    def __init__(self, doc: Doc, view: DocView | None = None) -> None:
        self.doc = doc
        self.view = view if view is not None else doc_view(doc)
        self.actor_at = actor_lookup()
        self.table: dict[int, str] = doc._.newsevents_actor_tokens or {}
        # By token index: the same words are asked about for many triggers and count phrases.
        self._actor_of: dict[int, str | None] = {}  # actor_at's answer
        self._found: dict[int, list[str]] = {}  # the actors one word names (_named)
        self.members = {a.id: list(a.members) for a in (doc._.newsevents_actors or []) if a.members}
        self.parties = {a.id for a in (doc._.newsevents_actors or []) if a.kind in ("state", "person")}
        # Agents coded by their sector alone ("troops", "workers"): no country, code == sector.
        self.bare = {
            a.id
            for a in (doc._.newsevents_actors or [])
            if a.country is None and a.code and a.code == a.sector
        }

    def actor_of(self, tok: Token) -> str | None:
        """self.actor_at(self.doc, tok), looked up once per token."""
        i = tok.i
        if i in self._actor_of:
            return self._actor_of[i]
        actor = self._actor_of[i] = self.actor_at(self.doc, tok)
        return actor

    def _actor_of_index(self, i: int) -> str | None:
        """actor_of() by index: a Token is made only the first time."""
        if i in self._actor_of:
            return self._actor_of[i]
        actor = self._actor_of[i] = self.actor_at(self.doc, self.doc[i])
        return actor

    def only_bare(self, tokens: list[Token]) -> bool:
        """True when the tokens name only agents coded by sector alone ("troops", "workers")."""
        acts = self.actors(tokens)
        return bool(acts) and set(acts) <= self.bare

    def is_party(self, tok: Token) -> bool:
        """A noun that names the parties themselves ("the two countries", "both leaders"): a group of
        actors, a state or a person. Its number counts the actors, not participants like troops."""
        actor = self.actor_of(tok) if tok.pos_ in ("NOUN", "PROPN") else None
        if actor is not None:
            return actor in self.members or actor in self.parties
        # "the two countries", "both leaders" with no antecedent found: still the parties, not participants
        return tok.dep_ in ("nsubj", "nsubjpass") and lemma(tok) in _group_nouns()

    # -- actors of tokens ------------------------------------------------------------------------
    def actors(self, tokens: Iterable[Token]) -> list[str]:
        out: list[str] = []
        for tok in tokens:
            for t in _with_conjuncts(self.view, tok.i):
                for actor in self._named(t):
                    for a in self.members.get(actor, [actor]):
                        if a not in out:
                            out.append(a)
        return out

    def _named(self, i: int) -> list[str]:
        """The actors one word names: its coordinated pre-modifiers' ("the Turkish and Greek sides"),
        else its own. Worked out once per word."""
        found = self._found.get(i)
        if found is None:
            found = self._modifier_actors(i)
            if not found:
                actor = self._actor(i)
                found = [actor] if actor else []
            self._found[i] = found
        return found

    def _modifier_actors(self, i: int) -> list[str]:
        """All actors among a head noun's coordinated pre-modifiers ("the Turkish and Greek sides")."""
        table, view = self.table, self.view
        if view.pos[i] not in ("NOUN", "PROPN") or i in table:
            return []
        out = []
        for t in _left_np_at(view, i):
            if view.dep[t] in ("amod", "compound", "conj", "nmod") and t in table and table[t] not in out:
                out.append(table[t])
        return out if len(out) > 1 else []

    def _actor(self, i: int) -> str | None:
        actor = self._actor_of_index(i)
        if actor:
            return actor
        view = self.view
        lem, dep, pos = view.lemma, view.dep, view.pos
        # "the chair of Russia's Duma", "officials from X", "groups in Zimbabwe": the organisation or state.
        event_noun = lem[i] in lexicon().nouns
        for c in view.children[i]:
            # NUM: a quantity as the head, "1,800 of the 2,200 Serbian teachers"
            if dep[c] == "prep" and lem[c] in _NP_PREPS and pos[i] in ("NOUN", "NUM"):
                if event_noun and lem[c] in _LOCATIVE_PREPS:
                    continue  # "an offensive in Russia's Kursk region": where, not who
                for g in view.children[c]:
                    if dep[g] == "pobj":
                        actor = self._actor_of_index(g)
                        if actor:
                            return actor
        if pos[i] == "PRON" and lem[i] in _PERSONAL:
            return self._pronoun(i)
        return None

    def _pronoun(self, i: int) -> str | None:
        """A pronoun with no coreference link: the nearest subject actor earlier in the same sentence
        ("Syria says it is willing", "Putin spoke ... ahead of his summit"); never another sentence."""
        dep = self.view.dep
        for t in range(i - 1, self.doc[i].sent.start - 1, -1):
            if dep[t] in ("nsubj", "nsubjpass"):
                actor = self._actor_of_index(t)
                if actor:
                    return actor
        return None

    # -- verbs -----------------------------------------------------------------------------------
    def verb_roles(self, verb: Token, depth: int = 0) -> tuple[list[Token], list[Token]]:
        """(agent tokens, patient tokens from the subject position): passive and inheritance handled."""
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        passive_subj = [c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")]
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subj and lemma(subj[0]) in _RELATIVE and verb.dep_ == "relcl":
            subj = [verb.head]
        if passive_subj and lemma(passive_subj[0]) in _RELATIVE and verb.dep_ == "relcl":
            passive_subj = [verb.head]
        if subj or passive_subj or agents or depth > 3:
            return subj + agents, passive_subj
        head, dep = verb.head, verb.dep_
        if head.i == verb.i:
            return [], []
        if dep == "xcomp":
            objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objs and lemma(head) in OBJECT_CONTROL:
                return objs, []
            agents, patients = self.verb_roles(head, depth + 1)
            # "Putin is set to meet" / "was asked to mediate": the raised subject acts.
            return (agents or patients), []
        if dep == "conj" or (dep == "advcl" and verb.tag_ in ("VBG", "VBN")):
            return self.verb_roles(head, depth + 1)
        if dep in ("acl", "relcl"):
            if verb.tag_ == "VBN":
                return [], [head]
            if not self.actors([head]) and head.dep_ == "dobj":  # "issued a statement demanding..."
                return self.verb_roles(head.head, depth + 1)
            return [head], []
        if (
            dep == "pcomp"
            and head.dep_ == "prep"
            and head.head.dep_ in ("acomp", "attr")
            and head.head.head.i != head.head.i
        ):
            # "X is guilty of violating", "Y was responsible for shelling": the copula's subject acts
            return self.verb_roles(head.head.head, depth + 1)
        if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "VERB":
            gp = head.head
            objs = [c for c in gp.children if c.dep_ == "dobj"]
            if lemma(head) in ("for", "of") and objs:  # "thanked Kim for dispatching"
                return objs, []
            return self.verb_roles(gp, depth + 1)
        return [], []

    def verb_targets(self, verb: Token, *, shared: bool = True) -> list[Token]:
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")]
        preps = self._prep_targets(verb)
        sent_to = [g for o in objs for c in o.children if c.dep_ == "prep" and lemma(c) in ("to", "into")
                   for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        all_objs = objs
        if objs and self.actors(preps + sent_to):
            # "sent troops to Russia", "deployed police to the city": with a recipient named, an object
            # that is only an agent noun (no country) is what was sent, not a party to the event.
            objs = [o for o in objs if not self.only_bare([o])]
        out = objs + preps
        if not self.actors(out):
            # "lifted sanctions on Syria", "pledged closer cooperation with Greece"
            for o in all_objs:
                for c in o.children:
                    if c.dep_ == "prep" and lemma(c) in _OBJECT_NOUN_PREPS:
                        out += [g for g in c.children if g.dep_ == "pobj"]
        if shared and not self.actors(out):
            # A trailing phrase scopes over coordinated verbs: "sent troops and supplied arms to Russia".
            partners = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
            if verb.dep_ == "conj":
                partners.append(verb.head)
            for p in partners:
                out += self._prep_targets(p)
        return out

    def _prep_targets(self, verb: Token) -> list[Token]:
        out: list[Token] = []
        for c in verb.children:
            if c.dep_ in ("prep", "prt") and lemma(c) in TARGET_PREPS:
                out += [g for g in c.children if g.dep_ == "pobj"]
            elif c.dep_ == "prep" and lemma(c) == "in":
                out += _in_support_of(c)
        return out

    # -- nouns -----------------------------------------------------------------------------------
    def noun_roles(self, noun: Token, *, of_is_agent: bool = False) -> tuple[list[Token], list[Token]]:
        """Source and target tokens of a nominal trigger. "of X" names the patient ("the release of X")
        except for gatherings, where it names who gathers ("a meeting of the Congress")."""
        while noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):  # "a mediation effort"
            noun = noun.head
        trigger = noun
        # "10 days of war games", "the first day of a strike": the measure noun carries the roles
        while noun.dep_ == "pobj" and lemma(noun.head) == "of" and lemma(noun.head.head) in _MEASURE_NOUNS:
            if any(c.dep_ == "poss" for c in noun.children):
                break  # "the release of its prisoners" keeps its own possessor
            noun = noun.head.head
        sources = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        sources = [c for c in sources if c.dep_ == "poss" or self.actor_of(c)]
        for c in noun.children:
            if c.dep_ == "prep" and lemma(c) == "by":
                sources += [g for g in c.children if g.dep_ == "pobj"]
        targets: list[Token] = []
        for prep in NOUN_TARGET_PREPS:
            for c in noun.children:
                if c.dep_ == "prep" and lemma(c) == prep:
                    pobjs = [g for g in c.children if g.dep_ == "pobj"]
                    if prep == "of" and of_is_agent:
                        sources += pobjs
                    else:
                        targets += pobjs
        # "the first day of a strike": the hop's own "of" phrase is the trigger, not its agent
        sources = [t for t in sources if t.i != trigger.i or noun.i == trigger.i]
        verb = None
        if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
            verb = noun.head  # "Putin held talks" / "launched an offensive"
        elif noun.dep_ == "pobj" and lemma(noun.head) in _SETTING_PREPS and noun.head.head.pos_ == "VERB":
            verb = noun.head.head  # "negotiators return to Geneva for talks"
        elif noun.dep_ == "pobj" and noun.head.head.dep_ == "acomp":
            verb = noun.head.head.head  # "the government is responsible for mass killings"
        if not sources and verb is not None:
            sources, _ = self.verb_roles(verb)
            for c in verb.children:
                if c.dep_ == "prep" and lemma(c) in TARGET_PREPS and c is not noun.head:
                    targets += [g for g in c.children if g.dep_ == "pobj"]
        return sources, targets


def _with_conjuncts(view: DocView, i: int) -> list[int]:
    dep, children = view.dep, view.children
    out = [i]
    stack = [c for c in children[i] if dep[c] == "conj"]
    while stack:
        t = stack.pop()
        out.append(t)
        stack += [c for c in children[t] if dep[c] == "conj"]
    return out


def _in_support_of(prep: Token) -> list[Token]:
    """ "in support of Putin's war": the beneficiary, one "of/for" hop down."""
    out = []
    for pobj in (g for g in prep.children if g.dep_ == "pobj"):
        if lemma(pobj) in _SUPPORT_NOUNS:
            for c in pobj.children:
                if c.dep_ == "prep" and lemma(c) in ("of", "for", "to"):
                    out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def is_reciprocal(tokens: list[Token]) -> bool:
    """ "each other" / "one another" as object."""
    return any(
        lemma(t) in ("other", "another") and any(lemma(c) in ("each", "one") for c in t.children)
        for t in tokens
    )
