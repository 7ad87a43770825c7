"""actors: dictionary recognition, coding by date, context coding, coreference, user dictionaries."""

from __future__ import annotations

import pytest

from newsevents.model import Extraction


def by_name(x: Extraction, name: str):
    found = [a for a in x.actors if a.name == name]
    assert found, f"no actor {name!r} in {[a.name for a in x.actors]}"
    return found[0]


def code_of(x: Extraction, text: str) -> str | None:
    """The code of the actor with a mention whose text is `text`."""
    for a in x.actors:
        if any(m.text == text for m in a.mentions):
            return a.code
    raise AssertionError(f"no mention {text!r}: {[(m.text, a.code) for a in x.actors for m in a.mentions]}")


def test_person_coded_by_role_on_the_article_date(run):
    text = "Vladimir Putin met the Chinese foreign minister in Moscow on Monday."
    assert by_name(run(text, published="2025-03-01"), "Vladimir Putin").code == "RUSGOV"
    early = by_name(run(text, published="2009-03-01"), "Vladimir Putin")
    assert early.code == "RUSGOV" and "prime minister" in early.basis


def test_person_without_office_on_the_date_is_not_government(run):
    x = run("Donald Trump criticised the trade deal.", published="2016-03-01")
    assert by_name(x, "Donald Trump").code != "USAGOV"
    assert (
        by_name(run("Donald Trump criticised the trade deal.", published="2018-03-01"), "Donald Trump").code
        == "USAGOV"
    )


def test_no_date_uses_most_recent_role_and_says_so(run):
    trump = by_name(run("Donald Trump criticised the trade deal."), "Donald Trump")
    assert trump.code == "USAGOV" and "most recent" in trump.basis


@pytest.mark.parametrize(
    ("sentence", "mention", "code"),
    [
        ("Russian forces shelled the town overnight.", "Russian forces", "RUSMIL"),
        ("South Korean intelligence said the launch failed.", "South Korean intelligence", "KORSPY"),
        ("Hungarian officials rejected the plan.", "Hungarian officials", "HUNGOV"),
        ("Pakistani police arrested three men.", "Pakistani police", "PAKCOP"),
    ],
)
def test_demonym_and_agent_noun(run, sentence, mention, code):
    assert code_of(run(sentence, published="2020-01-01"), mention) == code


def test_metonyms_code_the_government_and_capitals_in_place_phrases_do_not(run):
    x = run(
        "The Kremlin rejected the offer, and Washington said talks would go on in Geneva.",
        published="2020-01-01",
    )
    assert code_of(x, "Kremlin") == "RUSGOV"
    assert code_of(x, "Washington") == "USAGOV"
    x = run("The ministers met in Kyiv on Monday.", published="2020-01-01")
    kyiv = [a for a in x.actors if any(m.text == "Kyiv" for m in a.mentions)]
    # The city where they met is not the government; as an actor it is at most the country.
    assert all(a.code == "UKR" and a.kind == "state" for a in kyiv)


def test_media_coded_as_media_of_their_country(run):
    x = run("Xinhua and Yonhap both reported the launch, citing TASS.", published="2020-01-01")
    assert code_of(x, "Xinhua") == "CHNMED"
    assert code_of(x, "Yonhap") == "KORMED"
    assert code_of(x, "TASS") == "RUSMED"


def test_coreference_of_surname_title_and_pronoun(run):
    x = run(
        "Vladimir Putin spoke to reporters on Monday. Mr Putin said the Russian president would not resign. "
        "He also praised Putin's ministers.",
        published="2024-01-10",
    )
    putin = by_name(x, "Vladimir Putin")
    kinds = {m.kind for m in putin.mentions}
    assert {"name", "nominal", "pronoun", "possessive"} <= kinds
    assert len([a for a in x.actors if a.kind == "person"]) == 1


def test_apposition_codes_an_unknown_person(run):
    x = run("The speaker of Germany's Bundestag, Hans Example, opened the session.", published="2020-01-01")
    assert by_name(x, "Hans Example").code == "DEULEG"


def test_actor_tokens_and_actor_at(pipeline):
    from newsevents.actors import actor_at
    from newsevents.ingest import from_text
    from newsevents.nlp import make_doc

    doc = pipeline.nlp(
        make_doc(pipeline.nlp, from_text("Putin praised North Korean troops.", published="2025-01-01"))
    )
    troops = next(t for t in doc if t.text == "troops")
    actor = actor_at(doc, troops)
    assert actor is not None
    assert all(doc._.newsevents_actor_tokens.get(i) == actor for i in (2, 3, 4))
    assert next(a for a in doc._.newsevents_actors if a.id == actor).code == "PRKMIL"


