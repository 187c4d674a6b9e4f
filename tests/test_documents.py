"""Attachments are searchable: their text is extracted, kept, and found through their item."""

import io

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from odf.opendocument import OpenDocumentText
from odf.text import P
from pypdf import PdfReader, PdfWriter
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from kennisbank.documents.extraction import Limits, extract_text
from kennisbank.models import Attachment, DocumentText, Parel, Visibility
from tests.factories import create_item, create_user

DONE, NO_TEXT = DocumentText.Status.DONE, DocumentText.Status.NO_TEXT


# ------------------------------------------------------------------------- real test files


def pdf_bytes(*pages):
    """A minimal valid PDF, written by hand: one page per text, in Helvetica."""
    count = len(pages)
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [{}] /Count {} >>".format(
            " ".join(f"{4 + 2 * i} 0 R" for i in range(count)), count
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, text in enumerate(pages):
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode())
    out.write(f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def encrypted_pdf_bytes(text):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(text))))
    writer.encrypt(user_password="geheim", algorithm="RC4-128")
    return _written(writer)


def scanned_pdf_bytes():
    """A page without a text layer, as a scan has."""
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    return _written(writer)


def _written(writer):
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(text):
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes(text):
    document = OpenDocumentText()
    document.text.addElement(P(text=text))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


# Each format with a word that appears only in that document; the query is another form of
# the word, so Dutch stemming is tested as well.
FORMATS = {
    "pdf": (lambda: pdf_bytes("Verslag van de kwartiermakers in Zwolle"), "kwartiermaker"),
    "docx": (
        lambda: docx_bytes("De buddyvrijwilligers begeleiden nieuwkomers."),
        "buddyvrijwilliger",
    ),
    "odt": (lambda: odt_bytes("Afspraken over de mantelzorgers in Ommen."), "mantelzorger"),
    "txt": (lambda: b"Overleg met de schuldhulpverleners.", "schuldhulpverlener"),
}


# ------------------------------------------------------------------------------- helpers


@pytest.fixture
def editor(client, db):
    client.force_login(create_user("redacteur", is_superuser=True))
    return client


def upload(client, name, content, title="Bijlage"):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": title, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def attach(document, **fields):
    """A published item with the document attached; publishing indexes it."""
    item = create_item(Parel, "Parel met bijlage", **fields)
    Attachment.objects.create(page=item, document=document)
    item.save_revision().publish()
    return item


def search(client, q):
    return client.get("/api/zoeken/", {"q": q}).json()["results"]


# --------------------------------------------------------------------------------- tests


@pytest.mark.parametrize("extension", FORMATS)
def test_uploaded_document_is_found_through_its_item(editor, client, home, extension):
    build, query = FORMATS[extension]
    response = upload(editor, f"verslag.{extension}", build(), title=f"Verslag {extension}")
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.extracted_text.status == DONE
    assert document.extracted_text.reason == ""
    item = attach(document)

    client.logout()
    [result] = search(client, query)
    assert result["title"] == item.title
    assert result["document"] == f"Verslag {extension}"
    assert "<mark>" in result["highlight"]
    page = client.get("/zoeken/", {"q": query}).content.decode()
    assert f"Gevonden in de bijlage ‘Verslag {extension}’" in page


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.4\nkapot en afgebroken", "beschadigd"),
        (encrypted_pdf_bytes("geheime kwartiermakers"), "versleuteld"),
        (scanned_pdf_bytes(), "Geen tekstlaag"),
    ],
    ids=["corrupt", "encrypted", "scanned"],
)
def test_unreadable_pdf_is_recorded_and_breaks_nothing(editor, client, home, content, reason):
    assert upload(editor, "scan.pdf", content).status_code == 302
    document = Document.objects.get()
    stored = document.extracted_text
    assert stored.status == NO_TEXT
    assert reason in stored.reason
    assert stored.extracted_at is not None
    item = attach(document)

    client.logout()
    assert client.get(item.url).status_code == 200
    assert search(client, "kwartiermakers") == []
    assert [r["title"] for r in search(client, "bijlage")] == [item.title]


def test_editors_see_why_a_document_has_no_text(editor, home):
    upload(editor, "kapot.pdf", b"geen pdf")
    response = editor.get(reverse("wagtailsnippets_kennisbank_documenttext:list"))
    assert response.status_code == 200
    assert "Geen tekst" in response.content.decode()
    assert "beschadigd" in response.content.decode()
    # Looking, not changing: only the task writes these.
    assert editor.get(reverse("wagtailsnippets_kennisbank_documenttext:add")).status_code == 302


