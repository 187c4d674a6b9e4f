"""The search library's pure parts, without a database: Dutch analysis, query parsing and
highlighting."""

from search.analysis import PART_MARK, fold, forms, parts, stem, stemmed_text, tokens, words
from search.engine import required_groups
from search.highlight import highlight
from search.query import parse, synonyms_of

GLOSSARY = synonyms_of(
    [
        ["alleenstaande minderjarige vreemdeling", "AMV", "alleenreizende minderjarige"],
        ["asielzoekerscentrum", "azc"],
    ]
)


def test_folding_drops_accents_and_case():
    assert fold("Oekraïne") == "oekraine"
    assert words("Crisis-NOODopvang in Oekraïne") == ["crisis", "noodopvang", "in", "oekraine"]


def test_plural_and_singular_share_a_stem():
    assert stem("woningen") == stem("woning")
    assert stem("statushouders") == stem("statushouder")


def shares_a_form(first, second):
    return bool(set(forms(first)) & set(forms(second)))


def test_diminutives_and_plurals_porter_split_share_a_form():
    for pair in [
        "kamertje kamertjes",
        "les lessen",
        "toets toetsen",
        "plekje plekjes",
        "kind kinderen",
        "stad steden",
        "plaats plaatsen",
        "huis huizen",
    ]:
        assert shares_a_form(*pair.split()), pair


def test_different_words_keep_different_forms():
    for pair in ["huis huisvesting", "kind kinderopvang", "wet weten", "kamer kameraad"]:
        assert not shares_a_form(*pair.split()), pair


def test_compounds_split_into_the_words_they_are_made_of():
    assert parts("tandartskosten") == ("tandarts", "kosten")
    assert parts("crisisnoodopvang") == ("crisis", "nood", "opvang")
    assert parts("schoolgebouw") == ("school", "gebouw")
    # Plural or singular, the same parts.
    assert parts("asielzoekers") == parts("asielzoeker")


def test_the_word_list_keeps_false_friends_and_prefixed_words_whole():
    # "vesting" is rarer than "huisvesting"; "aan", "onder" are no parts.
    for word in ["huisvesting", "aanvraag", "onderwijs", "kort"]:
        assert parts(word) == (), word


def test_indexed_text_holds_stems_in_order_then_forms_and_parts():
    assert stemmed_text("De woningen").split()[:2] == [stem("de"), stem("woningen")]
    text = tokens("Het schoolgebouw")
    assert text[:2] == [stem("het"), stem("schoolgebouw")]
    assert {PART_MARK + stem("school"), PART_MARK + stem("gebouw")} <= set(text[2:])


def test_quoted_phrase_is_one_exact_group():
    query = parse('"sociale huur" woningen', {})
    assert query.groups[0].alternatives == (("sociale", "huur"),)
    assert query.groups[0].exact
    assert query.groups[1].alternatives == (("woningen",),)


def test_stop_words_are_dropped_unless_nothing_else_is_left():
    assert [g.words for g in parse("de opvang van het azc", {}).groups] == [["opvang"], ["azc"]]
    assert parse("de", {}).groups


def test_abbreviation_expands_to_every_way_of_saying_it():
    (group,) = parse("amv", GLOSSARY).groups
    assert ("alleenstaande", "minderjarige", "vreemdeling") in group.alternatives
    assert ("amv",) in group.alternatives


def test_a_term_in_other_words_is_one_group():
    groups = parse("opvang alleenstaande minderjarige vreemdelingen", GLOSSARY).groups
    assert len(groups) == 2
    assert ("amv",) in groups[1].alternatives


def test_highlight_marks_word_forms_and_escapes_markup():
    query = parse("woning", {})
    excerpt = highlight("Nieuwe <woningen> en een woning erbij.", query)
    assert excerpt == "Nieuwe &lt;<mark>woningen</mark>&gt; en een <mark>woning</mark> erbij."


def test_highlight_marks_compounds_ending_in_the_word():
    assert "<mark>crisisnoodopvang</mark>" in highlight("De crisisnoodopvang.", parse("opvang", {}))


def test_highlight_window_starts_near_the_first_match():
    text = " ".join(["vulling"] * 100 + ["statushouders"] + ["vulling"] * 100)
    excerpt = highlight(text, parse("statushouder", {}))
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
    assert "<mark>statushouders</mark>" in excerpt


def test_the_words_a_question_is_asked_with_do_not_decide_the_search():
    groups = parse("waar en wanneer krijgt een statushouder welk leefgeld", {}).groups
    assert [group.alternatives[0] for group in groups] == [("statushouder",), ("leefgeld",)]


def test_a_long_query_needs_all_but_one_of_its_words_that_are_not_common():
    def needed(text):
        return required_groups(parse(text, synonyms={}))

    assert needed("taalles statushouders bibliotheek") == 2
    # staan, lang, tussen, twee: among the most common Dutch words.
    assert needed("waarom staan woningen lang leeg tussen twee huurders") == 2
    assert needed("tolk huisarts twee") == 2
    # Of common words only, all but one as they are.
    assert needed("nieuwe mensen werk") == 2
