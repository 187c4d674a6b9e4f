"""The permission matrix of docs/permissions.md, asserted through real requests to the admin.

Every role tries every action on its own items and on someone else's; anonymous visitors are
sent to the login page for all of it. Each case runs in a transaction that is rolled back, so
one case's deletion or publication never changes the next."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import (
    AgendaPunt,
    Artikel,
    Begrip,
    Beleidskader,
    Besluit,
    Gemeente,
    Identity,
    KennisItem,
    Knoop,
    Meting,
    Organisatie,
    Parel,
    Question,
    Thema,
    Vergadering,
)
from kennisbank.opgaven.csvfile import COLUMNS
from kennisbank.structure import ensure_site, section_for
from tests.factories import (
    add_figure,
    add_opgave,
    create_item,
    create_member,
    edit_form_data,
    fresh_copies,
)

pytestmark = pytest.mark.django_db

YES, NO = True, False
ROLES = (REDACTIE, NETWERKPARTNER, GEMEENTE)
OWN_DRAFT, OWN_LIVE = "eigen concept", "eigen gepubliceerd"
OTHER_DRAFT, OTHER_LIVE = "concept van een ander", "gepubliceerd van een ander"
NONE = "—"

# action: {item: (Redactie, Netwerkpartner, Gemeente)}. Anonymous visitors: never.
# The same table, in words, is docs/permissions.md.
MATRIX = {
    "toevoegen: parel, knoop, artikel": {NONE: (YES, YES, YES)},
    "toevoegen: beleidskader, besluit, vergadering": {NONE: (YES, NO, NO)},
    "besluit vastleggen uit een agendapunt": {NONE: (YES, NO, NO)},
    "bewerken": {
        OWN_DRAFT: (YES, YES, YES),
        OWN_LIVE: (YES, YES, YES),
        OTHER_DRAFT: (YES, NO, NO),
        OTHER_LIVE: (YES, NO, NO),
    },
    "publiceren": {OWN_DRAFT: (YES, NO, NO), OTHER_DRAFT: (YES, NO, NO)},
    "depubliceren": {OWN_LIVE: (YES, NO, NO), OTHER_LIVE: (YES, NO, NO)},
    "verwijderen": {
        OWN_DRAFT: (YES, YES, YES),
        OWN_LIVE: (YES, NO, NO),
        OTHER_DRAFT: (YES, NO, NO),
        OTHER_LIVE: (YES, NO, NO),
    },
    "verplaatsen": {OWN_DRAFT: (YES, YES, YES), OTHER_LIVE: (YES, NO, NO)},
    "kopiëren": {OWN_DRAFT: (YES, YES, YES), OTHER_LIVE: (YES, NO, NO)},
    "voorbeeld bekijken": {OWN_DRAFT: (YES, YES, YES), OTHER_DRAFT: (YES, NO, NO)},
    "versies bekijken": {OWN_LIVE: (YES, YES, YES), OTHER_LIVE: (YES, NO, NO)},
    "versies vergelijken": {OWN_LIVE: (YES, YES, YES), OTHER_LIVE: (YES, NO, NO)},
    "status knoop wijzigen": {
        OWN_DRAFT: (YES, NO, NO),
        OWN_LIVE: (YES, NO, NO),
        OTHER_LIVE: (YES, NO, NO),
    },
    "zoekmachine- en menuvelden bewerken": {OWN_DRAFT: (YES, NO, NO)},
    "ordening bewerken (thema's e.d.)": {NONE: (YES, NO, NO)},
    "begrippenlijst bewerken": {NONE: (YES, NO, NO)},
    "aanbevelen bij een zoekvraag": {NONE: (YES, NO, NO)},
    "huisstijl instellen (naam, logo, kleur)": {NONE: (YES, NO, NO)},
    "cijfers opgave invoeren: eigen gemeente": {NONE: (YES, NO, YES)},
    "cijfers opgave invoeren: andere gemeente": {NONE: (YES, NO, NO)},
    "cijfers opgave invoeren: regio of provincie": {NONE: (YES, NO, NO)},
    "cijfers opgaven importeren (CSV): eigen gemeente": {NONE: (YES, NO, YES)},
    "cijfers opgaven importeren (CSV): andere gemeente, regio of provincie": {NONE: (YES, NO, NO)},
    "herzien vóór wijzigen": {OWN_LIVE: (YES, YES, YES), OTHER_LIVE: (YES, NO, NO)},
    "archiveren": {OWN_LIVE: (YES, NO, NO), OTHER_LIVE: (YES, NO, NO)},
    "functiemailbox van een organisatie instellen": {NONE: (YES, NO, NO)},
    "vragen aan indieners en herinneringen inzien": {NONE: (YES, NO, NO)},
    "vraag het de indiener (op de site)": {OTHER_LIVE: (YES, YES, YES)},
}


@pytest.fixture(scope="module")
def shared_world(module_data):
    """A member of each role and another partner, each with a draft and a published Knoop
    that has two revisions; built once for the module."""
    ensure_site()
    users = {
        REDACTIE: create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland"),
        NETWERKPARTNER: create_member("partner", NETWERKPARTNER, "Vluchtelingenwerk"),
        GEMEENTE: create_member("gemeente", GEMEENTE, "Gemeente Raalte", gemeente="Raalte"),
        "ander": create_member("ander", NETWERKPARTNER, "COA"),
    }
    items = {}
    for name, user in users.items():
        for state, publish in (("concept", False), ("gepubliceerd", True)):
            knoop = create_item(Knoop, f"Knoop {state} van {user.username}", publish=publish)
            Page.objects.filter(pk=knoop.pk).update(owner=user)
            knoop.refresh_from_db()
            knoop.save_revision(user=user)
            items[name, state] = knoop
    return {"users": users, "items": items}


@pytest.fixture
def world(shared_world):
    """The shared world as the database holds it, in objects of this test's own."""
    return {key: fresh_copies(shared) for key, shared in shared_world.items()}


