"""Who did it and to whom: source and target actors over the dependency parse.

Source = the agent (the subject; in the passive, the "by" phrase), target = the patient or recipient
(object, dative, or a to/with/against/on phrase). Actors come only from the actors stage: a token's
actor (its noun phrase's, or the one a coreference link gave it). We never reach into another sentence:
every token we look at is a dependent within the trigger's sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from spacy.tokens import Doc

from newsevents.events.features import DocView, doc_view
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


def _local_actor_at(view: DocView, table: dict[int, str], i: int) -> str | None:
    """Fallback for actors.actor_at: the token's own actor, else one in its noun phrase's modifiers
    (apposition first, then the words left of the head, nearest first: "North Korean troops")."""
    hit = table.get(i)
    if hit:
        return hit
    for c in view.children[i]:
        if view.dep[c] == "appos" and c in table:
            return table[c]
    for t in sorted(_left_np(view, i), reverse=True):
        if t in table:
            return table[t]
    return None


def _left_np(view: DocView, i: int) -> list[int]:
    """Words of a noun's phrase left of it: its pre-modifiers and theirs ("Turkish and Greek sides",
    "Vietnamese-led forces")."""
    out: list[int] = []
    for c in view.children[i]:
        if c < i and view.dep[c] in _LEFT_NP_DEPS:  # token.lefts
            out += [t for t in view.subtree(c) if t < i]
    return out[-12:]


def _actors_stage_rule() -> Callable[[DocView, dict[int, str], int], str | None] | None:
    """The actors stage's actor_at rule, by index (actors.actor_by_index with its labels as the DocView
    spells them); None without that stage."""
    try:
        from newsevents.actors import UP_DEPS, VIA_DEPS, actor_by_index
    except ImportError:
        return None
    via, up = frozenset(VIA_DEPS), frozenset(UP_DEPS)

    def rule(view: DocView, table: dict[int, str], i: int) -> str | None:
        return actor_by_index(table, i, view.children[i], view.dep, view.head, via, up)

    return rule


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
        self.stage_rule = _actors_stage_rule()
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

    def actor_of(self, i: int) -> str | None:
        """The actor word i refers to: the actors stage's answer, else the local fallback. Once per word."""
        if i in self._actor_of:
            return self._actor_of[i]
        rule, view, table = self.stage_rule, self.view, self.table
        actor = (rule(view, table, i) if rule is not None else None) or _local_actor_at(view, table, i)
        self._actor_of[i] = actor
        return actor

    def only_bare(self, tokens: list[int]) -> bool:
        """True when the tokens name only agents coded by sector alone ("troops", "workers")."""
        acts = self.actors(tokens)
        return bool(acts) and set(acts) <= self.bare

    def is_party(self, i: int) -> bool:
        """A noun that names the parties themselves ("the two countries", "both leaders"): a group of
        actors, a state or a person. Its number counts the actors, not participants like troops."""
        view = self.view
        actor = self.actor_of(i) if view.pos[i] in ("NOUN", "PROPN") else None
        if actor is not None:
            return actor in self.members or actor in self.parties
        # "the two countries", "both leaders" with no antecedent found: still the parties, not participants
        return view.dep[i] in ("nsubj", "nsubjpass") and view.lemma[i] in _group_nouns()

    # -- actors of tokens ------------------------------------------------------------------------
    def actors(self, tokens: Iterable[int]) -> list[str]:
        out: list[str] = []
        for tok in tokens:
            for t in _with_conjuncts(self.view, tok):
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
        for t in _left_np(view, i):
            if view.dep[t] in ("amod", "compound", "conj", "nmod") and t in table and table[t] not in out:
                out.append(table[t])
        return out if len(out) > 1 else []

    def _actor(self, i: int) -> str | None:
        actor = self.actor_of(i)
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
                        actor = self.actor_of(g)
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
                actor = self.actor_of(t)
                if actor:
                    return actor
        return None

    # -- verbs -----------------------------------------------------------------------------------
    def verb_roles(self, verb: int, depth: int = 0) -> tuple[list[int], list[int]]:
        """(agent tokens, patient tokens from the subject position): passive and inheritance handled."""
        view = self.view
        dep, lem, children, head_of = view.dep, view.lemma, view.children, view.head
        kids = children[verb]
        subj = [c for c in kids if dep[c] in ("nsubj", "csubj")]
        passive_subj = [c for c in kids if dep[c] in ("nsubjpass", "csubjpass")]
        agents = [g for c in kids if dep[c] == "agent" for g in children[c] if dep[g] == "pobj"]
        if subj and lem[subj[0]] in _RELATIVE and dep[verb] == "relcl":
            subj = [head_of[verb]]
        if passive_subj and lem[passive_subj[0]] in _RELATIVE and dep[verb] == "relcl":
            passive_subj = [head_of[verb]]
        if subj or passive_subj or agents or depth > 3:
            return subj + agents, passive_subj
        head, rel = head_of[verb], dep[verb]
        if head == verb:
            return [], []
        if rel == "xcomp":
            objs = [c for c in children[head] if dep[c] in ("dobj", "dative")]
            if objs and lem[head] in OBJECT_CONTROL:
                return objs, []
            agents, patients = self.verb_roles(head, depth + 1)
            # "Putin is set to meet" / "was asked to mediate": the raised subject acts.
            return (agents or patients), []
        if rel == "conj" or (rel == "advcl" and view.tag[verb] in ("VBG", "VBN")):
            return self.verb_roles(head, depth + 1)
        if rel in ("acl", "relcl"):
            if view.tag[verb] == "VBN":
                return [], [head]
            if not self.actors([head]) and dep[head] == "dobj":  # "issued a statement demanding..."
                return self.verb_roles(head_of[head], depth + 1)
            return [head], []
        governor = head_of[head]
        if (
            rel == "pcomp"
            and dep[head] == "prep"
            and dep[governor] in ("acomp", "attr")
            and head_of[governor] != governor
        ):
            # "X is guilty of violating", "Y was responsible for shelling": the copula's subject acts
            return self.verb_roles(head_of[governor], depth + 1)
        if rel == "pcomp" and dep[head] == "prep" and view.pos[governor] == "VERB":
            objs = [c for c in children[governor] if dep[c] == "dobj"]
            if lem[head] in ("for", "of") and objs:  # "thanked Kim for dispatching"
                return objs, []
            return self.verb_roles(governor, depth + 1)
        return [], []

    def verb_targets(self, verb: int, *, shared: bool = True) -> list[int]:
        view = self.view
        dep, lem, children = view.dep, view.lemma, view.children
        objs = [c for c in children[verb] if dep[c] in ("dobj", "dative", "iobj")]
        preps = self._prep_targets(verb)
        sent_to = [g for o in objs for c in children[o] if dep[c] == "prep" and lem[c] in ("to", "into")
                   for g in children[c] if dep[g] == "pobj"]  # fmt: skip
        all_objs = objs
        if objs and self.actors(preps + sent_to):
            # "sent troops to Russia", "deployed police to the city": with a recipient named, an object
            # that is only an agent noun (no country) is what was sent, not a party to the event.
            objs = [o for o in objs if not self.only_bare([o])]
        out = objs + preps
        if not self.actors(out):
            # "lifted sanctions on Syria", "pledged closer cooperation with Greece"
            for o in all_objs:
                for c in children[o]:
                    if dep[c] == "prep" and lem[c] in _OBJECT_NOUN_PREPS:
                        out += [g for g in children[c] if dep[g] == "pobj"]
        if shared and not self.actors(out):
            # A trailing phrase scopes over coordinated verbs: "sent troops and supplied arms to Russia".
            partners = [c for c in children[verb] if dep[c] == "conj" and view.pos[c] == "VERB"]
            if dep[verb] == "conj":
                partners.append(view.head[verb])
            for p in partners:
                out += self._prep_targets(p)
        return out

    def _prep_targets(self, verb: int) -> list[int]:
        view = self.view
        dep, lem, children = view.dep, view.lemma, view.children
        out: list[int] = []
        for c in children[verb]:
            if dep[c] in ("prep", "prt") and lem[c] in TARGET_PREPS:
                out += [g for g in children[c] if dep[g] == "pobj"]
            elif dep[c] == "prep" and lem[c] == "in":
                out += _in_support_of(view, c)
        return out

    # -- nouns -----------------------------------------------------------------------------------
    def noun_roles(self, noun: int, *, of_is_agent: bool = False) -> tuple[list[int], list[int]]:
        """Source and target tokens of a nominal trigger. "of X" names the patient ("the release of X")
        except for gatherings, where it names who gathers ("a meeting of the Congress")."""
        view = self.view
        dep, lem, pos, children, head = view.dep, view.lemma, view.pos, view.children, view.head
        while dep[noun] == "compound" and pos[head[noun]] in ("NOUN", "PROPN"):  # "a mediation effort"
            noun = head[noun]
        trigger = noun
        # "10 days of war games", "the first day of a strike": the measure noun carries the roles
        while dep[noun] == "pobj" and lem[head[noun]] == "of" and lem[head[head[noun]]] in _MEASURE_NOUNS:
            if any(dep[c] == "poss" for c in children[noun]):
                break  # "the release of its prisoners" keeps its own possessor
            noun = head[head[noun]]
        sources = [c for c in children[noun] if dep[c] in ("poss", "compound", "amod", "nmod")]
        sources = [c for c in sources if dep[c] == "poss" or self.actor_of(c)]
        for c in children[noun]:
            if dep[c] == "prep" and lem[c] == "by":
                sources += [g for g in children[c] if dep[g] == "pobj"]
        targets: list[int] = []
        for prep in NOUN_TARGET_PREPS:
            for c in children[noun]:
                if dep[c] == "prep" and lem[c] == prep:
                    pobjs = [g for g in children[c] if dep[g] == "pobj"]
                    if prep == "of" and of_is_agent:
                        sources += pobjs
                    else:
                        targets += pobjs
        # "the first day of a strike": the hop's own "of" phrase is the trigger, not its agent
        sources = [t for t in sources if t != trigger or noun == trigger]
        verb = None
        up = head[noun]
        if dep[noun] in ("dobj", "attr") and pos[up] in ("VERB", "AUX"):
            verb = up  # "Putin held talks" / "launched an offensive"
        elif dep[noun] == "pobj" and lem[up] in _SETTING_PREPS and pos[head[up]] == "VERB":
            verb = head[up]  # "negotiators return to Geneva for talks"
        elif dep[noun] == "pobj" and dep[head[up]] == "acomp":
            verb = head[head[up]]  # "the government is responsible for mass killings"
        if not sources and verb is not None:
            sources, _ = self.verb_roles(verb)
            # Every target prep of the verb, the noun's own included: this was written `c is not
            # noun.head`, which compared two fresh Token objects and so never excluded it; kept as is.
            for c in children[verb]:
                if dep[c] == "prep" and lem[c] in TARGET_PREPS:
                    targets += [g for g in children[c] if dep[g] == "pobj"]
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


def _in_support_of(view: DocView, prep: int) -> list[int]:
    """ "in support of Putin's war": the beneficiary, one "of/for" hop down."""
    dep, lem, children = view.dep, view.lemma, view.children
    out: list[int] = []
    for pobj in (g for g in children[prep] if dep[g] == "pobj"):
        if lem[pobj] in _SUPPORT_NOUNS:
            for c in children[pobj]:
                if dep[c] == "prep" and lem[c] in ("of", "for", "to"):
                    out += [g for g in children[c] if dep[g] == "pobj"]
    return out


def is_reciprocal(view: DocView, tokens: list[int]) -> bool:
    """ "each other" / "one another" as object."""
    lem = view.lemma
    return any(
        lem[t] in ("other", "another") and any(lem[c] in ("each", "one") for c in view.children[t])
        for t in tokens
    )
