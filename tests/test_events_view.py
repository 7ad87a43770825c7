"""The events stage's index view of a Doc must read the parse exactly as the Token API does: the trigger
conditions run on it, and the stage's output must not change with how the parse is read."""

from __future__ import annotations

from newsevents.events.features import (
    doc_view,
    lemma,
    lemmas,
    lemmas_at,
    near,
    near_at,
    region,
    region_at,
)
from newsevents.events.lexicon import lexicon

TEXT = (
    "On Monday, Russia and North Korea signed a treaty in Pyongyang, a deal officials believe could last. "
    "Thousands of workers, who had not been paid, were sent to the Kursk region by the government."
)


def test_view_reads_each_token_like_the_token_api(pipeline):
    doc = pipeline.nlp(TEXT)
    view = doc_view(doc)
    for t in doc:
        i = t.i
        assert (view.lemma[i], view.lower[i]) == (lemma(t), t.lower_)
        assert (view.pos[i], view.tag[i], view.dep[i], view.ent_type[i]) == (
            t.pos_,
            t.tag_,
            t.dep_,
            t.ent_type_,
        )
        assert view.head[i] == t.head.i
        assert view.children[i] == [c.i for c in t.children]
        assert view.subtree(i) == [s.i for s in t.subtree]
    assert view.commas == [t.i for t in doc if t.text == ","]


def test_index_regions_match_token_regions(pipeline):
    doc = pipeline.nlp(TEXT)
    view = doc_view(doc)
    for t in doc:
        assert region_at(view, t.i) == [r.i for r in region(t)]
        assert region_at(view, t.i, limit=3) == [r.i for r in region(t, limit=3)]
        assert near_at(view, t.i) == [r.i for r in near(t)]
        assert lemmas_at(view, region_at(view, t.i)) == lemmas(region(t))


def test_trigger_lemmas_cover_compound_noun_heads():
    lex = lexicon()
    compounds = [key for key in lex.nouns if "_" in key]
    assert compounds, "the lexicon has compound noun keys ('hunger_strike')"
    for key in compounds:
        assert key.rsplit("_", 1)[1] in lex.trigger_lemmas
    assert set(lex.verbs) | set(lex.adjectives) <= lex.trigger_lemmas
