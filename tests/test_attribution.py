"""attribution: quotation marks, quotes and speakers, source chains, event attribution."""

from __future__ import annotations

import pytest

from newsevents.attribution import chain_for
from newsevents.attribution.marks import find_quoted
from newsevents.ingest import from_text
from newsevents.model import BoilerplateSpan
from newsevents.nlp import make_doc

# -- quotation marks (pure text) -------------------------------------------------------------------


def _quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted(text)]


def test_curly_and_straight_marks():
    text = 'He said “we will win” and she said "we will not" today.'
    assert _quoted(text) == ["we will win", "we will not"]


def test_nested_quote_stays_inside_the_outer_one():
    text = "“They told us ‘leave now’ and we left,” she said."
    quotes = find_quoted(text)
    assert [text[q.start : q.end] for q in quotes] == ["They told us ‘leave now’ and we left,"]
    assert [text[n.start : n.end] for n in quotes[0].nested] == ["leave now"]


def test_quote_over_several_paragraphs():
    text = "“The first paragraph of the speech.\n“The second one, which closes,” he said.\nAfter."
    quotes = find_quoted(text)
    assert len(quotes) == 1 and quotes[0].paragraphs == 2
    assert text[quotes[0].start : quotes[0].end].endswith("which closes,")


def test_unbalanced_mark_ends_at_its_paragraph():
    text = "He said “this never closes.\nA second paragraph.\nA third with “a real quote” in it."
    quotes = find_quoted(text)
    assert [text[q.start : q.end] for q in quotes] == ["this never closes.", "a real quote"]
    assert not quotes[0].closed


def test_apostrophes_are_not_quotes():
    assert _quoted("Korea’s leaders’ meeting didn’t happen, officials said.") == []


# -- quotes and speakers through the pipeline ------------------------------------------------------


def _by_text(extraction, fragment: str):
    return next(q for q in extraction.quotes if fragment in q.text)


def test_direct_quote_with_speaker_after(run):
    ex = run("“We will not retreat from the border,” said Defence Minister Ivan Petrov on Monday.")
    quote = _by_text(ex, "We will not retreat")
    assert quote.kind == "direct"
    assert quote.cue is not None and quote.cue.text == "said"
    assert "Ivan Petrov" in quote.speaker_mention.text
    assert "Petrov" in ex.actor(quote.speaker).name


def test_partial_quote_takes_the_clause_subject(run):
    ex = run("Angela Merkel praised the negotiators, describing the deal as “historic” in a speech.")
    quote = _by_text(ex, "historic")
    assert quote.kind == "partial"
    assert "Merkel" in ex.actor(quote.speaker).name


def test_indirect_speech(run):
    ex = run(
        "The foreign minister of Chile, Alberto Soto, said that the talks would resume next week. "
        "Mr Soto told reporters the delegation had arrived."
    )
    first = _by_text(ex, "talks would resume")
    assert first.kind == "indirect" and first.cue.text == "said"
    second = _by_text(ex, "delegation had arrived")
    assert second.kind == "indirect" and second.cue.text == "told"
    assert first.speaker is not None and first.speaker == second.speaker


def test_a_document_speaks_for_its_author(run):
    ex = run(
        "President Lula sent a letter to the summit organisers on Tuesday.\n"
        "“Our countries share a common future,” it stated."
    )
    quote = _by_text(ex, "common future")
    assert quote.speaker_mention.text == "it"
    assert "Lula" in ex.actor(quote.speaker).name


def test_speaker_continues_into_a_paragraph_that_is_all_quote(run):
    ex = run("“The plan is ready,” said Mayor Ana Duarte.\n“We start building in May.”\nTraffic was heavy.")
    first, second = _by_text(ex, "plan is ready"), _by_text(ex, "start building")
    assert second.speaker == first.speaker is not None


def test_quote_paragraph_after_reported_speech_is_the_speakers(run):
    ex = run("Mayor Ana Duarte said the bridge would open in May.\n\n“Nothing will stop us now.”\n")
    assert _by_text(ex, "Nothing will stop").speaker == _by_text(ex, "bridge would open").speaker
    assert _by_text(ex, "Nothing will stop").speaker is not None


