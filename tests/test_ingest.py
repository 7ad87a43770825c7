"""ingest: formats, metadata, boilerplate, and bad input with clear errors."""

from __future__ import annotations

import gzip
import json

import pytest

from newsevents.errors import BinaryInput, EmptyInput, InputError, InputTooLarge, MalformedRecord, NotEnglish
from newsevents.ingest import from_text, read, read_one
from newsevents.settings import Settings

ENGLISH = (
    "Dock workers at the port of Valmora ended a nine-day strike on Wednesday after their union accepted "
    "a pay offer from the harbour authority, union officials said.\n"
)


def test_plain_text_keeps_offsets_and_hashes(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("\ufeff" + ENGLISH.replace(" ", "\u00a0", 1) + "\r\n", encoding="utf-8")
    article = read_one(path, published="2024-03-07")
    assert article.text.startswith("Dock workers")
    assert article.text[:4] == "Dock" and article.text[4] == " "  # NBSP normalised in place
    assert len(article.content_hash) == 64 and article.id == article.content_hash[:16]
    assert str(article.published) == "2024-03-07"
    assert article.input == str(path)


def test_trailing_headlines_and_clutter_are_boilerplate(fixtures_dir):
    article = read_one(fixtures_dir / "clutter.txt")
    kinds = {b.kind: article.text[b.start : b.end] for b in article.boilerplate}
    assert kinds["related_headlines"].startswith("Mayor rejects calls")
    assert kinds["related_headlines"].endswith("sourdough loaf")
    assert kinds["photo_credit"] == "Photograph: John Smith/Reuters"
    assert kinds["newsletter"].startswith("Sign up")
    assert kinds["read_more"].startswith("Read more:")
    # Story sentences stay story.
    story = article.text.index("Officials said")
    assert not article.is_boilerplate(story, story + 10)


def test_story_ending_in_sentence_has_no_headline_block():
    article = from_text(ENGLISH + "The harbour authority said normal operations would resume on Thursday.")
    assert article.boilerplate == []


def test_seed_boilerplate_is_exactly_the_six_headlines(shared_dir):
    article = read_one(shared_dir / "seed" / "article.txt", published="2025-08-15")
    (block,) = [b for b in article.boilerplate if b.kind == "related_headlines"]
    covered = article.text[block.start : block.end]
    assert covered.startswith("Ukraine cause akin to Second World War Allies")
    assert covered.endswith("female genital mutilation case")
    assert block.end == len(article.text)
    assert len(covered.splitlines()) == 6
    assert article.text[: block.start].rstrip().endswith("when the two signed the treaty.")


def test_dateline_is_metadata(fixtures_dir):
    article = read_one(fixtures_dir / "wire_dateline.txt")
    assert article.dateline is not None
    assert article.dateline.place == "Kuala Lumpur"
    assert article.dateline.agency == "AFP"
    assert article.dateline.date_text == "April 1"
    assert article.text[article.dateline.start : article.dateline.end].startswith(
        "KUALA LUMPUR, April 1 (AFP)"
    )


def test_html_page_gives_story_text_only(fixtures_dir):
    article = read_one(fixtures_dir / "story_page.html")
    assert "nine-day strike" in article.text
    assert "normal operations would resume" in article.text
    for clutter in ("espresso", "Celebrity chef", "Privacy policy", "Sport"):
        assert clutter not in article.text
    assert article.title.startswith("Port workers end strike")
    assert str(article.published) == "2024-03-07"
    assert article.source == "Harbour Gazette"
    assert article.url == "https://harbour-gazette.example/news/port-strike-ends"


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    with pytest.raises(EmptyInput) as info:
        read_one(path)
    assert str(path) in str(info.value) and "empty" in str(info.value)


def test_png_is_binary(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(BinaryInput) as info:
        read_one(path)
    assert "binary" in str(info.value) and str(path) in str(info.value)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("w") as fh:
        for _ in range(30 * 1024):
            fh.write(("word " * 204) + "\n")  # 30 MB
    assert path.stat().st_size > 30_000_000
    with pytest.raises(InputTooLarge) as info:
        read_one(path)
    assert "limit" in str(info.value)
    # The limit is a setting.
    assert read_one(path, Settings(max_bytes=40_000_000)).text.startswith("word")


def test_latin1_text_is_decoded_not_a_crash(tmp_path):
    path = tmp_path / "latin1.txt"
    text = "The caf\u00e9 owners of S\u00e3o Paulo said on Monday that prices had risen sharply this year, and the mayor\u2019s office agreed."
    path.write_bytes(text.encode("cp1252"))
    article = read_one(path)
    assert "caf\u00e9" in article.text and "S\u00e3o Paulo" in article.text


def test_invalid_utf8_is_decoded(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(ENGLISH.encode("utf-8") + b"The minister\xe2\x80 said \xff prices would fall.\n")
    article = read_one(path)
    assert "Dock workers" in article.text and "prices would fall" in article.text


def test_german_article_is_refused(fixtures_dir):
    with pytest.raises(NotEnglish) as info:
        read_one(fixtures_dir / "german.txt")
    assert "german.txt" in str(info.value) and "de" in str(info.value)


def test_jsonl_malformed_line_names_line_and_others_go_on(tmp_path):
    path = tmp_path / "batch.jsonl.gz"
    lines = [
        json.dumps({"id": "one", "text": ENGLISH, "date": "2024-03-07", "topic": "labour"}),
        '{"id": "two", "text": ',
        json.dumps(
            {
                "id": "three",
                "text": ENGLISH.replace("Wednesday", "Friday"),
                "published": "2024-03-09T10:00:00Z",
            }
        ),
        json.dumps(["not", "an", "object"]),
    ]
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    items = list(read([path]))
    articles = [i for i in items if not isinstance(i, InputError)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [a.id for a in articles] == ["one", "three"]
    assert articles[0].metadata == {"topic": "labour"}
    assert str(articles[1].published) == "2024-03-09"
    assert [type(e) for e in errors] == [MalformedRecord, MalformedRecord]
    assert errors[0].source.endswith("batch.jsonl.gz:2")
    assert errors[1].source.endswith("batch.jsonl.gz:4")


def test_folder_is_read_recursively_and_failures_are_yielded(tmp_path, fixtures_dir):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ENGLISH)
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / ".hidden.txt").write_text(ENGLISH)
    items = list(read([tmp_path]))
    assert len(items) == 2
    assert isinstance(items[0], EmptyInput) and items[0].source.endswith("b.txt")
    assert items[1].text.startswith("Dock workers")


@pytest.mark.parametrize(
    "text", ["", "12345 678", "a" * 39, "a" * 40, "1 2 3 " + "é" * 40, "Ünïcödé " * 3, "x" * 5000]
)
def test_letter_count_stops_early_with_the_same_answer(text):
    from newsevents.ingest.language import MIN_LETTERS, _has_letters

    assert _has_letters(text, MIN_LETTERS) == (sum(c.isalpha() for c in text) >= MIN_LETTERS)


# Written for these tests: short news paragraphs in other languages, one with an English quotation in it.
FOREIGN = {
    "fr": (
        "Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs touchés "
        "par la sécheresse. Selon le ministre, les aides seront versées avant la fin du mois et concerneront "
        "plus de dix mille exploitations. Les syndicats ont salué un premier pas mais estiment que le montant "
        "reste insuffisant. « We will not stop here », a déclaré un porte-parole venu de Londres, avant de "
        "rappeler que les négociations avec Bruxelles reprendront la semaine prochaine à Paris."
    ),
    "es": (
        "El presidente del gobierno se reunió el jueves con los líderes de la oposición para discutir el "
        "presupuesto del próximo año. Según fuentes del ministerio, las conversaciones fueron largas y no se "
        "alcanzó ningún acuerdo definitivo. Los sindicatos convocaron una manifestación para el sábado en el "
        "centro de la capital, donde esperan reunir a miles de trabajadores del sector público."
    ),
    "nl": (
        "De regering heeft woensdag besloten om de steun voor de getroffen gemeenten te verhogen. Volgens de "
        "minister is het geld nodig om de schade van de overstromingen van vorige maand te herstellen. De "
        "oppositie vraagt zich af of het bedrag genoeg is en wil dat het parlement volgende week opnieuw over "
        "de kwestie debatteert, omdat veel inwoners nog steeds niet naar hun huizen kunnen terugkeren."
    ),
    "it": (
        "Il consiglio dei ministri ha approvato ieri sera il decreto sulle nuove regole per il lavoro "
        "stagionale. Secondo il testo, le aziende potranno assumere più facilmente durante i mesi estivi, ma "
        "dovranno garantire contratti regolari e controlli più frequenti. I sindacati hanno chiesto un incontro "
        "urgente con il governo, mentre le associazioni degli imprenditori hanno accolto con favore la misura."
    ),
}


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_other_languages_fail_the_english_precheck_and_are_refused(lang):
    from newsevents.ingest.language import check_language, clearly_english

    assert not clearly_english(FOREIGN[lang])
    with pytest.raises(NotEnglish) as info:
        check_language(FOREIGN[lang], f"{lang}.txt")
    assert f"{lang}.txt" in str(info.value) and repr(lang) in str(info.value)


def test_clear_english_skips_the_identifier(monkeypatch):
    import newsevents.ingest.language as language

    def identifier_called(text):
        raise AssertionError("the statistical identifier ran on clearly English text")

    text = " ".join([ENGLISH.strip()] * 4)
    assert language.clearly_english(text)
    monkeypatch.setattr(language, "detect_language", identifier_called)
    assert language.check_language(text, "story.txt") == "en"
    # Too few words to judge: the pre-check stays out of it and the identifier decides.
    assert not language.clearly_english(ENGLISH)
