"""actors: who is who in the article, each actor with its mentions and a CAMEO-style code.

Two components: ``newsevents_actor_ruler`` (before "ner": dictionary names become preset entities) and
``newsevents_actors`` (after it: dictionary matches, context-coded noun phrases and coreference become
``doc._.newsevents_actors`` and ``doc._.newsevents_actor_tokens``). Codes follow the role each person
held on the article's publication date.

    >>> actor_at(doc, doc[4])   # "troops" in "Putin praised North Korean troops"
    'A2'
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsevents.actors.dictionary import Dictionary, load_dictionary
from newsevents.actors.find import find_actors
from newsevents.actors.geo import place_names
from newsevents.actors.ruler import ActorRuler, make_actor_ruler
from newsevents.nlp.strings import ids
from newsevents.settings import Settings

__all__ = [
    "ActorRuler",
    "Dictionary",
    "actor_at",
    "actor_by_index",
    "add_to",
    "find_actors",
    "load_dictionary",
    "make_actor_ruler",
]

# Children through which a head noun points at the actor that modifies it ("North Korean troops").
VIA_DEPS = ("compound", "amod", "poss", "nmod")
# The same as label hashes: Token.dep is an int, Token.dep_ a string looked up on each read.
VIA_DEP_IDS = ids(VIA_DEPS)
UP_DEPS = ("compound", "amod")
UP_DEP_IDS = ids(UP_DEPS)

Label = TypeVar("Label", str, int)


def add_to(nlp: Language, settings: Settings) -> None:
    dictionaries = list(settings.dictionaries)
    place_names()  # load now, not on the first article
    nlp.add_pipe("newsevents_actor_ruler", before="ner", config={"dictionaries": dictionaries})
    nlp.add_pipe("newsevents_actors", last=True, config={"dictionaries": dictionaries})


def actor_at(doc: Doc, token: Token) -> str | None:
    """The id of the actor `token` refers to: its own, else that of a modifier of it, else of its head."""
    tokens = doc._.newsevents_actor_tokens
    if not tokens:
        return None
    i = token.i
    if i in tokens:
        return tokens[i]
    for child in token.children:
        if child.i in tokens and child.dep in VIA_DEP_IDS:
            return tokens[child.i]
    if token.dep in UP_DEP_IDS:
        head = token.head.i
        if head in tokens:
            return tokens[head]
    return None


def actor_by_index(
    tokens: Mapping[int, str],
    i: int,
    children: Iterable[int],
    dep: Sequence[Label],
    head: Sequence[int],
    via: Collection[Label],
    up: Collection[Label],
) -> str | None:
    """actor_at's rule for stages that read the parse as columns (no Token made): `tokens` is
    doc._.newsevents_actor_tokens, `children` token i's children in order, `dep` and `head` per-token
    columns; `via` and `up` are VIA_DEPS and UP_DEPS as `dep` spells labels (strings or ids)."""
    if i in tokens:
        return tokens[i]
    for c in children:
        if c in tokens and dep[c] in via:
            return tokens[c]
    if dep[i] in up and head[i] in tokens:
        return tokens[head[i]]
    return None


class ActorsComponent:
    def __init__(self, dictionary: Dictionary) -> None:
        self.dictionary = dictionary

    def __call__(self, doc: Doc) -> Doc:
        doc._.newsevents_actors, doc._.newsevents_actor_tokens = find_actors(doc, self.dictionary)
        return doc


@Language.factory(
    "newsevents_actors",
    default_config={"dictionaries": []},
    assigns=["doc._.newsevents_actors", "doc._.newsevents_actor_tokens"],
    requires=["doc.ents", "token.dep"],
)
def make_actors(nlp: Language, name: str, dictionaries: list[str]) -> ActorsComponent:
    return ActorsComponent(load_dictionary(tuple(dictionaries)))
