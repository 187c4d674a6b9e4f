"""Admin and serving hooks: vocabularies and glossary as snippets, the text found in
documents, private attachments, which item types each role creates, whose drafts a
contributor sees in the admin, the dashboard."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permission_policies import BlanketPermissionPolicy
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet, SnippetViewSetGroup

from .accounts.roles import CURRENCY_PERMISSION, QUESTIONS_PERMISSION, may_create
from .admin import meetings, search_terms
from .admin.dashboard import homepage_panels
from .models import (
    Begrip,
    DocumentText,
    Doelgroep,
    Gemeente,
    KennisItem,
    Opgave,
    Organisatie,
    Question,
    ReviewReminder,
    StatementPage,
    Thema,
    Vergadering,
    visible_files,
)
from .models.accounts import organisation_of
from .opgaven.admin import OpgavePermissionPolicy
from .opgaven.admin_csv import OpgavenGroup
from .privacy import Viewer, collection_denied


def others_drafts(user):
    """Ids of the unpublished items a contributor may not see in the admin: those of another
    organisation (their own, and their colleagues', they see). None for the Redactie, who
    publish (Wagtail lets whoever may add pages "change" their own)."""
    if PAGE_POLICY.user_has_permission(user, "publish"):
        return KennisItem.objects.none().values("pk")
    own = Q(owner=user)
    organisation = organisation_of(user)
    if organisation:
        own |= Q(author_organisation=organisation)
    return KennisItem.objects.filter(live=False).exclude(own).values("pk")


class PagePolicy(PagePermissionPolicy):
    """Wagtail's, but what a user explores leaves out other organisations' drafts: the
    explorer, the admin's page search, its pages API and the site history read this."""

    def explorable_instances(self, user):
        return super().explorable_instances(user).exclude(pk__in=others_drafts(user))


# Wagtail registers its own for AbstractPage: this one, for Page, is the nearer for every page.
PAGE_POLICY = PagePolicy(Page)
register_permission_policy(Page, PAGE_POLICY)


@hooks.register("construct_page_chooser_queryset")
def hide_others_drafts_in_chooser(pages, request):
    return pages.exclude(pk__in=others_drafts(request.user))


@hooks.register("before_move_page")
def refuse_move_of_unexplorable(request, page, destination):
    """Wagtail's move confirmation names the page and the destination before it checks the
    move: only for a page the user may move, to a page they may explore."""
    explorable = PAGE_POLICY.explorable_instances(request.user)
    if (
        not page.permissions_for_user(request.user).can_move()
        or not explorable.filter(pk=destination.pk).exists()
    ):
        raise PermissionDenied


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
    list_display = ["name", "slug", "mailbox"]


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


# Opgaven: figures per gemeente, each user only those they may edit (kennisbank/opgaven/).
register_permission_policy(Opgave, OpgavePermissionPolicy(Opgave))


@hooks.register("register_admin_viewset")
def opgaven_viewset():
    return OpgavenGroup()


class VisibleFilesPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's collection permissions for documents and images, narrowed to the files the
    user may see (visible_files): the chooser, the listings and the edit and preview views
    never offer another organisation's unpublished upload."""

    def instances_user_has_any_permission_for(self, user, actions):
        files = super().instances_user_has_any_permission_for(user, actions)
        return visible_files(files, Viewer(user))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(user, actions, instance) and (
            visible_files(type(instance).objects.filter(pk=instance.pk), Viewer(user)).exists()
        )


# For the exact models, so that it holds whichever app registers its policy last.
register_permission_policy(
    get_document_model(),
    VisibleFilesPolicy(
        get_document_model(), auth_model="wagtaildocs.Document", owner_field_name="uploaded_by_user"
    ),
    exact_class=True,
)
register_permission_policy(
    get_image_model(),
    VisibleFilesPolicy(
        get_image_model(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
    ),
    exact_class=True,
)


def visible_texts(user):
    """The extracted texts of the documents this user may see."""
    documents = visible_files(get_document_model().objects.all(), Viewer(user))
    return DocumentText.objects.filter(document__in=documents)


class ViewOnlyPolicy(BlanketPermissionPolicy):
    """Editors may look, never change: only the background task writes extraction results."""

    def user_has_permission(self, user, action):
        return action == "view" and user.has_perm("wagtailadmin.access_admin")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class DocumentTextInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(visible_texts(self.request.user), pk=unquote(str(self.pk)))


class DocumentTextViewSet(SnippetViewSet):
    """Whether each uploaded document's text is searchable, and if not, why; each user sees
    the documents they may see."""

    model = DocumentText
    icon = "doc-full"
    menu_label = "Documenttekst"
    menu_order = 400
    add_to_admin_menu = True
    list_display = ["document", "status", "reason", "extracted_at"]
    list_filter = ["status"]
    ordering = ["-extracted_at"]
    inspect_view_enabled = True
    inspect_view_fields = ["document", "status", "reason", "extracted_at", "text"]
    inspect_view_class = DocumentTextInspectView

    def get_queryset(self, request):
        return visible_texts(request.user)


register_permission_policy(DocumentText, ViewOnlyPolicy(DocumentText))
register_snippet(DocumentTextViewSet)


class LogPolicy(BlanketPermissionPolicy):
    """A log no one edits: read by those with its view permission (the Redactie)."""

    def __init__(self, model, permission):
        super().__init__(model)
        self.permission = permission

    def user_has_permission(self, user, action):
        return action == "view" and user.has_perm(self.permission)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class QuestionViewSet(SnippetViewSet):
    """Who asked which organisation about which item, and when; the text for 90 days."""

    model = Question
    icon = "mail"
    menu_label = "Vragen aan indieners"
    list_display = ["item", "organisation", "asked_by", "asked_at"]
    list_filter = ["organisation"]
    ordering = ["-asked_at"]
    inspect_view_enabled = True
    inspect_view_fields = ["item", "organisation", "asked_by", "asked_at", "body"]


class ReviewReminderViewSet(SnippetViewSet):
    model = ReviewReminder
    icon = "date"
    menu_label = "Herinneringen om te herzien"
    list_display = ["item", "review_before", "sent_to", "sent_at"]
    ordering = ["-sent_at"]


class NetworkLogGroup(SnippetViewSetGroup):
    menu_label = "Contact en actualiteit"
    menu_icon = "mail"
    menu_order = 410
    items = (QuestionViewSet, ReviewReminderViewSet)


register_permission_policy(Question, LogPolicy(Question, QUESTIONS_PERMISSION))
register_permission_policy(ReviewReminder, LogPolicy(ReviewReminder, CURRENCY_PERMISSION))
register_snippet(NetworkLogGroup)


@hooks.register("before_serve_document")
def protect_attachments(document, request):
    """A document is as private as the pages that use it; its organisation and the Redactie
    may always fetch it (kennisbank.models.visible_files). A collection's password or login is
    asked by Wagtail's own check, which follows."""
    documents = type(document).objects.filter(pk=document.pk)
    viewer = Viewer.of(request)
    if visible_files(documents, viewer).exists():
        return None
    if documents.filter(collection_denied(viewer)).exists():
        return None  # Wagtail's check answers with its password form or the login page
    if request.user.is_authenticated:
        raise Http404
    return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)


def refuse_item_type(request, parent_page, model):
    """Partners and gemeenten contribute Parels, Knopen and Artikelen; only the Redactie adds
    Beleidskaders, Besluiten and statements."""
    if issubclass(model, KennisItem | StatementPage) and not may_create(request.user, model):
        messages.error(
            request,
            f"U kunt geen {model._meta.verbose_name_plural} toevoegen; dat doet de redactie.",
        )
        return redirect("wagtailadmin_explore", parent_page.pk)
    return None


hooks.register("before_create_page", refuse_item_type)


@hooks.register("before_copy_page")
def refuse_copied_item_type(request, page):
    return refuse_item_type(request, page.get_parent(), page.specific_class)


hooks.register("construct_homepage_panels", homepage_panels)


@hooks.register("register_admin_urls")
def search_terms_urls():
    return [
        path("zoekvragen/", search_terms.search_terms, name="kennisbank_search_terms"),
        path(
            "zoekvragen/synoniem/",
            search_terms.add_synonym,
            name="kennisbank_search_terms_synonym",
        ),
    ]


@hooks.register("register_admin_urls")
def meeting_urls():
    return [
        path(
            "vergaderingen/<int:meeting_id>/besluiten/",
            meetings.record_besluiten,
            name="kennisbank_meeting_besluiten",
        )
    ]


@hooks.register("register_page_header_buttons")
def record_besluiten_button(page, user, view_name, next_url=None):
    """On a meeting's admin pages, for the Redactie: "Besluiten vastleggen"."""
    if page.specific_class is Vergadering and page.pk and meetings.may_record(user):
        yield PageMenuItem(
            "Besluiten vastleggen",
            reverse("kennisbank_meeting_besluiten", args=[page.pk]),
            icon_name="doc-full",
            priority=80,
            page=page,
        )


class RedactieMenuItem(MenuItem):
    """Shown to those who may read the report: the Redactie."""

    def is_shown(self, request):
        return request.user.has_perm(search_terms.VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def search_terms_menu_item():
    return RedactieMenuItem(
        "Wat het netwerk zoekt", reverse("kennisbank_search_terms"), icon_name="search"
    )


@hooks.register("register_account_menu_item")
def twofactor_account_item(request):
    return {
        "url": reverse("twofactor_overview"),
        "label": "Tweestapsverificatie",
        "help_text": "Een code uit een app op je telefoon bij het inloggen, en je herstelcodes.",
    }
