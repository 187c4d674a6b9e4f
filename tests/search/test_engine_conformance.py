"""The same behaviour from every engine: the embedded tantivy index and OpenSearch (through
osmem-server). No database: documents and requests are plain data, the text analysed by the
kennisbank's own Dutch analysis."""

import datetime
import socket
import time
from collections import Counter
from dataclasses import replace

import pytest

from search.analysis import alternatives, tokens, ways_of, words
from search.engines.base import Alternative, Document, EngineUnavailable, Request
from search.engines.embedded import EmbeddedEngine
from search.engines.opensearch import OpenSearchEngine
from search.query import parse

FACETS = ("type", "thema", "gemeente", "jaar")


@pytest.fixture(params=["embedded", "opensearch"])
def engine(request, tmp_path):
    if request.param == "embedded":
        yield EmbeddedEngine(tmp_path / "index")
        return
    with request.getfixturevalue("osmem").clone() as cluster:
        yield OpenSearchEngine("opensearch", cluster.url, index_name="kennisbank-test")


def document(pk, title, body="", date=(2024, 1, 1), restrictions=(), **keywords):
    keywords.setdefault("type", ["parel"])
    keywords["jaar"] = [str(date[0])]
    keywords["restrictions"] = list(restrictions)
    return Document(
        id=pk,
        date=datetime.date(*date),
        title=tuple(tokens(title)),
        body=tuple(tokens(body)),
        title_words=tuple(words(title)),
        words=tuple(dict.fromkeys(words(title) + words(body))),
        keywords={name: tuple(values) for name, values in keywords.items()},
    )


def query(text, exact=False, **options):
    """A request for each word in all its ways (or, exact, the whole text as a phrase) as a
    group."""
    groups = [[tuple(words(text))]] if exact else [ways_of(word) for word in words(text)]
    return Request(groups=[alternatives(ways, exact) for ways in groups], **options)


def found(engine, request):
    return engine.search(request).ids


CORPUS = [
    document(1, "Sporthal als crisisnoodopvang", "Tijdelijke plek voor 450 mensen."),
    document(2, "Snel meer woningen", "Tijdelijke woningen bij de kern.", date=(2023, 5, 1)),
    document(3, "Huurwoningen voor gezinnen", "Woningen tijdelijke oplossing.", date=(2022, 1, 1)),
    document(4, "Oekraïners in de gemeente", "Opvang in Zwolle.", restrictions=["login"]),
]


def test_dutch_stems_and_compound_parts(engine):
    engine.index(CORPUS)
    assert sorted(found(engine, query("opvang"))) == [1, 4]  # crisisnoodopvang by its head
    assert sorted(found(engine, query("woning"))) == [2, 3]  # huurwoningen too
    assert found(engine, query("oekrainers")) == [4]  # folded
    assert found(engine, query("noodopvang")) == [1]  # its parts, in a compound of three
    assert found(engine, query("crisis")) == [1]  # a compound's first part


def test_a_compound_in_the_query_finds_its_parts_anywhere(engine):
    engine.index([document(1, "Tandarts", "De kosten van de tandarts."), document(2, "Kosten")])
    assert found(engine, query("tandartskosten")) == [1]


def test_a_typo_matches_within_its_edits(engine):
    engine.index(CORPUS)
    typo = Request(groups=[(Alternative(("huurwonignen",), fuzzy=2),)])
    assert found(engine, typo) == [3]


def test_phrases_match_in_order_and_quoted_words_are_no_heads(engine):
    engine.index(CORPUS)
    assert found(engine, query("tijdelijke woningen", exact=True)) == [2]
    assert found(engine, query("woningen tijdelijke", exact=True)) == [3]
    assert found(engine, query("opvang", exact=True)) == [4]


def test_every_group_required_unless_told(engine):
    engine.index(CORPUS)
    assert found(engine, query("tijdelijke sporthal")) == [1]
    # At least one of three: the item with more of them first.
    request = query("tijdelijke sporthal mensen", required=1)
    assert found(engine, request)[0] == 1
    assert sorted(found(engine, request)) == [1, 2, 3]
    assert found(engine, query("tijdelijke sporthal mensen", required=2)) == [1]


def test_title_weighs_more_than_body(engine):
    engine.index(
        [
            document(1, "Een verslag", "Over woningen en nog veel meer woorden hier."),
            document(2, "Woningen", "Een verslag.", date=(2019, 1, 1)),
        ]
    )
    assert found(engine, query("woningen")) == [2, 1]


