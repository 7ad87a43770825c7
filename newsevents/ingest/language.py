"""Language identification, offline (py3langid ships its model)."""

from __future__ import annotations

import re
from functools import cache

from newsevents.errors import NotEnglish
from newsevents.resources import load_data

# Below this many letters the identifier guesses; we do not refuse on a guess.
MIN_LETTERS = 40
MIN_CONFIDENCE = 0.9


@cache
def identifier():
    """py3langid's identifier, loaded once per process (about half a second: callers that time a run
    may load it before the clock, as they load the spaCy model)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    lang, prob = identifier().classify(text[:5000])
    return lang, float(prob)


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def clearly_english(text: str) -> bool:
    """True when enough of the first words are English function words (data/ingest/language.yaml).

    Most news in English passes this test, which saves the identifier's fixed cost; a text that fails
    it is not judged here but handed to the identifier.
    """
    rules = load_data("ingest", "language.yaml")
    words = _WORD.findall(text[: rules["sample_words"] * 15].lower())[: rules["sample_words"]]
    if len(words) < rules["min_words"]:
        return False
    marks = _function_words()
    return sum(w in marks for w in words) >= rules["min_share"] * len(words)


@cache
def _function_words() -> frozenset[str]:
    return frozenset(load_data("ingest", "language.yaml")["function_words"])


def _has_letters(text: str, n: int) -> bool:
    """At least n letters in text; stops at the n-th (counting all 5000 characters was most of the cost)."""
    if n <= 0:
        return True
    for c in text:
        if c.isalpha():
            n -= 1
            if n == 0:
                return True
    return False


def check_language(text: str, source: str, accepted: tuple[str, ...] = ("en",)) -> str:
    """The language code of text; NotEnglish when it is confidently another language."""
    if not _has_letters(text[:5000], MIN_LETTERS):
        return accepted[0]
    if "en" in accepted and clearly_english(text):
        return "en"
    lang, prob = detect_language(text)
    if lang not in accepted and prob >= MIN_CONFIDENCE:
        raise NotEnglish(source, f"not English (detected {lang!r}, confidence {prob:.2f})")
    return lang if lang in accepted else accepted[0]
