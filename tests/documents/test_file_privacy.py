"""Documents and images: who sees which, on every surface (download, API, the admin's chooser
and Documenttekst), and where contributors upload. FILES is the table of docs/permissions.md."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.rich_text import RichText

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import Attachment, Parel, Visibility
from kennisbank.structure import ensure_site
from tests.factories import create_item, create_member, fresh_copies

pytestmark = pytest.mark.django_db

YES, NO, OWN = "ja", "nee", "eigen organisatie"
VIEWERS = ("anoniem", GEMEENTE, NETWERKPARTNER, REDACTIE)
APP = {"document": "docs", "image": "images"}

# Where a file is: (anoniem, Gemeente, Netwerkpartner, Redactie). The same for documents and
# images; the same table, in words, is in docs/permissions.md.
FILES = {
    "gebruikt in een openbaar item": (YES, YES, YES, YES),
    "gebruikt in een item voor het netwerk": (NO, YES, YES, YES),
    "alleen gebruikt in een concept": (NO, OWN, OWN, YES),
    "geüpload, nergens gebruikt": (NO, OWN, OWN, YES),
    "los gepubliceerd in een openbare collectie": (YES, YES, YES, YES),
    "los gepubliceerd in een collectie voor ingelogden": (NO, YES, YES, YES),
}


@pytest.fixture(scope="module")
def shared_people(module_data):
    """Two organisations with two members each, and an editor; built once for the module."""
    ensure_site()
    return {
        "partner": create_member("partner", NETWERKPARTNER, "Vluchtelingenwerk"),
        NETWERKPARTNER: create_member("collega", NETWERKPARTNER, "Vluchtelingenwerk"),
        "gemeente": create_member("gemeente", GEMEENTE, "Gemeente Raalte", gemeente="Raalte"),
        GEMEENTE: create_member("beleid", GEMEENTE, "Gemeente Raalte", gemeente="Raalte"),
        REDACTIE: create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland"),
    }


@pytest.fixture
def people(shared_people):
    """The shared people as the database holds them, in objects of this test's own."""
    return fresh_copies(shared_people)


def uploads():
    return Collection.objects.get(name="Uploads")


def new_file(kind, title, uploader):
    if kind == "document":
        return Document.objects.create(
            title=title,
            collection=uploads(),
            uploaded_by_user=uploader,
            file=ContentFile(f"Tekst van {title}.".encode(), name="stuk.txt"),
        )
    return Image.objects.create(
        title=title, collection=uploads(), uploaded_by_user=uploader, file=get_test_image_file()
    )


def use(file, **item_fields):
    """An item using the file: a document as its attachment, an image in its text."""
    if isinstance(file, Document):
        item = create_item(Parel, f"Item met {file.title}", **item_fields)
        Attachment.objects.create(page=item, document=file)
    else:
        embed = f'<embed embedtype="image" id="{file.pk}" format="left" alt="kaart"/>'
        item = create_item(
            Parel, f"Item met {file.title}", body=[("paragraph", RichText(embed))], **item_fields
        )
    revision = item.save_revision()
    if item_fields.get("publish", True):
        revision.publish()


def move_to(file, name, restricted=False):
    collection = Collection.get_first_root_node().add_child(name=f"{name} {file.pk}")
    if restricted:
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    file.collection = collection
    file.save()


PLACE = {
    "gebruikt in een openbaar item": lambda file: use(file),
    "gebruikt in een item voor het netwerk": lambda file: use(file, visibility=Visibility.NETWORK),
    "alleen gebruikt in een concept": lambda file: use(file, publish=False),
    "geüpload, nergens gebruikt": lambda file: None,
    "los gepubliceerd in een openbare collectie": lambda file: move_to(file, "Openbaar"),
    "los gepubliceerd in een collectie voor ingelogden": lambda file: move_to(
        file, "Besloten", restricted=True
    ),
}


@pytest.fixture(scope="module")
def shared_files(shared_people):
    """(kind, situation, uploader) -> file, for a partner's and a gemeente's uploads; built
    once for the module."""
    found = {}
    for kind in ("document", "image"):
        for number, situation in enumerate(FILES):
            for uploader in ("partner", "gemeente"):
                file = new_file(kind, f"{kind}-{number}-{uploader}", shared_people[uploader])
                PLACE[situation](file)
                found[kind, situation, uploader] = file
    return found


@pytest.fixture
def files(shared_files):
    """The shared files as the database holds them, in objects of this test's own."""
    return fresh_copies(shared_files)


def listed(client, kind):
    api = "/api/v2/documents/" if kind == "document" else "/api/v2/images/"
    response = client.get(api)
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