def test_neighbouring_query_words_near_each_other_rank_first(engine):
    # The same words, as often, in texts of the same length: only their places differ.
    engine.index(
        [
            document(1, "Notitie", "Opvang kinderen zonder ouders in de regio en verder niets."),
            document(
                2,
                "Notitie",
                "Opvang kinderen in de regio en verder zonder ouders niets.",
                date=(2024, 2, 1),
            ),
        ]
    )
    request = query("opvang kinderen ouders")
    assert found(engine, request) == [2, 1]  # equal scores: the newer first
    near = parse("opvang kinderen zonder ouders", synonyms={}).pairs
    assert found(engine, replace(request, near=near)) == [1, 2]
    assert engine.search(replace(request, near=near)).total == 2
    assert found(engine, replace(request, near=near, sort="date")) == [2, 1]


def test_equal_scores_newest_first_and_date_sort(engine):
    engine.index(
        [
            document(pk, "Opvang in de regio", "Zelfde tekst.", date=(2020 + pk % 5, 1, pk))
            for pk in range(1, 26)
        ]
    )
    newest_first = sorted(range(1, 26), key=lambda pk: (-(2020 + pk % 5), -pk))
    assert found(engine, query("opvang", limit=25)) == newest_first
    assert found(engine, query("regio", sort="date", limit=25)) == newest_first
    assert found(engine, Request(limit=25)) == newest_first  # no words: newest first
    # Pages of equal scores neither overlap nor skip.
    pages = [found(engine, query("opvang", offset=start, limit=7)) for start in (0, 7, 14, 21)]
    assert sum(pages, []) == newest_first


def test_date_sort_ignores_relevance(engine):
    engine.index(
        [
            document(1, "Woningen woningen", date=(2019, 1, 1)),
            document(2, "Iets", "over woningen", date=(2024, 1, 1)),
        ]
    )
    assert found(engine, query("woningen")) == [1, 2]
    assert found(engine, query("woningen", sort="date")) == [2, 1]


def test_denied_restrictions_leave_items_out_of_results_counts_and_facets(engine):
    engine.index(
        [
            document(1, "Opvang open", thema=["opvang"]),
            document(2, "Opvang netwerk", restrictions=["login"], thema=["zorg"]),
            document(3, "Opvang groep", restrictions=["groups:4", "login"], thema=["zorg"]),
        ]
    )
    anonymous = engine.search(query("opvang", denied=("login", "groups:4"), facets=FACETS))
    assert (anonymous.ids, anonymous.total) == ([1], 1)
    assert anonymous.facets["thema"] == {"opvang": 1}
    member = engine.search(query("opvang", denied=("groups:4",), facets=FACETS))
    assert (sorted(member.ids), member.total) == ([1, 2], 2)
    assert member.facets["thema"] == {"opvang": 1, "zorg": 1}


FACETED = [
    document(
        pk,
        f"Opvang nummer {pk}",
        date=(2020 + pk % 3, 1, 1),
        type=["parel" if pk % 2 else "besluit"],
        thema=["opvang", "zorg"] if pk % 4 == 0 else ["opvang"],
        gemeente=["zwolle"] if pk % 5 == 0 else ["kampen"],
    )
    for pk in range(1, 41)
]


def expected(filters, facet, ignore_own=True):
    """Counts computed here: the items passing every filter but the facet's own."""
    counts = Counter()
    for item in FACETED:
        if all(
            set(values) & set(item.keywords.get(name, ()))
            for name, values in filters.items()
            if not (ignore_own and name == facet)
        ):
            counts.update(item.keywords.get(facet, ()))
    return dict(counts)


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"type": ["parel"]},
        {"thema": ["zorg"], "gemeente": ["zwolle", "kampen"]},
        {"type": ["besluit"], "jaar": ["2021", "2022"], "thema": ["opvang"]},
    ],
)
def test_filters_and_facet_counts_are_exact_each_ignoring_its_own(engine, filters):
    engine.index(FACETED)
    result = engine.search(query("opvang", filters=filters, facets=FACETS, limit=50))
    passing = [
        item.id
        for item in FACETED
        if all(set(v) & set(item.keywords[name]) for name, v in filters.items())
    ]
    assert sorted(result.ids) == passing
    assert result.total == len(passing)
    for facet in FACETS:
        assert result.facets[facet] == expected(filters, facet), facet


def test_filters_hold_without_words_and_for_unfaceted_fields(engine):
    engine.index(FACETED)
    result = engine.search(Request(filters={"gemeente": ["zwolle"]}, facets=("type",)))
    assert result.total == 8
    assert result.facets["type"] == expected({"gemeente": ["zwolle"]}, "type")