def item_for(world, role, target):
    owner = "ander" if target in (OTHER_DRAFT, OTHER_LIVE) else role
    state = "concept" if target in (OWN_DRAFT, OTHER_DRAFT) else "gepubliceerd"
    return world["items"][owner, state]


def ok(response):
    assert response.status_code < 500, response.status_code
    return response.status_code == 200


def fresh(page):
    return Page.objects.filter(pk=page.pk).first()


# ------------------------------------------------------------------ each action, as a request


def add_contributions(client, item):
    return all(ok(client.get(add_url(model))) for model in (Parel, Knoop, Artikel))


def add_editorial(client, item):
    return all(ok(client.get(add_url(model))) for model in (Beleidskader, Besluit, Vergadering))


def record_besluit(client, item):
    """Besluit vastleggen from a meeting's agenda item: a draft Besluit linked to it."""
    meeting = create_item(Vergadering, "Regietafel", agenda_items=[AgendaPunt(item=item)])
    point = meeting.agenda_items.get()
    url = reverse("kennisbank_meeting_besluiten", args=[meeting.pk])
    client.post(url, {"item": point.pk})
    return Besluit.objects.filter(agenda_item=point).exists()


def add_url(model):
    parent = section_for(model)
    return reverse("wagtailadmin_pages:add", args=["kennisbank", model._meta.model_name, parent.pk])


def edit(client, item):
    return ok(client.get(reverse("wagtailadmin_pages:edit", args=[item.pk])))


def publish(client, item):
    url = reverse("wagtailadmin_pages:edit", args=[item.pk])
    if not ok(client.get(url)):
        return False
    client.post(url, edit_form_data(client, item, **{"action-publish": "publish"}))
    return fresh(item).live


def unpublish(client, item):
    client.post(reverse("wagtailadmin_pages:unpublish", args=[item.pk]))
    return not fresh(item).live


def delete(client, item):
    client.post(reverse("wagtailadmin_pages:delete", args=[item.pk]))
    return fresh(item) is None


def move(client, item):
    return ok(client.get(reverse("wagtailadmin_pages:move", args=[item.pk])))


def copy(client, item):
    parent = item.get_parent()
    client.post(
        reverse("wagtailadmin_pages:copy", args=[item.pk]),
        {"new_title": "Kopie", "new_slug": "kopie-van-knoop", "new_parent_page": parent.pk},
    )
    return Page.objects.filter(slug="kopie-van-knoop").exists()


def preview(client, item):
    return ok(client.get(reverse("wagtailadmin_pages:view_draft", args=[item.pk])))


def view_revisions(client, item):
    revision = item.revisions.order_by("created_at").first()
    return ok(client.get(reverse("wagtailadmin_pages:history", args=[item.pk]))) and ok(
        client.get(reverse("wagtailadmin_pages:revisions_view", args=[item.pk, revision.pk]))
    )


def compare_revisions(client, item):
    return ok(
        client.get(
            reverse("wagtailadmin_pages:revisions_compare", args=[item.pk, "earliest", "latest"])
        )
    )


def change_knoop_status(client, item):
    url = reverse("wagtailadmin_pages:edit", args=[item.pk])
    if not ok(client.get(url)):
        return False
    client.post(url, edit_form_data(client, item, status=Knoop.Status.GEAGENDEERD))
    return Knoop.objects.get(pk=item.pk).get_latest_revision().content["status"] == "geagendeerd"


