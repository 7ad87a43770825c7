"""nlp: the text spaCy reads keeps every offset and hides what no stage may take words from."""

from __future__ import annotations

from newsevents.ingest import from_text
from newsevents.nlp import analysis_text

WIRE = (
    "CAIRO, March 3 (Example Wire) - Egypt's foreign minister met his Jordanian counterpart in Cairo on "
    "Monday to discuss the border crossing, officials said.\n"
    "The two ministers agreed to meet again next month.\n"
    "Storm warning issued for northern coast ahead of weekend\n"
    "Local bakery wins national award for sourdough loaf\n"
)


def test_analysis_text_blanks_boilerplate_and_dateline_in_place():
    article = from_text(WIRE, published="2025-03-04")
    text = analysis_text(article)
    assert len(text) == len(article.text)
    assert text.count("\n") == article.text.count("\n")
    assert article.dateline is not None and not text[: article.dateline.end].strip()
    assert "sourdough" not in text and "Storm warning" not in text
    story = article.text.index("Egypt's")
    assert text[story:].startswith("Egypt's foreign minister")


def test_no_stage_reads_the_dateline_or_the_boilerplate(run):
    x = run(WIRE, published="2025-03-04")
    hidden = [(x.article.dateline.start, x.article.dateline.end)] + [
        (b.start, b.end) for b in x.article.boilerplate
    ]
    spans = [(m.start, m.end) for a in x.actors for m in a.mentions]
    spans += [(e.trigger.start, e.trigger.end) for e in x.events]
    spans += [(q.start, q.end) for q in x.quotes] + [(t.start, t.end) for t in x.times]
    assert spans, "the story itself has actors, events and dates"
    for start, end in spans:
        assert not any(s < end and start < e for s, e in hidden), x.article.text[start:end]
    # The dateline still serves as metadata.
    assert x.article.dateline.place == "Cairo" and x.article.dateline.agency == "Example Wire"
