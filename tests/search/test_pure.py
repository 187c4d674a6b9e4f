"""The search library's pure parts, without a database: Dutch analysis, query parsing and
highlighting."""

from search.analysis import fold, head_marker, markers, stem, stemmed_text, words
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


def test_long_words_get_a_head_marker_that_a_query_head_prefixes():
    text_markers = markers(words("crisisnoodopvang huurwoningen"))
    assert any(m.startswith(head_marker("opvang")) for m in text_markers)
    assert any(m.startswith(head_marker("woning")) for m in text_markers)
    assert not markers(["kort"])


def test_indexed_text_holds_stems_then_markers():
    assert stemmed_text("De woningen").split()[:2] == [stem("de"), stem("woningen")]


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