def edit_promotion_fields(client, item):
    """The title for search engines, the description and "show in menus": the Redactie's."""
    url = reverse("wagtailadmin_pages:edit", args=[item.pk])
    if not ok(client.get(url)):
        return False
    client.post(url, edit_form_data(client, item, seo_title="Titel voor zoekmachines"))
    latest = Page.objects.get(pk=item.pk).get_latest_revision().as_object()
    return latest.seo_title == "Titel voor zoekmachines"


def edit_vocabulary(client, item):
    client.post(
        reverse("wagtailsnippets_kennisbank_thema:add"), {"name": "Nieuw thema", "slug": ""}
    )
    return Thema.objects.filter(name="Nieuw thema").exists()


def edit_glossary(client, item):
    client.post(
        reverse("wagtailsnippets_kennisbank_begrip:add"),
        {"term": "Nieuw begrip", "abbreviation": "NB", "synonyms": "", "definition": "Uitleg."},
    )
    return Begrip.objects.filter(term="Nieuw begrip").exists()


def pin_for_query(client, item):
    """Wagtail's search promotions: an item pinned for a query, shown first in search."""
    client.post(
        reverse("wagtailsearchpromotions:add"),
        {
            "query_string": "wachtlijst",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": str(item.pk),
            "editors_picks-0-description": "Lees dit eerst.",
            "editors_picks-0-ORDER": "1",
        },
    )
    return SearchPromotion.objects.filter(page=item).exists()


def figure_for(gemeente):
    """Adding a figure to an opgave of this gemeente (the Gemeente member's is Raalte), or of
    the region."""

    def add(client, item):
        opgave = add_opgave(gemeente=gemeente)
        return add_figure(client, opgave, 52, 49).status_code == 302 and (
            opgave.metingen.count() == 2
        )

    return add


def import_figures(*where):
    """Importing a figure per (schaal, gemeente) through the admin's CSV upload."""

    def upload(client, item):
        rows = [",".join(COLUMNS)]
        for scope, gemeente in where:
            if gemeente:
                Gemeente.objects.get_or_create(name=gemeente)
            rows.append(f"asielopvang,{scope},{gemeente},2024,,2024-03-01,10,,telling,,")
        before = Meting.objects.count()
        csv = SimpleUploadedFile("opgaven.csv", "\n".join(rows).encode())
        client.post(reverse("opgaven_csv:import"), {"file": csv})
        return Meting.objects.count() == before + len(where)

    return upload


def set_identity(client, item):
    site = Site.objects.get()
    client.post(
        reverse("wagtailsettings:edit", args=["kennisbank", "identity", site.pk]),
        {"name": "Ander netwerk", "logo": "", "brand_colour": "#17596b"},
    )
    return Identity.objects.filter(name="Ander netwerk").exists()


def set_review_before(client, item):
    url = reverse("wagtailadmin_pages:edit", args=[item.pk])
    if not ok(client.get(url)):
        return False
    client.post(url, edit_form_data(client, item, review_before="2031-01-01"))
    latest = Page.objects.get(pk=item.pk).get_latest_revision().as_object()
    return str(latest.review_before) == "2031-01-01"


def archive(client, item):
    """The archive fields are the Redactie's: for others the form has none to send."""
    url = reverse("wagtailadmin_pages:edit", args=[item.pk])
    if not ok(client.get(url)):
        return False
    data = edit_form_data(client, item)
    if "archived_on" not in data:
        return False
    data["archived_on"], data["archive_reason"] = "2025-01-01", "Verouderd."
    client.post(url, data)
    latest = Page.objects.get(pk=item.pk).get_latest_revision().as_object()
    return latest.archived_on is not None


def set_mailbox(client, item):
    organisation = Organisatie.objects.create(name="Een partner")
    client.post(
        reverse("wagtailsnippets_kennisbank_organisatie:edit", args=[organisation.pk]),
        {"name": "Een partner", "slug": "een-partner", "mailbox": "vragen@partner.example.org"},
    )
    organisation.refresh_from_db()
    return organisation.mailbox == "vragen@partner.example.org"


def read_question_log(client, item):
    response = client.get(reverse("wagtailsnippets_kennisbank_question:list"))
    return response.status_code == 200


def ask_contributor(client, item):
    organisation = Organisatie.objects.get_or_create(name="COA")[0]
    organisation.mailbox = "vragen@coa.example.org"
    organisation.save()
    KennisItem.objects.filter(pk=item.pk).update(author_organisation=organisation)
    response = client.post(f"/vraag/{item.pk}/", {"body": "Een vraag."})
    return response.status_code == 302 and Question.objects.filter(item=item).exists()


