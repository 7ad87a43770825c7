"""Speakers: from the words at a cue ("it", "Mr Putin", "the influential US daily") to an actor.

The actors stage's coreference comes first: when it mapped a token of the speaker's words to an actor,
that is the speaker. What it cannot know, and this module adds, is that speech has non-actor speakers:
documents ("it stated", where "it" is the letter, whose author is Putin). When the actors stage has no
actor for a speaker (it missed a name, or is not installed), we add one by these general rules:

- a proper name at the cue: an earlier actor with the same last word (surname), else a new actor;
- he/she: the one person named in this sentence or the one before, when there is only one; it: the most salient earlier non-person noun,
  documents first for verbs of speech, news organisations first for verbs of relay;
- a definite role description ("the Russian president") with no name: the most recent person subject.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from newsevents.actors import UP_DEPS, VIA_DEPS, actor_by_index
from newsevents.attribution.lexicon import lexicon
from newsevents.attribution.table import ADJ, AUX, NOUN, PRON, PROPN, VERB, TokenTable, dep_ids, ids
from newsevents.model import Actor, Mention
from newsevents.nlp import span_text

TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "mr.", "mrs.", "ms.", "dr.", "prof", "prof."}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
IT_PRONOUNS = {"it", "its"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Deps whose subtree we drop from a speaker's words: clauses hanging off the noun (and, unless the
# clauses are wanted, relative clauses and participles).
_DROP_CLAUSES = dep_ids("advcl", "ccomp", "punct")
_DROP_ALL = _DROP_CLAUSES | dep_ids("relcl", "acl")
_PUNCT, _NMOD, _CC = dep_ids("punct"), dep_ids("nmod"), dep_ids("cc")
_VIA, _UP = dep_ids(*VIA_DEPS), dep_ids(*UP_DEPS)  # the actors stage's actor_at rule, on the table
_NOMINAL = frozenset({PROPN, NOUN, PRON})
_SUBJECT_DEPS = dep_ids(*SUBJECTS)
_AGENT, _POBJ = dep_ids("agent"), dep_ids("pobj")
_CLIMBS = dep_ids("advcl", "xcomp", "conj", "pcomp", "acl", "acomp")  # clauses a subject is shared into
_PREDICATES = frozenset({VERB, AUX, ADJ})
_TIMES = ids(["TIME", "DATE"])  # entity types
(_PERSON,) = ids(["PERSON"])
_MODIFIERS = dep_ids("compound", "amod", "poss", "nmod")  # nouns that only modify another
_COMPOUND = dep_ids("compound")
_AUTHOR_VERBS = {"send", "write", "issue", "sign", "pen", "publish", "release", "draft", "post", "tweet"}


def mention_span(table: TokenTable, head: int, *, clauses: bool = False) -> Span:
    """The speaker's words: the noun phrase headed by token `head`, with its relative clauses and
    appositions ("Luis Rubio, who heads the center,"), or without the clauses unless `clauses`.
    Read from the table: no Token is made for the phrase's words."""
    drop = _DROP_CLAUSES if clauses else _DROP_ALL
    dep, children = table.dep, table.children
    head_propn = table.pos[head] == PROPN
    tokens = {head}
    stack = [head]
    floor = -1  # words before a dropped apposed noun are not the speaker's either
    while stack:
        tok = stack.pop()
        for child in children(tok):
            d = dep[child]
            if d in drop and not (d in _PUNCT and table.token_text(child) in "-–'’"):
                continue
            if (
                tok == head
                and d in _NMOD
                and child < head
                and not head_propn
                # "Federal and state officials": coordinated modifiers, not an apposed noun
                and not any(dep[g] in _CC for g in children(child))
            ):
                # "a deployment South Korean intelligence": the nmod is the apposed noun, not the speaker.
                floor = max(floor, max(table.subtree(child)))
                continue
            tokens.add(child)
            stack.append(child)
    if floor >= 0:
        tokens = {i for i in tokens if i > floor}
    start, end = min(tokens), max(tokens) + 1
    # A speaker's words never cross a paragraph break (live blogs: "The Latest ...\n\n7 p.m.\n\nTrump").
    idx, length, text = table.idx, table.length, table.text
    if "\n" in text[idx[start] : idx[end - 1] + length[end - 1]]:  # one slice test before any token's
        breaks = [i for i in range(start, end) if "\n" in table.token_text(i)]
        start = max([start, *(i + 1 for i in breaks if i < head)])
        end = min([end, *(i for i in breaks if i > head)])
    # Keep the span contiguous and trim punctuation at its edges ("the chair of Russia's Duma, X,").
    is_punct, is_space = table.is_punct, table.is_space
    while start < end - 1 and (is_punct[start] or is_space[start]):
        start += 1
    while end > start + 1 and (is_punct[end - 1] or is_space[end - 1]):
        end -= 1
    return table.doc[start:end]


