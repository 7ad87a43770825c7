"""The events stage's shortcuts must answer as the code they stand in for: its output must not change
with how the parse is read."""

from __future__ import annotations

from newsevents.actors import actor_at
from newsevents.events.arguments import _actors_stage_rule
from newsevents.events.features import doc_view

TEXT = (
    "On Monday, Russia and North Korea signed a treaty in Pyongyang, a deal officials believe could last. "
    "Thousands of North Korean workers were sent to the Kursk region by the Russian government."
)


def test_index_actor_rule_matches_the_actors_stage(pipeline):
    doc = pipeline.nlp(TEXT)
    view = doc_view(doc)
    table = doc._.newsevents_actor_tokens
    rule = _actors_stage_rule()
    assert rule is not None
    found = [rule(view, table, t.i) for t in doc]
    assert found == [actor_at(doc, t) for t in doc]
    assert len({a for a in found if a}) >= 2, "the text names actors (Russia, North Korea)"


def test_one_locator_per_doc_answers_as_one_per_trigger(pipeline):
    """events reads a Doc's places once for all its triggers (places.EventLocator): the shared reading and
    the cached dateline must give every trigger what a fresh lookup gives it."""
    from newsevents.ingest import from_text
    from newsevents.nlp import make_doc
    from newsevents.places import EventLocator

    text = (
        "NAIROBI, Kenya (AP) — Police fired tear gas at protesters in Mombasa on Tuesday. "
        "The two leaders met in Pyongyang, and Russian forces launched a counteroffensive in Russia's "
        "Kursk region.\n\nThe ministers later signed the accord."
    )
    doc = pipeline.nlp(make_doc(pipeline.nlp, from_text(text, published="2025-08-15")))
    shared = EventLocator(doc)
    got = [shared(t, t.sent) for t in doc]
    assert got == [EventLocator(doc)(t) for t in doc]
    bases = {loc.basis for loc in got if loc is not None}
    assert bases == {"text", "dateline"}, "both a locative and the dateline fallback are exercised"
    datelines = [loc for loc in got if loc is not None and loc.basis == "dateline"]
    assert len({id(loc) for loc in datelines}) == len(datelines), "each event gets its own object"