ACTIONS = dict(
    zip(
        MATRIX,
        [
            add_contributions,
            add_editorial,
            record_besluit,
            edit,
            publish,
            unpublish,
            delete,
            move,
            copy,
            preview,
            view_revisions,
            compare_revisions,
            change_knoop_status,
            edit_promotion_fields,
            edit_vocabulary,
            edit_glossary,
            pin_for_query,
            set_identity,
            figure_for("Raalte"),
            figure_for("Zwolle"),
            figure_for(None),
            import_figures(("gemeente", "Raalte")),
            import_figures(("gemeente", "Zwolle"), ("regio", ""), ("provincie", "")),
            set_review_before,
            archive,
            set_mailbox,
            read_question_log,
            ask_contributor,
        ],
        strict=True,
    )
)


def attempt(client, action, item):
    """Whether the action succeeded; whatever it did is rolled back."""
    with transaction.atomic():
        done = bool(ACTIONS[action](client, item))
        transaction.set_rollback(True)
    return done


@pytest.mark.parametrize("action", MATRIX)
def test_permission_matrix(action, world, client, subtests):
    for target, outcomes in MATRIX[action].items():
        for role, expected in zip(ROLES, outcomes, strict=True):
            with subtests.test(role=role, item=target):
                client.force_login(world["users"][role])
                assert attempt(client, action, item_for(world, role, target)) is expected
        with subtests.test(role="anoniem", item=target):
            client.logout()
            assert attempt(client, action, item_for(world, REDACTIE, target)) is False


def test_anonymous_visitors_are_sent_to_the_login_page(world, client):
    item = world["items"]["ander", "gepubliceerd"]
    for url in (
        reverse("wagtailadmin_pages:edit", args=[item.pk]),
        reverse("wagtailadmin_pages:history", args=[item.pk]),
        add_url(Parel),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_partners_are_told_why_they_cannot_add_a_beleidskader(world, client):
    client.force_login(world["users"][NETWERKPARTNER])
    response = client.get(add_url(Beleidskader), follow=True)
    assert "U kunt geen beleidskaders toevoegen; dat doet de redactie." in response.content.decode()


def admin_surfaces(world):
    """Every admin page that lists or names pages, as a contributor may open it."""
    section = section_for(Knoop)
    other_draft = world["items"]["ander", "concept"]
    return {
        "explorer": reverse("wagtailadmin_explore", args=[section.pk]),
        "page search": reverse("wagtailadmin_pages:search") + "?q=Knoop",
        "chooser": reverse("wagtailadmin_choose_page_child", args=[section.pk]),
        "chooser search": reverse("wagtailadmin_choose_page_search") + "?q=Knoop",
        "pages API": f"/admin/api/main/pages/?child_of={section.pk}&for_explorer=1",
        "site history": reverse("wagtailadmin_reports:site_history"),
        "move confirmation": reverse(
            "wagtailadmin_pages:move_confirm", args=[other_draft.pk, section.pk]
        ),
    }


@pytest.mark.parametrize("role", [NETWERKPARTNER, GEMEENTE])
def test_contributors_see_no_draft_title_of_another_organisation_in_the_admin(world, client, role):
    """Published items and their own organisation's drafts, nothing more."""
    client.force_login(world["users"][role])
    own_draft = world["items"][role, "concept"].title
    for surface, url in admin_surfaces(world).items():
        page = client.get(url).content.decode()
        assert "Knoop concept van ander" not in page, surface
        if surface in ("explorer", "page search", "pages API"):
            assert own_draft in page, surface
            assert "Knoop gepubliceerd van ander" in page, surface


def test_the_redactie_sees_every_draft_in_the_admin(world, client):
    client.force_login(world["users"][REDACTIE])
    for surface in ("explorer", "page search", "pages API"):
        page = client.get(admin_surfaces(world)[surface]).content.decode()
        assert "Knoop concept van ander" in page, surface


def test_the_documented_matrix_is_this_one():
    """docs/permissions.md shows this table; a change to one without the other fails here."""
    doc = (Path(__file__).parents[2] / "docs" / "permissions.md").read_text(encoding="utf-8")
    symbol = {YES: "ja", NO: "nee"}
    for action, targets in MATRIX.items():
        for target, outcomes in targets.items():
            row = " | ".join([action, target, *(symbol[o] for o in outcomes), "nee"])
            assert f"| {row} |" in doc, row


def test_the_roles_hold_only_real_permissions():
    """A misspelt code name in kennisbank/accounts/roles.py would grant nothing, silently."""
    for group in Group.objects.filter(name__in=ROLES):
        permissions = [
            *group.permissions.all(),
            *(grant.permission for grant in group.page_permissions.all()),
            *(grant.permission for grant in group.collection_permissions.all()),
        ]
        assert permissions
        for permission in permissions:
            assert permission.content_type.model_class() is not None, permission
    assert set(Group.objects.values_list("name", flat=True)) == set(ROLES)
