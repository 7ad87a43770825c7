"""The attribution stage reads the parse from its TokenTable by index: every reading must agree with
the Token API it replaces, or the stage's quotes, speakers and chains would change with how it reads."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsevents.actors import actor_at
from newsevents.attribution.speakers import Resolver, mention_span, subject_of
from newsevents.attribution.table import TokenTable
from newsevents.nlp import span_text

TEXT = (
    "The Latest on the talks (all times local):\n\n7 p.m.\n\nRussian President Vladimir Putin said on "
    'Monday that North Korean troops, who fought in Kursk, were "heroes". Federal and state officials, '
    "a deployment South Korean intelligence believes could grow, said the chair of Russia's Duma, "
    "Vyacheslav Volodin, had delivered Mr Putin's letter. “It was a good day,” he told reporters - "
    "and KCNA, citing a statement, said it would not comment."
)


def _old_mention_span(doc: Doc, head: Token, *, clauses: bool = False) -> Span:
    """mention_span as it read Tokens before the table (the reference the table version must equal)."""
    drop = {"advcl", "ccomp", "punct"} if clauses else {"advcl", "ccomp", "punct", "relcl", "acl"}
    tokens, stack, floor = {head.i}, [head], -1
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in drop and not (child.dep_ == "punct" and child.text in "-–'’"):
                continue
            if (
                tok.i == head.i
                and child.dep_ == "nmod"
                and child.i < head.i
                and child.head.pos_ != "PROPN"
                and not any(g.dep_ == "cc" for g in child.children)
            ):
                floor = max(floor, max(t.i for t in child.subtree))
                continue
            tokens.add(child.i)
            stack.append(child)
    tokens = {i for i in tokens if i > floor}
    start, end = min(tokens), max(tokens) + 1
    breaks = [i for i in range(start, end) if "\n" in doc[i].text]
    if breaks:
        start = max([start, *(i + 1 for i in breaks if i < head.i)])
        end = min([end, *(i for i in breaks if i > head.i)])
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def test_table_reads_each_token_like_the_token_api(pipeline):
    doc = pipeline.nlp(TEXT)
    table = TokenTable(doc)
    strings = doc.vocab.strings
    for t in doc:
        i = t.i
        assert (table.lemma[i], strings[table.lower[i]], table.head[i]) == (
            t.lemma_.lower(),
            t.lower_,
            t.head.i,
        )
        assert (strings[table.pos[i]], strings[table.dep[i]]) == (t.pos_, t.dep_)
        assert (strings[table.ent[i]] if table.ent[i] else "") == t.ent_type_
        assert (table.token_text(i), table.idx[i]) == (t.text, t.idx)
        assert (bool(table.is_punct[i]), bool(table.is_space[i])) == (t.is_punct, t.is_space)
        assert (bool(table.is_alpha[i]), bool(table.is_stop[i])) == (t.is_alpha, t.is_stop)
        assert table.children(i) == [c.i for c in t.children]


def test_mention_spans_and_actors_match_the_token_reading(pipeline):
    doc = pipeline.nlp(TEXT)
    assert doc._.newsevents_actor_tokens, "the sample names actors"
    resolver = Resolver(doc)
    for t in doc:
        assert resolver._actor_at(t.i) == actor_at(doc, t)
        if t.is_space:
            continue
        for clauses in (False, True):
            span = mention_span(resolver.table, t.i, clauses=clauses)
            old = _old_mention_span(doc, t, clauses=clauses)
            assert (span.start, span.end) == (old.start, old.end)
            assert span_text(span) == old.text


def _old_subject_of(verb: Token, depth: int = 5) -> Token | None:
    """subject_of as it read Tokens before the table (the reference)."""
    tok = verb
    for _ in range(depth):
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subjects:

            def rank(c: Token, tok: Token = tok) -> tuple[bool, bool, int]:
                lo, hi = sorted((c.i, tok.i))
                newline = any("\n" in verb.doc[i].text for i in range(lo, hi))
                return newline, c.ent_type_ in ("TIME", "DATE"), abs(tok.i - c.i)

            return min(subjects, key=rank)
        for child in tok.children:
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if tok.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl", "acomp") and tok.head.i != tok.i:
            tok = tok.head
            if tok.pos_ not in ("VERB", "AUX", "ADJ"):
                return None
            continue
        return None
    return None


def test_subjects_match_the_token_reading(pipeline):
    doc = pipeline.nlp(TEXT + " The report was written by aides.\n\n12:15 p.m. Trump says it is fine.")
    table = TokenTable(doc)
    for t in doc:
        old = _old_subject_of(t)
        assert subject_of(table, t.i) == (old.i if old is not None else None)


def test_where_finds_the_tokens_a_loop_finds(pipeline):
    from newsevents.attribution.table import DEP_COLUMN, LOWER_COLUMN, POS_COLUMN, VERB, dep_ids, ids

    doc = pipeline.nlp(TEXT)
    table = TokenTable(doc)
    assert table.where(LOWER_COLUMN, ids(["the", "said"])) == [
        t.i for t in doc if t.lower_ in ("the", "said")
    ]
    assert table.where(POS_COLUMN, frozenset({VERB})) == [t.i for t in doc if t.pos_ == "VERB"]
    assert table.where(DEP_COLUMN, dep_ids("nsubj")) == [t.i for t in doc if t.dep_ == "nsubj"]
    assert table.heads_of(dep_ids("poss")) == {t.head.i for t in doc if t.dep_ == "poss"}


def test_tokens_within_counts_like_testing_every_token():
    import random

    from newsevents.attribution.quotes import _merged, _tokens_within

    rng = random.Random(7)
    for _ in range(200):
        idx = sorted(rng.sample(range(300), 40))
        spans = [(a, a + rng.randint(1, 60)) for a in rng.sample(range(300), rng.randint(0, 4))]
        lo = rng.randint(0, 39)
        hi = rng.randint(lo, 40)
        brute = sum(1 for k in range(lo, hi) if any(a <= idx[k] < b for a, b in spans))
        assert _tokens_within(idx, lo, hi, _merged(spans)) == brute
