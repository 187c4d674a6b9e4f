"""Pages that list items, each test with items of its own: the home page's open knopen, a
section's pages of twenty, the glossary by letter."""

import datetime
import re

from kennisbank.models import BegrippenPage, Knoop, KnoopIndexPage, Parel, Visibility
from tests.content.reading import fetch, text_of
from tests.factories import create_begrip, create_item, create_user


def test_home_page_lists_only_open_knopen(client, home):
    for status in Knoop.Status:
        create_item(Knoop, f"Knoop die {status.label.lower()} is", status=status)

    open_knopen = text_of(fetch(client, home).find("h2", string="Open knopen").parent)

    assert "Knoop die gesignaleerd is" in open_knopen
    assert "Knoop die geagendeerd is" in open_knopen
    assert "Knoop die geëscaleerd is" in open_knopen
    assert "Knoop die opgelost is" not in open_knopen
    assert "Knoop die geparkeerd is" not in open_knopen


def test_home_page_lists_the_open_knopen_due_first_and_links_to_the_agenda(client, home):
    today = datetime.date(2024, 3, 1)
    for day in range(12, 0, -1):  # twelve open knopen, review dates 2 to 13 March
        create_item(Knoop, f"Knoop {day:02}", review_date=today + datetime.timedelta(days=day))
    create_item(Knoop, "Knoop zonder bespreking")
    create_item(Knoop, "Knoop voor het netwerk", visibility=Visibility.NETWORK)
    create_item(Knoop, "Opgeloste knoop", status=Knoop.Status.OPGELOST, review_date=today)

    section = fetch(client, home).find("h2", string="Open knopen").parent
    assert [a.get_text(strip=True) for a in section.select(".page-list__title")] == [
        f"Knoop {day:02}" for day in range(1, 9)
    ]
    agenda = section.find("a", string=re.compile("Alle open knopen"))
    assert agenda["href"] == KnoopIndexPage.objects.get().url
    assert text_of(agenda) == "Alle open knopen (13)"

    client.force_login(create_user())
    section = fetch(client, home).find("h2", string="Open knopen").parent
    assert text_of(section.find("a", string=re.compile("Alle open knopen"))) == (
        "Alle open knopen (14)"
    )


def test_glossary_groups_terms_by_letter(client, home):
    create_begrip(
        "Alleenstaande minderjarige vreemdeling",
        "AMV",
        synonyms=["alleenreizende minderjarige vluchteling"],
        definition="Een kind dat zonder ouders naar Nederland kwam.",
    )
    create_begrip("asielzoekerscentrum", "azc", definition="Een opvanglocatie van het COA.")
    create_begrip("Crisisnoodopvang", "CNO", definition="Opvang voor korte tijd.")

    soup = fetch(client, BegrippenPage.objects.get())

    letters = soup.find("nav", attrs={"aria-label": "Begrippen per letter"})
    assert [a["href"] for a in letters.find_all("a")] == ["#letter-a", "#letter-c"]
    letter_a = text_of(soup.find(id="letter-a"))
    assert (
        "Alleenstaande minderjarige vreemdeling AMV Een kind dat zonder ouders naar Nederland "
        "kwam. Ook: alleenreizende minderjarige vluchteling" in letter_a
    )
    assert "asielzoekerscentrum azc Een opvanglocatie van het COA." in letter_a
    assert "Crisisnoodopvang CNO Opvang voor korte tijd." in text_of(soup.find(id="letter-c"))


def test_section_lists_items_twenty_to_a_page(client, home):
    for number in range(25):
        create_item(Parel, f"Parel {number:02d}", date=datetime.date(2023, 1, 1 + number))
    first = client.get("/parels/").content.decode()
    second = client.get("/parels/", {"page": 2}).content.decode()
    assert "Pagina 1 van 2" in first and "Pagina 2 van 2" in second
    assert "Parel 24" in first and "Parel 04" not in first  # newest first
    assert "Parel 04" in second and "Parel 00" in second and "Parel 05" not in second