def sees(client, file, kind, titles, logged_in):
    """Whether the file is shown, asserting that every surface agrees."""
    shown = file.title in titles
    if kind == "document":
        assert (client.get(file.url).status_code == 200) is shown, file.title
    if logged_in:  # choosing it in the admin, to attach or to place in a text
        chosen = reverse(f"wagtail{APP[kind]}_chooser:chosen", args=[file.pk])
        assert (client.get(chosen).status_code == 200) is shown, file.title
    return shown


def expected_for(cell, viewer, uploader, people):
    if cell == OWN:
        return people[viewer].membership.organisation == people[uploader].membership.organisation
    return cell == YES


@pytest.mark.parametrize("kind", ["document", "image"])
def test_who_sees_which_file(kind, client, people, files, subtests):
    for column, viewer in enumerate(VIEWERS):
        client.logout()
        if viewer != "anoniem":
            client.force_login(people[viewer])
        titles = listed(client, kind)
        for situation, cells in FILES.items():
            for uploader in ("partner", "gemeente"):
                with subtests.test(viewer=viewer, situation=situation, uploader=uploader):
                    expected = (
                        expected_for(cells[column], viewer, uploader, people)
                        if viewer != "anoniem"
                        else cells[column] == YES
                    )
                    file = files[kind, situation, uploader]
                    assert sees(client, file, kind, titles, viewer != "anoniem") is expected


def test_the_documented_file_table_is_this_one():
    doc = (Path(__file__).parents[2] / "docs" / "permissions.md").read_text(encoding="utf-8")
    for situation, cells in FILES.items():
        row = " | ".join([situation, *cells])
        assert f"| {row} |" in doc, row


def test_contributors_upload_only_where_files_stay_private(client, people):
    """Whatever collection a partner asks for, the upload lands in Uploads and stays private
    until an item that uses it is published; moving a file to a public collection (publishing
    it on its own) is the Redactie's. The module's shared files may already be there: what
    an anonymous visitor is shown must not change."""
    shown = {kind: listed(client, kind) for kind in ("document", "image")}
    public = Collection.get_first_root_node().add_child(name="Openbare stukken")
    client.force_login(people["partner"])
    form = client.get(reverse("wagtaildocs:add")).content.decode()
    assert "Openbare stukken" not in form
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Eigen notitie",
            "file": SimpleUploadedFile("notitie.txt", b"Nog niet openbaar."),
            "collection": public.pk,
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(title="Eigen notitie")
    assert document.collection == uploads()
    response = client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": "Eigen notitie", "collection": public.pk},
    )
    assert Document.objects.get(pk=document.pk).collection == uploads()

    image_form = client.get(reverse("wagtailimages:add")).content.decode()
    assert "Openbare stukken" not in image_form
    client.force_login(people[NETWERKPARTNER])  # a colleague sees it, but edits only their own
    assert client.get(reverse("wagtaildocs:edit", args=[document.pk])).status_code != 200
    client.force_login(people["partner"])

    image = get_test_image_file()
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Eigen foto",
            "file": SimpleUploadedFile(image.name, image.file.getvalue()),
            "collection": public.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Image.objects.get(title="Eigen foto").collection == uploads()

    client.logout()
    assert client.get(document.url).status_code == 302  # to the login page
    assert listed(client, "document") == shown["document"]
    assert listed(client, "image") == shown["image"]

    client.force_login(people[REDACTIE])
    edit = reverse("wagtaildocs:edit", args=[document.pk])
    assert "Openbare stukken" in client.get(edit).content.decode()
    client.post(edit, {"title": "Eigen notitie", "collection": public.pk})
    client.logout()
    assert client.get(document.url).status_code == 200


def test_documenttekst_shows_only_the_documents_a_user_may_see(client, people, files):
    hidden = files["document", "alleen gebruikt in een concept", "partner"]
    listing = reverse("wagtailsnippets_kennisbank_documenttext:list")
    inspect = reverse(
        "wagtailsnippets_kennisbank_documenttext:inspect", args=[hidden.extracted_text.pk]
    )

    client.force_login(people[GEMEENTE])
    assert hidden.title not in client.get(listing).content.decode()
    assert client.get(inspect).status_code == 404
    chooser = client.get(reverse("wagtaildocs_chooser:choose")).content.decode()
    assert hidden.title not in chooser

    client.force_login(people[NETWERKPARTNER])
    assert hidden.title in client.get(listing).content.decode()
    assert f"Tekst van {hidden.title}." in client.get(inspect).content.decode()


@pytest.mark.parametrize("kind", ["document", "image"])
def test_a_contributor_searches_the_chooser_for_the_files_they_may_see(kind, client, people, files):
    client.force_login(people[GEMEENTE])
    response = client.get(reverse(f"wagtail{APP[kind]}_chooser:choose"), {"q": kind})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{kind}-2-gemeente" in page  # their organisation's draft file
    assert f"{kind}-2-partner" not in page  # another organisation's
