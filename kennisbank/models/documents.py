"""The text found in an uploaded document, kept for search and shown to editors."""

from django.db import models


class DocumentText(models.Model):
    class Status(models.TextChoices):
        PENDING = "wachtend", "Wachtend"
        DONE = "klaar", "Klaar"
        NO_TEXT = "geen_tekst", "Geen tekst"

    document = models.OneToOneField(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="extracted_text",
        verbose_name="document",
    )
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.CharField("toelichting", max_length=255, blank=True)
    text = models.TextField("tekst", blank=True)
    # The file the text was taken from: a new file is read again, a new title is not.
    file_hash = models.CharField(max_length=40, blank=True, editable=False)
    extracted_at = models.DateTimeField("uitgelezen op", null=True, blank=True)

    class Meta:
        verbose_name = "documenttekst"
        verbose_name_plural = "documentteksten"

    def __str__(self):
        return str(self.document)