def test_user_dictionary_yaml_is_loaded_on_top(tmp_path):
    import spacy
    import yaml

    from newsevents.actors.dictionary import load_dictionary
    from newsevents.actors.find import find_actors
    from newsevents.ingest import from_text
    from newsevents.nlp import make_doc
    from newsevents.settings import DEFAULT_MODEL, Settings

    path = tmp_path / "mine.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "people": [
                    {
                        "name": "Zara Quillfeather",
                        "country": "NZL",
                        "roles": [["foreign minister", "2019-01-01"]],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    d = load_dictionary((str(path),))
    assert "person:Zara Quillfeather" in d.entries and "country:NZL" in d.entries
    nlp = spacy.load(DEFAULT_MODEL)
    from newsevents.actors import add_to

    add_to(nlp, Settings(dictionaries=(str(path),)))
    doc = nlp(make_doc(nlp, from_text("Zara Quillfeather flew to Canberra.", published="2020-05-01")))
    actors, _ = find_actors(doc, d)
    assert next(a for a in actors if a.name == "Zara Quillfeather").code == "NZLGOV"


def test_import_petrarch_reads_countries_file_and_entry_is_recognised(shared_dir, tmp_path):
    import spacy

    from newsevents.actors import add_to
    from newsevents.actors.petrarch import convert
    from newsevents.cli.dict import import_petrarch
    from newsevents.ingest import from_text
    from newsevents.nlp import make_doc
    from newsevents.settings import DEFAULT_MODEL, Settings

    source = shared_dir / "reference" / "petrarch_dictionaries" / "Phoenix.Countries.actors.txt"
    doc = convert([source])
    names = {a["name"] for a in doc["actors"]}
    # Entries from the start, the middle and the end of the file: it was read whole.
    assert {"Afghanistan", "Vladimir Putin", "Zimbabwe"} <= names
    out = tmp_path / "countries.yaml"
    import_petrarch([source], output=out)
    nlp = spacy.load(DEFAULT_MODEL)
    add_to(nlp, Settings(dictionaries=(str(out),)))
    text = "Alan Garcia met the Chilean foreign minister on Monday."
    parsed = nlp(make_doc(nlp, from_text(text, published="2007-03-01")))
    garcia = next(a for a in parsed._.newsevents_actors if a.name == "Alan Garcia")
    assert garcia.code == "PERGOV" and str(out) in garcia.basis


def test_seed_article(seed):
    x = seed
    putin = by_name(x, "Vladimir Putin")
    assert (putin.code, putin.wikidata) == ("RUSGOV", "Q7747")
    assert {"Mr Putin", "The Russian president", "Mr Putin’s"} <= {m.text for m in putin.mentions}
    kim = by_name(x, "Kim Jong-un")
    assert kim.code == "PRKGOV" and {"Mr Kim", "Kim"} <= {m.text for m in kim.mentions}
    assert by_name(x, "Vyacheslav Volodin").code == "RUSLEG"
    assert by_name(x, "Donald Trump").code == "USAGOV"
    assert code_of(x, "KCNA") == "PRKMED"
    assert code_of(x, "Guardian") == "GBRMED"
    assert code_of(x, "North Korean troops") == "PRKMIL"
    assert code_of(x, "soldiers") == "PRKMIL"  # "DPRK [...] soldiers"
    assert code_of(x, "South Korean intelligence") == "KORSPY"
    assert code_of(x, "Kyiv’s") == "UKRGOV"
    assert not any(a.kind == "person" and "Kyiv" in m.text for a in x.actors for m in a.mentions)
    assert not any(
        "Kursk" in m.text for a in x.actors for m in a.mentions if a.kind in {"person", "organization"}
    )
    kursk = [p for p in x.places if p.text == "Kursk"]
    assert kursk
    leaders = next(a for a in x.actors if any(m.text == "the two leaders" for m in a.mentions))
    assert set(leaders.members) == {putin.id, kim.id}
    countries = next(a for a in x.actors if any(m.text == "the two countries" for m in a.mentions))
    assert {x.actor(m).code for m in countries.members} == {"PRK", "RUS"}
    assert code_of(x, "North Korean state media") == "PRKMED"


def test_surname_resolved_by_the_article_date(run):
    assert code_of(run("Mr Kim inspected a missile factory.", published="2009-05-01"), "Mr Kim") == "PRKGOV"
    early = run("Mr Kim inspected a missile factory.", published="2009-05-01")
    late = run("Mr Kim inspected a missile factory.", published="2019-05-01")
    assert by_name(early, "Kim Jong-il").kind == "person"
    assert by_name(late, "Kim Jong-un").kind == "person"


def test_office_nominal_resolves_to_the_holder_on_the_date(run):
    x = run("The US president said the talks had failed.", published="2010-06-01")
    obama = by_name(x, "Barack Obama")
    assert obama.code == "USAGOV" and obama.mentions[0].kind == "nominal"
    former = run("The former Russian president said the talks had failed.", published="2025-06-01")
    assert not any(a.name == "Vladimir Putin" for a in former.actors)


def test_title_codes_a_person_missing_from_the_dictionary(run):
    x = run("Gambian President Modou Jallowbeck opened the summit.", published="2001-01-01")
    assert by_name(x, "Modou Jallowbeck").code == "GMBGOV"


def test_agent_located_by_in_phrase_and_conjoined_adjectives(run):
    x = run("Rebels in Darfur attacked a convoy.", published="2005-01-01")
    assert code_of(x, "Rebels") == "SDNREB"
    x = run("Hungarian and Romanian officials agreed on a plan.", published="2000-01-01")
    assert code_of(x, "Hungarian") == "HUNGOV"
    assert code_of(x, "Romanian") == "ROUGOV"


def test_groups_and_pronouns(run):
    x = run(
        "Emmanuel Macron met Olaf Scholz in Paris. The two leaders discussed Ukraine. "
        "Later Mr Scholz flew home, and he said the meeting went well.",
        published="2023-05-01",
    )
    scholz = by_name(x, "Olaf Scholz")
    leaders = next(a for a in x.actors if any(m.text == "The two leaders" for m in a.mentions))
    assert set(leaders.members) == {by_name(x, "Emmanuel Macron").id, scholz.id}
    assert any(m.kind == "pronoun" and m.text == "he" for m in scholz.mentions)


def test_bare_numeral_subject_is_a_group_of_the_last_two_actors(run):
    x = run(
        "Tony Blair met Bertie Ahern at Stormont in April 1998, and the two signed the agreement there. "
        "Of the two, only one spoke.",
        published="1998-04-20",
    )
    pair = next(a for a in x.actors if any(m.text == "the two" for m in a.mentions))
    assert set(pair.members) == {by_name(x, "Tony Blair").id, by_name(x, "Bertie Ahern").id}
    # "Of the two" is not a subject: no second group.
    assert sum(a.kind == "group" for a in x.actors) == 1
    signed = [e for e in x.events if e.trigger.text == "signed"]
    assert {(e.source, e.target) for e in signed} >= {
        (by_name(x, "Tony Blair").id, by_name(x, "Bertie Ahern").id)
    }


def test_international_office_codes_the_organisation_not_the_country(run):
    annan = by_name(run("Kofi Annan urged restraint.", published="2003-01-01"), "Kofi Annan")
    assert annan.code == "IGOUNOGOV" and annan.country is None


def test_petrarch_conversion_keeps_date_bounds(tmp_path):
    import datetime as dt

    from newsevents.actors.petrarch import convert

    path = tmp_path / "mini.actors.txt"
    path.write_text(
        "# a comment\nJANE_ROE_  # note\n+MRS_ROE_\n\t[ABCGOV 990101-031231]\n\t[ABCELI]\nFREEDONIA_ [FRD]\n",
        encoding="utf-8",
    )
    doc = convert([path])
    roe = next(a for a in doc["actors"] if a["name"] == "Jane Roe")
    assert roe["code"] == "ABCELI" and roe["names"] == ["Mrs Roe"]
    assert roe["roles"] == [{"code": "ABCGOV", "start": dt.date(1999, 1, 1), "end": dt.date(2004, 1, 1)}]
    agents = tmp_path / "mini.agents.txt"
    agents.write_text("!PERSON! = MAN, WOMAN\nCATTLE!PERSON! [~AGR]\nSOLDIER [~MIL]\n", encoding="utf-8")
    sectors = convert([agents])["agents"]["sectors"]
    assert sectors == {"AGR": ["cattleman", "cattlewoman"], "MIL": ["soldier"]}


def test_pronoun_gender_from_dictionary_and_honorifics(run):
    x = run(
        "Donald Trump met Angela Merkel in Berlin. She said the talks were frank.", published="2018-07-01"
    )
    assert any(m.kind == "pronoun" for m in by_name(x, "Angela Merkel").mentions)
    assert not any(m.kind == "pronoun" for m in by_name(x, "Donald Trump").mentions)


def test_readme_dictionary_example_loads(tmp_path):
    """The user-dictionary example in newsevents/data/actors/README.md is valid and codes by date."""
    import datetime as dt
    import re

    from newsevents.actors.coding import code_entry
    from newsevents.actors.dictionary import load_dictionary
    from newsevents.resources import data_path

    readme = data_path("actors", "README.md").read_text(encoding="utf-8")
    path = tmp_path / "example.yaml"
    path.write_text(re.search(r"```yaml\n(.*?)```", readme, re.DOTALL).group(1), encoding="utf-8")
    d = load_dictionary((str(path),))
    roe = d.entries["person:Jane Roe"]
    assert code_entry(roe, dt.date(2020, 1, 1), d).code == "ABCGOV"
    assert code_entry(roe, dt.date(2024, 1, 1), d).code == "ABCOPP"


def test_a_person_named_only_by_a_title_does_not_break_the_stage(run):
    # Seen in wire copy: the NER labels a bare title ("Minister") as a person, leaving no surname to match.
    x = run(
        "Visiting Prime Minister of the Republic of Korea (ROK) Lee Hae-chan met Chinese leaders on Monday."
    )
    assert any("Lee" in a.name for a in x.actors)


def test_generic_agents_are_coded_by_sector_without_a_country(run):
    x = run("The riot police dispersed the strikers while the rebels held the hills.", published="2024-03-01")
    assert code_of(x, "The riot police") == "COP"
    assert code_of(x, "the strikers") == "LAB"
    assert code_of(x, "the rebels") == "REB"
    assert all(a.country is None for a in x.actors)


def test_abstract_agent_words_and_named_countries_keep_their_coding(run):
    x = run("Chilean soldiers used force against the crowd.", published="2024-03-01")
    assert code_of(x, "Chilean soldiers") == "CHLMIL"
    assert not any(m.text == "force" for a in x.actors for m in a.mentions)


def test_generic_agents_take_the_country_where_the_text_places_them(run):
    x = run("Students throughout Peru marched while police in Lima made arrests.", published="2024-03-01")
    assert code_of(x, "Students") == "PEREDU"
    assert code_of(x, "police") == "PERCOP"
    x = run("Nurses from a Cuban medical brigade arrived on Friday.", published="2024-03-01")
    assert code_of(x, "Nurses") == "CUBHLH"


def _codes(x: Extraction) -> dict[str, str | None]:
    """Mention text -> code of its actor."""
    return {m.text: a.code for a in x.actors for m in a.mentions}


def test_states_that_no_longer_exist_have_their_cameo_codes(run):
    x = run(
        "A Soviet official said East German troops had crossed into Czechoslovakia.", published="1985-06-01"
    )
    assert code_of(x, "A Soviet official") == "USRGOV"
    assert code_of(x, "East German troops") == "DDRMIL"
    assert code_of(x, "Czechoslovakia") == "CSK"


def test_yugoslavia_names_its_successor_after_the_breakup(run):
    text = "The Yugoslav army withdrew from the town, the defence ministry in Belgrade said."
    assert code_of(run(text, published="1988-03-01"), "The Yugoslav army") == "YUGMIL"
    late = run(text, published="1999-03-01")
    assert code_of(late, "The Yugoslav army") == "SRBMIL"
    x = run("Yugoslavia protested to the United Nations.", published="1999-03-01")
    yug = next(a for a in x.actors if any(m.text == "Yugoslavia" for m in a.mentions))
    assert yug.code == "SRB" and "successor" in (yug.basis or "")


@pytest.mark.parametrize(
    ("sentence", "mention", "code"),
    [
        ("Western diplomats said the talks had stalled.", "Western diplomats", "WSTGOV"),
        ("African leaders gathered for the summit.", "African leaders", "AFRGOV"),
        ("Several Arab states recalled their envoys.", "Arab states", "ARB"),
        ("Western powers urged both sides to show restraint.", "Western powers", "WST"),
        ("European countries agreed to share the cost.", "European countries", "EUR"),
        ("The West has accused the junta of rigging the vote.", "The West", "WST"),
        ("Latin American governments condemned the coup.", "Latin American governments", "LAMGOV"),
    ],
)
def test_regions_code_blocs_of_states(run, sentence, mention, code):
    assert code_of(run(sentence, published="2020-01-01"), mention) == code


def test_region_named_as_a_place_or_inside_a_name_is_no_bloc(run):
    x = run("Ministers met in Europe last week, and Western Union raised its fees.", published="2020-01-01")
    codes = _codes(x)
    assert "Europe" not in codes
    assert not any(code and code.startswith("WST") for code in codes.values())
    x = run("Settlers clashed with Palestinians in the West Bank.", published="2020-01-01")
    assert code_of(x, "West Bank") == "PSE"


@pytest.mark.parametrize(
    ("sentence", "mention", "code"),
    [
        ("Shiite militias shelled the district overnight.", "Shiite militias", "REBSHI"),
        ("Islamic fundamentalists threatened the newspaper.", "Islamic fundamentalists", "RADMOS"),
        ("Iraqi Sunnis boycotted the referendum.", "Iraqi Sunnis", "IRQSUN"),
        ("Catholics marched through the capital.", "Catholics", "CTH"),
        ("Sunni leaders called for calm.", "Sunni leaders", "SUN"),
        ("British Muslims held a vigil outside the embassy.", "British Muslims", "GBRMOS"),
    ],
)
def test_religions_qualify_agents_or_name_communities(run, sentence, mention, code):
    assert code_of(run(sentence, published="2020-01-01"), mention) == code


def test_religious_community_in_a_named_country(run):
    x = run("Shiites in Lebanon held a rally, and Christians attended.", published="2020-01-01")
    assert code_of(x, "Shiites") == "LBNSHI"
    assert code_of(x, "Christians") == "CHR"


def test_religion_word_in_a_name_is_not_the_religion(run):
    x = run("Christian Lindner criticised the budget.", published="2020-01-01")
    assert not any(a.code == "CHR" for a in x.actors)


def test_ethnic_groups_are_coded_where_they_live(run):
    # A country's demonym after "ethnic" is the people, not the state: coded by the country they are in.
    x = run("Ethnic Hungarians in Slovakia demanded schools in their own language.", published="2020-01-01")
    assert code_of(x, "Ethnic Hungarians") == "SVK"
    # An ethnic group that lives in one of two countries: the one the article names.
    x = run("Tutsi soldiers fired on a crowd, and Hutu rebels attacked a camp near Bujumbura in Burundi.",
            published="2000-01-01")  # fmt: skip
    assert code_of(x, "Hutu rebels") == "BDIREB"
    # With no country in the text, the agent alone; a group named alone is an actor without a code.
    x = run("Hutu rebels attacked a camp, and Kurds protested.", published="2000-01-01")
    assert code_of(x, "rebels") == "REB"
    assert code_of(x, "Kurds") is None
    # A group that lives in one country: that country.
    assert code_of(run("Uighurs staged a protest.", published="2020-01-01"), "Uighurs") == "CHN"


def test_capital_as_destination_is_a_place_and_codes_the_host_country(run):
    x = run(
        "The prime minister flew to Dublin on Monday and visited Moscow on Friday. Dublin said the talks went well.",
        published="2020-01-01",
    )
    dublin = [(m.text, a.code, a.kind) for a in x.actors for m in a.mentions if m.text == "Dublin"]
    # "flew to Dublin": where he went, the host country (as CAMEO codes a visit's target), not IRLGOV;
    # "Dublin said": the government.
    assert ("Dublin", "IRL", "state") in dublin and ("Dublin", "IRLGOV", "state") in dublin
    assert code_of(x, "Moscow") == "RUS"
    # A capital that receives something is still its government.
    assert code_of(run("Washington sent more weapons to Kyiv.", published="2020-01-01"), "Kyiv") == "UKRGOV"


def test_organisation_name_loses_a_leading_article(run):
    x = run("The National Farmers Association criticised the plan on Tuesday.", published="2020-01-01")
    assert any(a.name == "National Farmers Association" for a in x.actors)
    x = run("The International Labour Organization said unemployment was rising.", published="2020-01-01")
    assert code_of(x, "International Labour Organization") == "IGOUNOILO"


def test_word_memos_are_bounded(monkeypatch):
    """The per-word memos of a long corpus run are forgotten past MEMO_SIZE words, not kept forever."""
    from spacy.strings import StringStore

    from newsevents.actors import dictionary as dictionary_module
    from newsevents.actors.dictionary import load_dictionary

    d = load_dictionary()
    monkeypatch.setattr(dictionary_module, "MEMO_SIZE", 5)
    monkeypatch.setattr(d, "_ending_forms", {})
    monkeypatch.setattr(d, "_not_current_forms", {})
    strings = StringStore()
    words = [f"word{i}" for i in range(12)] + ["former", "minister"]
    for word in words:
        d.may_end_agent(strings.add(word), strings)
        d.is_not_current(strings.add(word), strings)
        assert len(d._ending_forms) <= 5 and len(d._not_current_forms) <= 5
    # answers are the same after the memo was cleared
    assert d.is_not_current(strings.add("former"), strings)
    assert d.may_end_agent(strings.add("minister"), strings) == ("minister" in d.agent_endings())
