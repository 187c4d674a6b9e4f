"""The vocabularies and the glossary, editable by the redactie as snippets."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Begrip, Doelgroep, Gemeente, Organisatie, Thema


class VocabularyViewSet(SnippetViewSet):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class ThemaViewSet(VocabularyViewSet):
    model = Thema
    icon = "tag"


class GemeenteViewSet(VocabularyViewSet):
    model = Gemeente
    icon = "site"


class DoelgroepViewSet(VocabularyViewSet):
    model = Doelgroep
    icon = "group"


class OrganisatieViewSet(VocabularyViewSet):
    model = Organisatie
    icon = "home"


class BegripViewSet(SnippetViewSet):
    model = Begrip
    icon = "help"
    menu_label = "Begrippen"
    list_display = ["term", "abbreviation"]
    search_fields = ["term", "abbreviation", "definition"]
    ordering = ["term"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Ordening"
    menu_icon = "folder-inverse"
    menu_order = 300
    items = (ThemaViewSet, GemeenteViewSet, DoelgroepViewSet, OrganisatieViewSet, BegripViewSet)


register_snippet(TaxonomyGroup)