def test_speech_verb_right_after_a_quote_frames_it(run):
    # A quote paragraph would otherwise go on with the previous speaker.
    ex = run(
        "“The plan is ready,” said Mayor Ana Duarte.\n\n"
        "“Why did nobody ask the residents?” Councillor Tomas Vega demanded.\n"
    )
    quote = _by_text(ex, "nobody ask")
    assert quote.cue is not None and quote.cue.text == "demanded"
    assert "Vega" in quote.speaker_mention.text
    assert quote.speaker != _by_text(ex, "plan is ready").speaker


def test_an_aside_reports_the_clause_around_it(run):
    ex = run("The new bridge, the mayor said, will open to traffic in May.")
    quote = _by_text(ex, "open to traffic")
    assert quote.text.startswith("The new bridge") and quote.cue.text == "said"
    assert quote.speaker_mention.text == "the mayor"


def test_a_live_blog_time_is_not_the_speaker(run):
    ex = run(
        "The Latest on the election.\n\n12:15 p.m.\n\nGovernor Ana Duarte says the bridge will open in May."
    )
    quote = _by_text(ex, "bridge will open")
    assert quote.speaker_mention.text.endswith("Ana Duarte")
    assert "p.m." not in quote.speaker_mention.text


def test_a_live_blog_header_is_not_the_speaker(run):
    ex = run(
        "Live updates from the harbour strike (all times local):\n\n9 a.m.\n\n"
        "Mayor Ana Duarte is again doubting the port's figures, urging dock workers to keep counting ships."
    )
    quote = _by_text(ex, "keep counting ships")
    assert quote.speaker_mention.text == "Mayor Ana Duarte"


def test_quoted_words_are_never_the_speaker(run):
    ex = run(
        "“The harbour plan ignores the fishermen and frankly the whole coast,” Petrov, a senior adviser, "
        "said Tuesday evening on the “Morning Tide” programme."
    )
    quote = _by_text(ex, "ignores the fishermen")
    assert quote.speaker_mention.text.startswith("Petrov")


def test_an_as_aside_frames_its_sentence(run):
    ex = run("The bridge, as the mayor pointed out on Monday, will not open before May.")
    quote = _by_text(ex, "will not open")
    assert quote.cue.text == "pointed" and quote.speaker_mention.text == "the mayor"
    assert quote.text.startswith("The bridge")


@pytest.mark.parametrize(
    ("text", "fragment", "cue", "speaker"),
    [
        # seeing something as something is a view
        ("Opposition leaders saw the decision as an attack on the free press.", "attack on the free press",
         "saw", "Opposition leaders"),
        # not responding to requests for comment is an attribution
        ("The defence ministry did not immediately respond to requests for comment.", "requests for comment",
         "respond", "The defence ministry"),
        # the agent of a passive speech verb is the source
        ("The mayor's resignation was first reported by the regional broadcaster on Monday.", "resignation",
         "reported", "the regional broadcaster"),
        # a verb whose object is something said reports it
        ("Senator Ana Duarte unleashed a barrage of tweets mocking the new harbour budget on Friday.",
         "barrage of tweets", "unleashed", "Senator Ana Duarte"),
    ],
)  # fmt: skip
def test_stance_and_act_cues(run, text, fragment, cue, speaker):
    quote = _by_text(run(text), fragment)
    assert quote.cue.text == cue and quote.speaker_mention.text == speaker


def test_carrying_someone_elses_words_is_not_speaking(run):
    ex = run("Lena Marsh delivered President Okafor's letter to the council on Monday.")
    assert not [q for q in ex.quotes if q.cue is not None and q.cue.text == "delivered"]
    # Her own letter is hers.
    ex = run("Lena Marsh delivered her letter to the council on Monday.")
    assert [q for q in ex.quotes if q.cue is not None and q.cue.text == "delivered"]


def test_facing_criticism_is_not_speaking(run):
    ex = run("Senator Ana Duarte faced sharp criticism over the delays on Friday.")
    assert not [q for q in ex.quotes if q.cue is not None and q.cue.text == "faced"]


def test_a_rubric_before_a_colon_is_no_speaker(run):
    ex = run(
        "The council met on Monday.\n\nCLARIFICATION: An earlier version misstated the date of the vote.\n"
    )
    assert not [q for q in ex.quotes if q.speaker_mention and q.speaker_mention.text == "CLARIFICATION"]


