"""nlp: the spaCy English pipeline every later stage reads (tokens, sentences, parse, entities)."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsevents.errors import ModelError
from newsevents.model import Article
from newsevents.nlp.extensions import register_extensions

__all__ = ["doc_text", "load_model", "make_doc", "register_extensions", "span_text"]

TEXT_KEY = "newsevents_text"


@cache
def load_model(name: str) -> Language:
    """Load a spaCy English pipeline by package name or path, once per process."""
    register_extensions()
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r}: install it (make install) "
            f"or set NEWSEVENTS_MODEL to an installed English pipeline ({exc})"
        ) from exc


def analysis_text(article: Article) -> str:
    """The text spaCy reads: article.text with boilerplate and the dateline blanked out, same length.

    Offsets therefore agree with article.text. Newlines are kept so sentence boundaries stay where they
    were; other characters become spaces, from which no stage can take an actor, event or quote. The
    dateline ("BRASILIA, Oct 15 (Reuters) -") is metadata: read as words, its city would become the
    subject of the lead sentence.
    """
    text = article.text
    spans = [(b.start, b.end) for b in article.boilerplate]
    if article.dateline is not None:
        spans.append((article.dateline.start, article.dateline.end))
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc of the article's analysis text, carrying the article for the stages."""
    text = analysis_text(article)
    doc = nlp.make_doc(text)
    doc._.newsevents_article = article
    doc.user_data[TEXT_KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """doc.text, computed once per Doc: spaCy's Doc.text joins every token again on each access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """Span.text, sliced from doc_text (Span.text joins its tokens' texts again on each call); a token's
    trailing whitespace is at most one character, so the two agree."""
    return doc_text(span.doc)[span.start_char : span.end_char] if len(span) else ""
