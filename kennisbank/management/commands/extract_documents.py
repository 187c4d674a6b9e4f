"""Read the text of every uploaded document again, e.g. after the extraction has improved."""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from kennisbank.documents.tasks import extract_document_task


class Command(BaseCommand):
    help = (
        "Leest de tekst van alle documenten opnieuw uit en werkt de zoekindex van de items "
        "bij waaraan ze hangen. Draait hier en nu, niet via de achtergrondwachtrij."
    )

    def handle(self, *args, **options):
        documents = get_document_model().objects.order_by("pk")
        total = documents.count()
        for number, document in enumerate(documents.iterator(), start=1):
            # .call() runs the task here, so progress and errors are seen as they happen.
            extract_document_task.call(document.pk)
            status = document.extracted_text.get_status_display().lower()
            self.stdout.write(f"[{number}/{total}] {document.title}: {status}")
        self.stdout.write(self.style.SUCCESS(f"{total} documenten uitgelezen."))
