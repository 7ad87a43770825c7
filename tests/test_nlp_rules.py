"""nlp/rules.py: the fast attribute_ruler and lemmatizer annotate exactly as spaCy's stock ones do."""

from __future__ import annotations

import pytest
import spacy
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

from newsevents.nlp import rules
from newsevents.settings import DEFAULT_MODEL, Settings

TEXTS = [
    "Russia's foreign minister didn't say whether the talks would resume; officials said they'd wait.",
    "THE U.N. SECURITY COUNCIL MET ON MONDAY.  It voted 13-0, with 2 abstentions, at 3:30 p.m.\n\nNew para.",
    "There's no deal yet, but there are hopes. Let's see: y'all gonna wait? I ain't sure, he's gotta go.",
    "\"We won't back down,\" she told reporters in Kyiv on 12 March 2024 -- and it's done.",
    "He gets it. They got $4.5 billion (about 3bn euros) in aid... Who'd've thought? It is what it is.",
    "  Leading spaces,\ttabs\t and\n\n\nnewlines   between words .  ",
    "Nothin' works, c'mon! I'm, you're, we've — 'tis the season; don't, can't, won't, shouldn't've.",
    "",
]
ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START", "NORM"]


@pytest.fixture(scope="module")
def stock() -> Language:
    return spacy.load(DEFAULT_MODEL)


@pytest.fixture(scope="module")
def fast() -> Language:
    nlp = spacy.load(DEFAULT_MODEL)
    rules.install(nlp)
    return nlp


def annotations(doc: Doc) -> list[list[int]]:
    return doc.to_array(ATTRS).tolist() if len(doc) else []


def strings(doc: Doc) -> list[tuple[str, str, str, str]]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_) for t in doc]


def test_install_replaces_both_components_in_place(stock: Language, fast: Language) -> None:
    assert fast.pipe_names == stock.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), rules.FastAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), rules.FastLemmatizer)


@pytest.mark.parametrize("text", TEXTS)
def test_same_annotations_as_the_stock_components(stock: Language, fast: Language, text: str) -> None:
    for _ in range(2):  # the second time from the memos
        expected, got = stock(text), fast(text)
        assert annotations(got) == annotations(expected)
        assert strings(got) == strings(expected)


def test_remembered_lemmas_survive_memory_zones(stock: Language, fast: Language) -> None:
    # A string added in a memory zone is dropped at its end; the second zone needs its lemmas again.
    text = "Zorblaxian envoys were zorblaxing the quibbified treaties."
    for _ in range(2):
        with stock.memory_zone():
            expected = strings(stock(text))
        with fast.memory_zone():
            assert strings(fast(text)) == expected


def test_the_model_patterns_take_every_path(fast: Language) -> None:
    ruler = fast.get_pipe("attribute_ruler")
    # Single-token lookups, windows for the multi-token and REGEX ones; this model needs no Matcher.
    assert len(ruler.single) > 150 and ruler.windows and len(ruler.matcher) == 0
    doc = fast("There's a pile of gon na stuff; y'all know it ai n't nothin'.")
    assert [t.lemma_ for t in doc if t.lower_ in ("gon", "na", "y'", "ai", "nothin'")] == [
        "go",
        "to",
        "you",
        "be",
        "nothing",
    ]


# A ruler with pattern shapes the fast path does not compose, on a blank pipeline (no tagger: LOWER etc.).
Token.set_extension("rules_test_flag", default=None, force=True)
ODD_PATTERNS = [
    {"patterns": [[{"LOWER": "new"}, {"LOWER": "york", "OP": "?"}]], "attrs": {"POS": "PROPN"}},  # operator
    {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"POS": "PUNCT", "MORPH": "PunctType=Peri"}},
    {"patterns": [[{"LIKE_NUM": True}]], "attrs": {"POS": "NUM", "LEMMA": "#"}},
    {"patterns": [[{"LOWER": {"FUZZY": "dollar"}}]], "attrs": {"LEMMA": "dollar"}},  # predicate: Matcher
    {"patterns": [[{"LOWER": "the"}, {"LOWER": {"NOT_IN": ["city"]}}]], "attrs": {"TAG": "DT"}, "index": -1},
    {"patterns": [[{"LENGTH": 1}]], "attrs": {"NORM": "short"}},  # LENGTH and NORM: Matcher
    {"patterns": [[{"LOWER": "york"}]], "attrs": {"_": {"rules_test_flag": True}}},  # extension: Matcher
    {"patterns": [[{"ORTH": {"REGEX": "^[A-Z]"}}]], "attrs": {"POS": "X", "MORPH": "Foreign=Yes"}},
    {"patterns": [[{"IS_PUNCT": True, "ORTH": {"IN": [",", ";"]}}]], "attrs": {"MORPH": "PunctType=Comm"}},
    {"patterns": [[{"LOWER": "new"}]], "attrs": {"POS": "ADJ"}},  # later than the first: wins over it
]


def ruler_pipeline(fast: bool) -> Language:
    nlp = spacy.blank("en")
    ruler: AttributeRuler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(ODD_PATTERNS)
    if fast:
        rules.install(nlp)
    return nlp


def test_pattern_shapes_the_fast_path_does_not_compose_still_match_as_stock() -> None:
    stock_nlp, fast_nlp = ruler_pipeline(False), ruler_pipeline(True)
    ruler = fast_nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, rules.FastAttributeRuler) and len(ruler.matcher) == 3
    for text in ["The new York office, the New York City fund; 3 dollars.", "A b c, dolar 12 the york!", ""]:
        expected, got = stock_nlp(text), fast_nlp(text)
        assert annotations(got) == annotations(expected)
        assert strings(got) == strings(expected)
        assert [t._.rules_test_flag for t in got] == [t._.rules_test_flag for t in expected]


class TagReadingLemmatizer(EnglishLemmatizer):
    """Reads the tag, which the stock cache key leaves out: its answers must not be memoised."""

    def is_base_form(self, token: Token) -> bool:
        return token.tag_ == "NNS" or super().is_base_form(token)


def test_a_lemmatizer_that_reads_more_than_orth_pos_morph_is_asked_every_time(stock: Language) -> None:
    tables = stock.get_pipe("lemmatizer").lookups
    plain, custom = (TagReadingLemmatizer(stock.vocab, None, mode="rule") for _ in range(2))
    plain.lookups = custom.lookups = tables
    fast = rules.FastLemmatizer()
    fast.adopt(custom)
    assert not fast.memoizable
    doc = stock("The troops were fighting; the fights ended.")
    for token in doc:
        token.lemma = 0
    expected = [plain.lemmatize(t)[0] for t in doc]
    fast(doc)
    assert [t.lemma_ for t in doc] == expected


def test_the_setting_switches_back_to_the_stock_components(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.pipeline import build_nlp

    assert Settings().fast_spacy_rules
    monkeypatch.setenv("NEWSEVENTS_FAST_SPACY_RULES", "0")
    settings = Settings.from_env()
    assert not settings.fast_spacy_rules
    nlp = build_nlp(settings)
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler
    assert type(nlp.get_pipe("lemmatizer")) is EnglishLemmatizer
    monkeypatch.setenv("NEWSEVENTS_FAST_SPACY_RULES", "1")
    assert Settings.from_env().fast_spacy_rules
