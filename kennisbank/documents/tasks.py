"""Background work: reading the text of uploaded documents, away from the upload request."""

from django.utils import timezone
from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

from kennisbank.models import DocumentText, KennisItem
from search.index import index_now

from .extraction import extract_text


# On the "background" backend (a database queue and its worker, see README), while Wagtail's
# own tasks, such as search indexing, stay on "default" and run at once.
@task(backend="background")
def extract_document_task(document_id):
    """Read a document's text, keep it, and reindex the live items it is attached to."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:  # deleted before its turn came
        return
    store_text(document)
    items = KennisItem.objects.live().filter(attachments__document=document).distinct()
    for item in items.specific():
        index_now(item)


def store_text(document):
    """Keep the text with the hash of the file it was read from."""
    try:
        with document.open_file() as file:
            read_hash = hash_filelike(file)
            text, reason = extract_text(document.file.name, file.read)
    except OSError:  # the file is gone from storage
        read_hash, text, reason = "", "", "Bestand niet gevonden in de opslag."
    status = DocumentText.Status.DONE if text else DocumentText.Status.NO_TEXT
    DocumentText.objects.update_or_create(
        document=document,
        defaults={
            "status": status,
            "reason": reason,
            "text": text,
            "file_hash": read_hash,
            "extracted_at": timezone.now(),
        },
    )


def file_hash(document):
    """The document's hash as Wagtail computes it; for a document made without one (in code,
    by an import), from its file."""
    if document.file_hash:
        return document.file_hash
    try:
        with document.open_file() as file:
            return hash_filelike(file)
    except OSError:
        return ""