def test_coordinated_modifiers_stay_in_the_speaker(run):
    ex = run("Port and city inspectors said the ferry had carried twice its permitted load.")
    assert _by_text(ex, "ferry had carried").speaker_mention.text == "Port and city inspectors"


def test_according_to_frames_a_sentence_with_a_scare_quote(run):
    ex = run(
        "About 4,000 residents joined a “sit-out” on the ferry pier on Sunday, according to the organizers."
    )
    claim = _by_text(ex, "joined a")
    assert claim.cue.text.lower() == "according to" and claim.speaker_mention.text == "the organizers"
    assert _by_text(ex, "sit-out").speaker_mention.text == "the organizers"


def test_a_long_speaker_description_between_two_quotes(run):
    ex = run(
        '"The tide is turning," said Ines Varga, an engineer at the harbour authority and a former adviser to '
        "the regional transport ministry, who has been inspecting the old piers and docks of the city for more "
        'than a decade. "I doubt the new ones will last as long."'
    )
    assert _by_text(ex, "new ones").speaker == _by_text(ex, "tide is turning").speaker is not None


def test_a_quoted_section_heading_is_nobody_s(run):
    ex = run(
        '"The tide is turning," said Ines Varga, an engineer.\n\n"Masters of the Old Harbour."\n\n'
        "The port authority was founded in 1921."
    )
    assert not [q for q in ex.quotes if "Masters" in q.text and q.speaker is not None]


def test_a_headline_label_named_later_in_the_article(run):
    ex = run(
        "Sanders: The party must 'stop the infighting' before the convention.\n\n"
        "Senator Bernie Sanders gave the advice to delegates in Ohio on Friday."
    )
    quote = _by_text(ex, "stop the infighting")
    assert quote.speaker_mention.text == "Sanders" and quote.cue.text == ":"


def test_relaying_agency_goes_into_via(run):
    ex = run(
        "Kim Jong-un inspected a new missile factory, KCNA reported. "
        "“This is a great victory,” Kim said, according to KCNA.",
        source="The Example Times",
    )
    quote = _by_text(ex, "great victory")
    assert [v.name for v in quote.via] == ["KCNA", "The Example Times"]
    assert quote.via[0].kind == "state_media" and quote.via[-1].kind == "outlet"


def test_quotes_never_come_from_boilerplate(pipeline):
    text = "The minister resigned on Friday.\n“Read more: ‘We are all doomed,’ says expert”\n"
    article = from_text(text)
    start = text.index("“Read")
    article.boilerplate = [BoilerplateSpan(start, len(text), "related_headlines")]
    ex = pipeline(article)
    assert all(q.end <= start for q in ex.quotes)


def test_unbalanced_mark_does_not_swallow_the_article(run):
    text = (
        "The senator said “we need a vote now.\n"
        "The committee met for three hours on Thursday.\n"
        "“It was productive,” said the chair, Maria Lopez."
    )
    ex = run(text)
    paragraph_end = text.index("\n")
    assert all(q.start >= paragraph_end or q.end <= paragraph_end for q in ex.quotes)
    assert _by_text(ex, "It was productive").kind == "direct"


# -- source chains ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chains(pipeline):
    """chains(text, phrase) -> [(name, kind)] for the source chain over `phrase` in `text`."""

    def _chains(text: str, phrase: str, source: str = "The Outlet"):
        doc = pipeline.nlp(make_doc(pipeline.nlp, from_text(text, source=source)))
        start = text.index(phrase)
        chain, belief = chain_for(doc, start, start + len(phrase))
        return [(a.name, a.kind) for a in chain], belief

    return _chains


def test_claim_without_source_is_the_outlets(chains):
    chain, belief = chains("Troops crossed the river at dawn.", "crossed")
    assert chain == [("The Outlet", "outlet")] and not belief


def test_according_to_a_state_agency(chains):
    chain, _ = chains("Troops crossed the river at dawn, according to Xinhua.", "crossed")
    assert chain == [("Xinhua", "state_media"), ("The Outlet", "outlet")]


