"""actors: who is who in the article, each actor with its mentions and a CAMEO-style code."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.model import Actor, Mention
from newsevents.settings import Settings

ACTOR_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group"}


def add_to(nlp: Language, settings: Settings) -> None:
    nlp.add_pipe("newsevents_actors", last=True)


def find_actors(doc: Doc) -> tuple[list[Actor], dict[int, str]]:
    """Group named-entity mentions with the same text into actors (the simplest real version)."""
    by_name: dict[str, Actor] = {}
    token_actor: dict[int, str] = {}
    for ent in doc.ents:
        kind = ACTOR_LABELS.get(ent.label_)
        if kind is None:
            continue
        name = ent.text.strip()
        actor = by_name.get(name.lower())
        if actor is None:
            actor = Actor(id=f"A{len(by_name) + 1}", name=name, kind=kind)  # type: ignore[arg-type]
            by_name[name.lower()] = actor
        actor.mentions.append(Mention(ent.start_char, ent.end_char, ent.text))
        for token in ent:
            token_actor[token.i] = actor.id
    return list(by_name.values()), token_actor


@Language.component("newsevents_actors", assigns=["doc._.newsevents_actors", "doc._.newsevents_actor_tokens"])
def actors_component(doc: Doc) -> Doc:
    doc._.newsevents_actors, doc._.newsevents_actor_tokens = find_actors(doc)
    return doc