def test_what_a_result_shows_comes_back_only_with_its_hit_and_when_asked(engine):
    shown = {
        "title": "Opvang in Zwolle",
        "themes": ["Opvang", "Zorg"],
        "n": 3,
        "text": "ë" * 30_000,
    }
    keys = {"shown": "first", "a": 1, "z": 2}  # in their own order, whatever the engine keeps
    engine.index(
        [
            replace(CORPUS[0], shown={**shown, "keys": keys}),
            replace(CORPUS[3], shown={"title": "Oekraïners in de gemeente"}),
            CORPUS[1],  # stored without it
        ]
    )
    asked = query("opvang", denied=("login",), shown=True)
    result = engine.search(asked)
    assert result.ids == [1]
    assert result.shown == [{**shown, "keys": keys}]
    assert list(result.shown[0]["keys"]) == ["shown", "a", "z"]
    assert engine.search(replace(asked, denied=())).shown[1] == {
        "title": "Oekraïners in de gemeente"
    }
    assert engine.search(replace(asked, shown=False)).shown == []
    both = engine.search(query("tijdelijke", shown=True))
    assert dict(zip(both.ids, both.shown, strict=True)) == {1: {**shown, "keys": keys}, 2: None}


def test_replacing_and_removing_documents(engine):
    engine.index(CORPUS)
    engine.index([document(2, "Snel meer flexwoningen")])
    assert found(engine, query("kern")) == []
    assert found(engine, query("flexwoningen")) == [2]
    engine.remove([2, 3])
    assert found(engine, query("woning")) == []
    assert engine.search(Request()).total == 3 - 1 + 0  # 1 and 4 remain
    engine.clear()
    assert engine.search(Request()).total == 0


def test_suggestions_by_title_prefix_for_visible_items(engine):
    engine.index(CORPUS)
    suggested = engine.suggest(["snel", "me"], Request(limit=5))
    assert suggested.ids == [2]
    assert engine.suggest(["oekr"], Request(denied=("login",))).ids == []
    assert engine.suggest(["oekr"], Request()).ids == [4]


def test_similar_items_share_the_most_values(engine):
    engine.index(
        [
            document(1, "A", thema=["opvang", "zorg"], tag=["gym"]),
            document(2, "B", thema=["opvang"], date=(2025, 1, 1)),
            document(3, "C", thema=["opvang", "zorg"], tag=["gym"], date=(2019, 1, 1)),
            document(4, "D", thema=["werk"]),
            document(5, "E", thema=["zorg"], restrictions=["login"], date=(2025, 1, 1)),
        ]
    )
    request = Request(
        shared={"thema": ["opvang", "zorg"], "tag": ["gym"]}, exclude=(1,), denied=("login",)
    )
    assert found(engine, request) == [3, 2]


def test_rebuild_replaces_everything(engine):
    engine.index(CORPUS)
    engine.rebuild(iter([document(9, "Nieuw asielzoekerscentrum")]))
    assert found(engine, Request()) == [9]
    assert found(engine, query("asielzoekerscentrum")) == [9]


@pytest.mark.parametrize("kind", ["opensearch", "elasticsearch"])
def test_an_engine_that_does_not_answer_is_known_down_within_two_seconds_for_a_while(kind):
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        engine = OpenSearchEngine(kind, url, index_name="kennisbank-test")
        start = time.monotonic()
        with pytest.raises(EngineUnavailable):
            engine.search(Request())
        assert time.monotonic() - start < 2.5
        start = time.monotonic()
        with pytest.raises(EngineUnavailable):
            OpenSearchEngine(kind, url).search(Request())  # remembered: no second wait
        assert time.monotonic() - start < 0.1


def test_items_of_one_date_in_title_order(engine):
    engine.index(
        [
            document(1, "Taalcafé"),
            document(2, "flexwoningen"),
            document(3, "Maatjes", date=(2025, 1, 1)),
            document(4, "Flexwonen"),
            document(5, "Aanpak"),
        ]
    )
    assert found(engine, Request()) == [3, 5, 4, 2, 1]


def test_search_answers_from_the_old_index_during_a_rebuild(engine):
    engine.index(CORPUS[:2])
    seen = []

    def documents():
        yield document(9, "Nieuw asielzoekerscentrum")
        seen.append(sorted(found(engine, Request())))  # mid-rebuild: the old index answers
        engine.index([document(10, "Gepubliceerd tijdens de herbouw")])
        yield document(11, "Nog een")

    engine.rebuild(documents(), changed=lambda ids: [document(10, "Gepubliceerd tijdens")])
    assert seen == [[1, 2]]
    assert sorted(found(engine, Request())) == [9, 10, 11]
    assert found(engine, query("gepubliceerd")) == [10]
