"""The events stage's shortcuts must answer as the code they stand in for: its output must not change
with how the parse is read."""

from __future__ import annotations

from newsevents.actors import VIA_DEPS, actor_at
from newsevents.events.arguments import _stage_actor_at
from newsevents.events.features import doc_view

TEXT = (
    "On Monday, Russia and North Korea signed a treaty in Pyongyang, a deal officials believe could last. "
    "Thousands of North Korean workers were sent to the Kursk region by the Russian government."
)


def test_index_actor_rule_matches_the_actors_stage(pipeline):
    doc = pipeline.nlp(TEXT)
    view = doc_view(doc)
    table = doc._.newsevents_actor_tokens
    found = [_stage_actor_at(view, table, frozenset(VIA_DEPS), t.i) for t in doc]
    assert found == [actor_at(doc, t) for t in doc]
    assert len({a for a in found if a}) >= 2, "the text names actors (Russia, North Korea)"