class Resolver:
    """Resolves speakers' words to actor ids, adding actors the actors stage missed."""

    def __init__(
        self, doc: Doc, table: TokenTable | None = None, sent_starts: list[int] | None = None
    ) -> None:
        self.doc = doc
        self.table = TokenTable(doc) if table is None else table
        if doc._.newsevents_actors is None:
            doc._.newsevents_actors = []
        if doc._.newsevents_actor_tokens is None:
            doc._.newsevents_actor_tokens = {}
        self.actors: list[Actor] = doc._.newsevents_actors
        self.tokens: dict[int, str] = doc._.newsevents_actor_tokens
        self.lex = lexicon()
        self._sent_starts = sent_starts  # each sentence's first token, when the caller has them
        self._actors: dict[int, str | None] = {}  # token index -> actor_at's answer

    # -- public -------------------------------------------------------------------------------------

    def resolve(self, span: Span, cue: Token | None = None) -> str | None:
        """The actor whose words these are, for the speaker's words `span` at `cue`."""
        head = span.root
        low = head.lower_
        if head.pos_ == "PRON" or low in PERSON_PRONOUNS | IT_PRONOUNS:
            if low in IT_PRONOUNS:
                return self._resolve_it(head, cue)
            if low in PERSON_PRONOUNS:
                # The actors stage's coreference first; without gender knowledge our own guess is
                # made only when a single person is in sight.
                return self._stage_actor(span) or self._only_person(head)
            return self._stage_actor(span)
        found = self._stage_actor(span)
        if found:
            return found
        if head.lemma_.lower() in self.lex.documents and head.pos_ == "NOUN":
            return self.author_of(head)
        if self._is_name(span):
            return self._name_actor(span)
        is_role = head.lemma_.lower() in self.lex.roles and not any(t.pos_ == "PROPN" for t in span)
        if is_role and (span[0].lower_ == "the" or span[0].dep_ == "poss"):
            return self._recent_person(head, subjects_only=True)
        return None

    def author_of(self, document: Token) -> str | None:
        """Who wrote a document: 'Putin's letter', 'a letter from Putin', 'Putin ... in a letter'."""
        lemma, table = document.lemma_.lower(), self.table
        mentions = [i for i in range(document.i + 1) if table.lemma[i] == lemma and table.pos[i] == NOUN]
        for i in mentions:
            author = self._author_at(self.doc[i])
            if author is not None:
                return author
        return None

    # -- helpers ------------------------------------------------------------------------------------

    def _stage_actor(self, span: Span) -> str | None:
        head_actor = self._actor_at(span.root.i)
        if head_actor:
            return head_actor
        pos = self.table.pos
        for i in range(span.start, span.end):
            if pos[i] in _NOMINAL and (found := self._actor_at(i)):
                return found
        return None

    def _actor_at(self, i: int) -> str | None:
        """The actor token i refers to, by the actors stage's rule (actors.actor_at: its own, else that
        of a modifier of it, else of its head), read from the table and the token map; remembered per
        token, since windows and spans ask about the same tokens many times. Its only changing input
        is the token map, which _add_mention clears the memo for."""
        memo = self._actors
        if i in memo:
            return memo[i]
        table = self.table
        found = memo[i] = actor_by_index(self.tokens, i, table.children(i), table.dep, table.head, _VIA, _UP)
        return found

    def _is_name(self, span: Span) -> bool:
        return span.root.pos_ == "PROPN" or bool(self.lex.named_source(span_text(span)))

    def _author_at(self, mention: Token) -> str | None:
        for child in mention.children:
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
                return self.resolve(mention_span(self.table, child.i))
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return self.resolve(mention_span(self.table, objs[0].i))
        head = mention.head
        if mention.dep_ == "dobj" and head.lemma_.lower() in _AUTHOR_VERBS:
            subject = subject_of(self.table, head.i)
            return self.resolve(mention_span(self.table, subject)) if subject is not None else None
        if mention.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ in ("VERB", "AUX"):
            # "Putin praised the troops ... in a letter": the writer is the clause's subject.
            subject = subject_of(self.table, head.head.i)
            if subject is not None and self.table.lemma[subject] not in self.lex.documents:
                return self.resolve(mention_span(self.table, subject))
        return None

    def _resolve_it(self, pronoun: Token, cue: Token | None) -> str | None:
        relay = cue is not None and cue.lemma_.lower() in self.lex.relay
        antecedent = self._it_candidates(pronoun, relay=relay)
        if antecedent is None:
            return self._stage_actor(self.doc[pronoun.i : pronoun.i + 1])
        if antecedent.lemma_.lower() in self.lex.documents and antecedent.pos_ == "NOUN":
            return self.author_of(antecedent)
        # The actors stage's coreference for the pronoun, when it has one, beats our antecedent.
        found = self._stage_actor(self.doc[pronoun.i : pronoun.i + 1]) or self._actor_at(antecedent.i)
        if found:
            return found
        span = mention_span(self.table, antecedent.i)
        if self._is_name(span):
            return self._name_actor(span)
        return self._stage_actor(self.doc[pronoun.i : pronoun.i + 1])

    def _window(self, token: Token, sentences: int) -> range:
        """Indices of the tokens before `token`, in its sentence and the `sentences` before it, nearest
        first (indices: callers make Tokens only for the words their table test lets through)."""
        if self._sent_starts is None:
            self._sent_starts = [s.start for s in self.doc.sents]  # the Doc rebuilds them on each access
        index = bisect_right(self._sent_starts, token.i) - 1
        start = self._sent_starts[max(0, index - sentences)]
        return range(token.i - 1, start - 1, -1)

    def _it_candidates(self, pronoun: Token, *, relay: bool) -> Token | None:
        """The most salient earlier non-person singular noun, scored by role, kind and recency."""
        best, best_score = None, -1.0
        table = self.table
        for rank, i in enumerate(self._window(pronoun, 2)):
            if table.pos[i] not in (NOUN, PROPN) or table.dep[i] in _MODIFIERS:
                continue
            tok = self.doc[i]
            if tok.ent_type_ in ("PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "NORP"):
                continue
            if tok.tag_ in ("NNS", "NNPS") and tok.lower_ != "media":
                continue
            actor = self._actor_at(tok.i)
            kind = self._actor_kind(actor)
            if kind == "person":
                continue
            text = span_text(mention_span(self.table, tok.i))
            named = self.lex.named_source(text)
            is_media = (
                kind == "media"
                or named is not None
                or self.lex.noun_kind(text)
                in (
                    "state_media",
                    "news_agency",
                    "media",
                )
            )
            score = 0.0
            if tok.dep_ in SUBJECTS:
                score += 2
            if tok.lemma_.lower() in self.lex.documents and tok.pos_ == "NOUN" and not relay:
                score += 2
            if is_media:
                score += 2 if relay else 1
            if tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
                score += 1
            score -= rank / 1000  # recency breaks ties
            if score > best_score:
                best, best_score = tok, score
        return best if best_score > 0 else None

    def _actor_kind(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        actor = next((a for a in self.actors if a.id == actor_id), None)
        return actor.kind if actor else None

    def _recent_person(self, token: Token, *, subjects_only: bool = False) -> str | None:
        fallback = None
        table = self.table
        for i in self._window(token, 3):
            if table.pos[i] == PRON:
                continue
            actor = self._actor_at(i)
            is_person = self._actor_kind(actor) == "person" or (actor is None and table.ent[i] == _PERSON)
            if not is_person or table.dep[i] in _COMPOUND:
                continue
            if table.dep[i] in _SUBJECT_DEPS:
                return actor or self._name_actor(mention_span(table, i))
            if fallback is None and not subjects_only:
                fallback = i
        if fallback is not None:
            return self._actor_at(fallback) or self._name_actor(mention_span(table, fallback))
        return None

    def _only_person(self, token: Token) -> str | None:
        """The one person named in this sentence (before the pronoun) and the one before, if only one."""
        people = set()
        table = self.table
        for i in self._window(token, 1):
            if table.pos[i] == PRON or table.dep[i] in _COMPOUND:
                continue
            actor = self._actor_at(i)
            if self._actor_kind(actor) == "person":
                people.add(actor)
            elif actor is None and table.ent[i] == _PERSON:
                people.add(self._name_actor(mention_span(table, i)))
        people.discard(None)
        return people.pop() if len(people) == 1 else None

    def _name_actor(self, span: Span) -> str | None:
        """An earlier actor with this name's last word, else a new actor for the name."""
        words = [t for t in span if t.pos_ == "PROPN" and t.lower_ not in TITLES]
        named = self.lex.named_source(span_text(span))
        if not words and named is None:
            return None
        surname = words[-1].text if words else None
        for actor in self.actors:
            names = [actor.name, *(m.text for m in actor.mentions)]
            if named is not None and any(self.lex.named_source(n) == named for n in names):
                return self._add_mention(actor, span)
            if surname and any(n.split()[-1:] == [surname] for n in names if n):
                return self._add_mention(actor, span)
        kind = "unknown"
        ent = span.root.ent_type_ or next((t.ent_type_ for t in span if t.ent_type_), "")
        if named is not None:
            kind = "media"
        elif ent == "PERSON" or any(t.lower_ in TITLES for t in span):
            kind = "person"
        elif ent == "ORG":
            kind = "organization"
        elif ent == "GPE":
            kind = "state"
        name = named.name if named else " ".join(t.text for t in span if t.lower_ not in TITLES)
        actor = Actor(
            id=self._next_id(),
            name=name,
            kind=kind,  # type: ignore[arg-type]
            country=named.country if named else None,
            sector="MED" if named else None,
            code=(named.country + "MED") if named and named.country else None,
            basis="attribution: speaker or source named at a cue",
        )
        self.actors.append(actor)
        return self._add_mention(actor, span)

    def _add_mention(self, actor: Actor, span: Span) -> str:
        start, end = span.start_char, span.end_char
        if not any(m.start == start and m.end == end for m in actor.mentions):
            kind = "pronoun" if span.root.pos_ == "PRON" else "name"
            actor.mentions.append(Mention(start, end, span_text(span), kind))
            actor.mentions.sort(key=lambda m: m.start)
        for tok in span:
            self.tokens.setdefault(tok.i, actor.id)
        self._actors.clear()
        return actor.id

    def _next_id(self) -> str:
        taken = {a.id for a in self.actors}
        n = len(self.actors) + 1
        while f"A{n}" in taken:
            n += 1
        return f"A{n}"


def subject_of(table: TokenTable, verb: int, *, depth: int = 5) -> int | None:
    """The subject of a verb (token indices), climbing through participles, infinitives and conjuncts
    that lack one."""
    dep, children = table.dep, table.children
    tok = verb
    for _ in range(depth):
        subjects = [c for c in children(tok) if dep[c] in _SUBJECT_DEPS]
        if subjects:
            return min(subjects, key=lambda c: _subject_rank(table, tok, c))
        for child in children(tok):
            if dep[child] in _AGENT:
                objs = [c for c in children(child) if dep[c] in _POBJ]
                if objs:
                    return objs[0]
        if dep[tok] in _CLIMBS and table.head[tok] != tok:
            tok = table.head[tok]
            if table.pos[tok] not in _PREDICATES:  # "he won't be able to brag": through 'able'
                return None
            continue
        return None
    return None


def _subject_rank(table: TokenTable, verb: int, subject: int) -> tuple[bool, bool, int]:
    """When the parser gives a verb two subjects, the one in the verb's paragraph, not a time
    ("12:15 p.m. / Donald Trump says ..." in live blogs, parsed as one sentence), nearest first.
    (Between tokens there is at most one space, so a newline in the stretch is in a token's text.)"""
    lo, hi = sorted((subject, verb))
    idx, length = table.idx, table.length
    other_paragraph = lo < hi and "\n" in table.text[idx[lo] : idx[hi - 1] + length[hi - 1]]
    return other_paragraph, table.ent[subject] in _TIMES, abs(verb - subject)