def test_too_large_upload_is_refused_in_dutch(editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload(editor, "groot.txt", b"x" * 2048)
    assert response.status_code == 200
    assert "te groot" in response.content.decode()
    assert not Document.objects.exists()


def test_wrong_extension_is_refused_in_dutch(editor):
    response = upload(editor, "programma.exe", b"MZ")
    assert response.status_code == 200
    assert "niet toegestaan" in response.content.decode()
    assert not Document.objects.exists()


def test_network_only_attachment_is_not_found_by_anonymous_users(client, home):
    build, query = FORMATS["pdf"]
    document = Document.objects.create(
        title="Intern verslag", file=ContentFile(build(), name="intern.pdf")
    )
    item = attach(document, visibility=Visibility.NETWORK)
    assert search(client, query) == []
    client.force_login(create_user())
    assert [r["title"] for r in search(client, query)] == [item.title]


def test_replaced_file_is_read_again_and_its_item_reindexed(client, home):
    document = Document.objects.create(
        title="Notulen", file=ContentFile(b"Eerste versie: kwartiermakers.", name="a.txt")
    )
    attach(document)
    assert len(search(client, "kwartiermakers")) == 1

    document.file = ContentFile(b"Tweede versie: taalcoaches.", name="b.txt")
    document._set_document_file_metadata()
    document.save()
    assert len(search(client, "taalcoaches")) == 1
    assert search(client, "kwartiermakers") == []


def test_command_extracts_all_documents_with_progress(home):
    document = Document.objects.create(
        title="Notulen", file=ContentFile(b"Over de taalcoaches.", name="n.txt")
    )
    DocumentText.objects.filter(document=document).update(status="wachtend", text="")
    out = io.StringIO()
    call_command("extract_documents", stdout=out)
    assert "[1/1] Notulen: klaar" in out.getvalue()
    assert DocumentText.objects.get(document=document).text == "Over de taalcoaches."


def test_extraction_stops_at_its_limits():
    pdf = pdf_bytes("eerste pagina", "tweede pagina")
    text, reason = extract_text("lang.pdf", io.BytesIO(pdf).read, Limits(time_limit=-1))
    assert (text, reason) == ("", "Geen tekstlaag gevonden (misschien een scan).")
    text, reason = extract_text("lang.pdf", io.BytesIO(pdf).read, Limits(max_chars=5))
    assert text == "eerst"
    assert "maximale hoeveelheid tekst" in reason


def test_document_published_on_its_own_is_found_and_served_when_its_collection_is_open(
    client, home
):
    """An editor may publish a document without an item, in a collection of its own; a file
    merely uploaded (root collection), or in a restricted collection, stays private."""
    build, query = FORMATS["txt"]
    root = Collection.get_first_root_node()
    open_collection = root.add_child(name="Openbare stukken")
    closed_collection = root.add_child(name="Netwerkstukken")
    CollectionViewRestriction.objects.create(
        collection=closed_collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    documents = {
        title: Document.objects.create(
            title=title, collection=collection, file=ContentFile(build(), name="stuk.txt")
        )
        for title, collection in [
            ("Openbaar stuk", open_collection),
            ("Netwerkstuk", closed_collection),
            ("Net geüpload", root),
        ]
    }

    def found(q):
        data = client.get("/api/zoeken/", {"q": q}).json()
        return {document["title"]: document for document in data["documents"]}

    [(title, result)] = found(query).items()
    assert title == "Openbaar stuk"
    assert "<mark>" in result["highlight"] and result["type"] == "TXT"
    assert client.get(result["url"]).status_code == 200
    assert "Openbaar stuk" in client.get("/zoeken/", {"q": query}).content.decode()
    assert client.get(documents["Net geüpload"].url).status_code == 302  # to the login page
    assert found("woord dat nergens staat") == {}

    client.force_login(create_user())
    assert set(found(query)) == {"Openbaar stuk", "Netwerkstuk"}

    # Attached to an item, a document follows that item's privacy, whatever its collection.
    client.logout()
    attach(documents["Openbaar stuk"], visibility=Visibility.NETWORK)
    assert found(query) == {}
    assert client.get(documents["Openbaar stuk"].url).status_code == 302


def test_a_document_without_a_hash_is_not_read_again_for_a_new_title(editor, home):
    """A document made in code has no hash nor size; Wagtail stores the size when the edit
    form opens, and the form saves the new title: the same file, so the text stays."""
    document = Document.objects.create(
        title="Notulen", file=ContentFile(b"Over de taalcoaches.", name="n.txt")
    )
    read = DocumentText.objects.get(document=document)
    assert read.status == DONE

    edit = reverse("wagtaildocs:edit", args=[document.pk])
    assert editor.get(edit).status_code == 200
    assert (
        editor.post(edit, {"title": "Notulen van de regietafel", "collection": 1}).status_code
        == 302
    )
    assert Document.objects.get(pk=document.pk).title == "Notulen van de regietafel"
    stored = DocumentText.objects.get(document=document)
    assert (stored.status, stored.extracted_at) == (DONE, read.extracted_at)