def test_reported_citing(chains):
    chain, _ = chains("The embassy was closed, Reuters reported, citing two diplomats.", "closed")
    assert chain[-2:] == [("Reuters", "news_agency"), ("The Outlet", "outlet")]
    assert chain[0][1] == "unnamed_sources"


def test_intelligence_belief(chains):
    chain, belief = chains("US intelligence believes the convoy left the port on Sunday.", "left")
    assert chain[0] == ("US intelligence", "intelligence_assessment") and belief


def test_unnamed_sources_and_reports(chains):
    chain, _ = chains("The deal is close, sources said.", "close")
    assert chain[0][1] == "unnamed_sources"
    chain, _ = chains("Reports say the general has resigned.", "resigned")
    assert chain[0][1] == "reports"


def test_fronted_claim_belongs_to_its_sayers(chains):
    chain, _ = chains("Talks with the rebels have stalled, officials say.", "stalled")
    assert chain[0][1] == "unnamed_sources" and chain[-1] == ("The Outlet", "outlet")


def test_outlet_reporting_itself_is_not_repeated(chains):
    chain, _ = chains("The minister resigned, the Guardian reported.", "resigned", source="The Guardian")
    assert chain == [("The Guardian", "outlet")]


def test_every_event_has_a_chain(run):
    ex = run("Rebels attacked a convoy near the border on Monday. Officials said two soldiers died.")
    assert all(e.attribution for e in ex.events)
    assert all(e.attribution[-1].kind == "outlet" for e in ex.events)


# -- the reference article -------------------------------------------------------------------------

SEED_SPANS = [
    "heroic",
    "bonds of militant friendship",
    "The bonds of militant friendship",
    "This was fully proved",
    "dispatching excellent soldiers",
    "who fought at the cost of their lives in Russia",
    "reaffirm",
    "closer contact in the future",
]


def _seed_quote(seed, start_text: str):
    return next(q for q in seed.quotes if q.kind != "indirect" and q.text.startswith(start_text))


def test_seed_quotes_speakers_and_via(seed):
    for fragment in SEED_SPANS:
        _seed_quote(seed, fragment)  # raises StopIteration when missing
    assert (
        sum(1 for q in seed.quotes if "bonds of militant friendship" in q.text and q.kind != "indirect") >= 2
    )

    def speaker(fragment: str) -> str:
        return seed.actor(_seed_quote(seed, fragment).speaker).name

    for fragment in ("heroic", "The bonds of militant friendship", "This was fully proved", "closer contact"):
        assert "Putin" in speaker(fragment)
    for fragment in ("dispatching", "who fought"):
        assert "Volodin" in speaker(fragment)
    assert _seed_quote(seed, "The bonds of").speaker_mention.text == "it"
    for fragment in ("heroic", "The bonds of militant friendship", "This was fully proved"):
        via = [v.name for v in _seed_quote(seed, fragment).via]
        assert via == ["KCNA", "The Guardian"]


def test_seed_event_chains(seed):
    text = seed.article.text

    def event(trigger: str, after: str):
        at = text.index(after)
        return next(e for e in seed.events if e.trigger.text == trigger and e.trigger.start >= at)

    praise = event("praised", "Vladimir Putin has praised")
    assert [a.name for a in praise.attribution] == ["KCNA", "The Guardian"]
    assert praise.attribution[0].kind == "state_media"
    troops = event("sent", "North Korea sent around 15,000")
    assert troops.attribution[0].name == "South Korean assessments"
    assert troops.attribution[0].kind == "intelligence_assessment"
    in_sentence = [
        e
        for e in seed.events
        if text.index("Mr Kim has also agreed") <= e.trigger.start < text.index("North Korea and Russia have")
    ]
    # The deployment is what South Korean intelligence believes could happen; Kim's agreement to send is
    # the outlet's own report of an intention.
    deployment = next(e for e in in_sentence if e.trigger.text == "deployment")
    assert deployment.attribution[0].name == "South Korean intelligence"
    assert deployment.attribution[0].kind == "intelligence_assessment"
    assert deployment.modality == "belief"
    agreement = next(e for e in in_sentence if e.trigger.text == "agreed")
    assert agreement.modality == "intended" and agreement.cameo.root == "03"
    assert [a.kind for a in agreement.attribution] == ["outlet"]
