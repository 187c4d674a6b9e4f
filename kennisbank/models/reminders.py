"""The reminders sent when an item's "herzien vóór" date passes: one per item and date, so a
rerun of send_review_reminders sends nothing twice."""

from django.db import models


class ReviewReminder(models.Model):
    item = models.ForeignKey(
        "kennisbank.KennisItem",
        on_delete=models.CASCADE,
        related_name="review_reminders",
        verbose_name="item",
    )
    review_before = models.DateField("herzien vóór")
    sent_to = models.EmailField("verstuurd aan")
    sent_at = models.DateTimeField("verstuurd op", auto_now_add=True)

    class Meta:
        verbose_name = "herinnering om te herzien"
        verbose_name_plural = "herinneringen om te herzien"
        constraints = [
            models.UniqueConstraint(fields=["item", "review_before"], name="one_reminder_per_date")
        ]

    def __str__(self):
        return f"{self.item} ({self.review_before})"
