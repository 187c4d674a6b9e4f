"""How the results are ordered beyond which words they have."""

import datetime

import pytest

from kennisbank.models import Parel
from tests.factories import create_item, found_titles

pytestmark = pytest.mark.django_db


def test_an_item_with_the_query_words_together_comes_before_one_with_them_apart(client, home):
    # The same words, as often, in texts of the same length; the one with them apart is newer,
    # which would otherwise put it first.
    create_item(
        Parel,
        "Notitie over de regio",
        summary="Opvang van kinderen zonder ouders in de regio, en verder niets.",
        date=datetime.date(2024, 1, 1),
    )
    create_item(
        Parel,
        "Notitie uit de regio",
        summary="Opvang van kinderen in de regio, en verder zonder ouders niets.",
        date=datetime.date(2024, 2, 1),
    )
    assert found_titles(client, q="opvang kinderen zonder ouders") == [
        "Notitie over de regio",
        "Notitie uit de regio",
    ]


def test_a_question_is_answered_without_its_common_words(client, home):
    # "staan", "lang", "tussen" and "twee" are among the most common Dutch words: the answer
    # has the question's other words, and another item having the common ones does not hide it.
    create_item(
        Parel,
        "Huurders sneller in een woning",
        summary="Een corporatie laat woningen niet leeg van de ene naar de andere huurder.",
    )
    create_item(
        Parel, "Kraampjes op de markt", summary="Twee woningen staan lang leeg tussen de kramen."
    )
    create_item(Parel, "Fietsles", summary="Vrijwilligers leren volwassenen fietsen.")
    found = found_titles(client, q="waarom staan woningen lang leeg tussen twee huurders")
    assert sorted(found) == ["Huurders sneller in een woning", "Kraampjes op de markt"]
