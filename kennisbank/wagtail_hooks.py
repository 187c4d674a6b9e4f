"""Admin and serving hooks: vocabularies and glossary as snippets, private attachments."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Begrip, Doelgroep, Gemeente, KennisItem, Organisatie, Thema


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


@hooks.register("before_serve_document")
def protect_attachments(document, request):
    """An attachment is as private as the items it is attached to: served only when one of
    them is visible to the user (editors in the admin may always fetch it)."""
    attached_to = KennisItem.objects.filter(attachments__document=document)
    if not attached_to.exists() or attached_to.visible_to(request.user).exists():
        return None
    if request.user.has_perm("wagtailadmin.access_admin"):
        return None
    if request.user.is_authenticated:
        raise Http404
    return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
