"""The shape of the site: which page type may live where."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from kennisbank.models import (
    Artikel,
    ArtikelIndexPage,
    BegrippenPage,
    Beleidskader,
    BeleidskaderIndexPage,
    Besluit,
    BesluitIndexPage,
    Knoop,
    KnoopIndexPage,
    Parel,
    ParelIndexPage,
    StatementPage,
    Vergadering,
    VergaderingIndexPage,
)
from kennisbank.structure import ensure_site

ITEMS_BY_INDEX = {
    ParelIndexPage: Parel,
    KnoopIndexPage: Knoop,
    BeleidskaderIndexPage: Beleidskader,
    BesluitIndexPage: Besluit,
    ArtikelIndexPage: Artikel,
    VergaderingIndexPage: Vergadering,
}
HOME_CHILDREN = {*ITEMS_BY_INDEX, BegrippenPage}


class PageTreeTests(WagtailPageTestCase):
    def test_each_item_type_lives_only_under_its_own_index(self):
        for index_model, item_model in ITEMS_BY_INDEX.items():
            with self.subTest(item_model.__name__):
                self.assertAllowedParentPageTypes(item_model, {index_model})
                self.assertAllowedSubpageTypes(index_model, {item_model})

    def test_index_pages_and_glossary_live_only_under_the_home_page(self):
        for model in [*HOME_CHILDREN, StatementPage]:
            with self.subTest(model.__name__):
                self.assertAllowedParentPageTypes(model, {HomePage})
        # The statements (toegankelijkheid, privacy, contact) too, as many as the Redactie needs.
        self.assertAllowedSubpageTypes(HomePage, HOME_CHILDREN | {StatementPage})
        self.assertAllowedSubpageTypes(StatementPage, set())

    def test_home_page_lives_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_items_and_glossary_have_no_subpages(self):
        for model in [*ITEMS_BY_INDEX.values(), BegrippenPage]:
            with self.subTest(model.__name__):
                self.assertAllowedSubpageTypes(model, set())

    def test_one_home_page_with_one_of_each_section(self):
        root = Page.get_first_root_node()
        self.assertTrue(HomePage.can_create_at(root))

        home = ensure_site()

        self.assertFalse(HomePage.can_create_at(root))
        for model in HOME_CHILDREN:
            with self.subTest(model.__name__):
                self.assertFalse(model.can_create_at(home))
