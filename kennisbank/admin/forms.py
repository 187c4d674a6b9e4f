"""Admin page forms: bounded texts, a helpful slug clash, the Knoop's status guard."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.timezone import localtime
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue
from wagtail.models import Page

from kennisbank.accounts.roles import STATUS_REFUSED, knoop_status_changes, may_change_knoop_status
from kennisbank.limits import MAX_NESTING_DEPTH, MAX_TEXT_LENGTH

TOO_LONG = "De tekst is te lang: {length} tekens, ten hoogste {limit} zijn toegestaan."
DRAFT_EXISTS = (
    "Je bent hier al eerder aan begonnen: het concept “{title}”{saved}. "
    '<a href="{url}">Ga verder met dat concept</a>, of kies een ander webadres.'
)
SLUG_TAKEN = (
    "Het webadres “{slug}” is in deze sectie al in gebruik. Kies een ander, bijvoorbeeld “{free}”."
)
TOO_DEEP = (
    f"De tekst is te diep genest: ten hoogste {MAX_NESTING_DEPTH} niveaus (lijsten in lijsten)."
)


def dutch_number(number):
    return f"{number:,}".replace(",", ".")


def text_length(value):
    """Characters of a text field's value; a stream's count all its blocks together."""
    if isinstance(value, StreamValue):
        return sum(map(len, value.stream_block.get_searchable_content(value)))
    return len(value) if isinstance(value, str) else 0


def markup(value):
    """The HTML of a rich text field's value, or of a stream's rich text blocks."""
    if isinstance(value, StreamValue):
        return "".join(getattr(block.value, "source", "") for block in value)
    return value if isinstance(value, str) else ""


def too_deep(value):
    # The import's scanner, which stops at the first level too deep (imported here: the
    # import reads the models, which name these forms).
    from kennisbank.interchange.html import TooDeep, scan_html

    try:
        scan_html(markup(value))
    except TooDeep:
        return True
    return False


def saved_on(moment):
    return f", bewaard op {localtime(moment):%d-%m-%Y om %H:%M}" if moment else ""


def free_slug(slug, parent, instance):
    """The first of slug-2, slug-3… not yet used under `parent`."""
    number = 2
    while not Page._slug_is_available(f"{slug}-{number}", parent, instance):
        number += 1
    return f"{slug}-{number}"


class KennisItemForm(WagtailAdminPageForm):
    """Every text field of an item holds at most MAX_TEXT_LENGTH characters, nested at most
    MAX_NESTING_DEPTH levels deep. A slug in use gets a way on, not just a refusal: the
    editor's own unpublished draft of that name (the admin saves drafts as one types) is
    offered to continue, or else a free slug is proposed."""

    def clean(self):
        slug = self.cleaned_data.get("slug")
        cleaned_data = super().clean()
        if slug and not Page._slug_is_available(slug, self.parent_page, self.instance):
            self.errors["slug"] = self.error_class([self.slug_clash(slug)])
        for name, value in list(cleaned_data.items()):  # add_error drops refused fields
            length = text_length(value)
            if length > MAX_TEXT_LENGTH:
                message = TOO_LONG.format(
                    length=dutch_number(length), limit=dutch_number(MAX_TEXT_LENGTH)
                )
                self.add_error(name, message)
            elif too_deep(value):
                self.add_error(name, TOO_DEEP)
        return cleaned_data

    def slug_clash(self, slug):
        taken = self.parent_page.get_children().filter(slug=slug).exclude(pk=self.instance.pk)
        draft = taken.filter(live=False).first()
        if draft and draft.permissions_for_user(self.for_user).can_edit():
            return format_html(
                DRAFT_EXISTS,
                title=draft.draft_title,
                saved=saved_on(draft.latest_revision_created_at),
                url=reverse("wagtailadmin_pages:edit", args=[draft.pk]),
            )
        return SLUG_TAKEN.format(slug=slug, free=free_slug(slug, self.parent_page, self.instance))


class KnoopForm(KennisItemForm):
    """Only the Redactie moves a Knoop along its lifecycle; a new one starts "gesignaleerd"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_change_knoop_status(self.for_user):
            for field in ("status", "level"):
                # Shown, not offered: a choice that the submit would refuse is no choice.
                self.fields[field].disabled = True
                self.fields[field].help_text = "Alleen de redactie kan dit wijzigen."

    def clean(self):
        cleaned_data = super().clean()
        if not may_change_knoop_status(self.for_user):
            submitted = {field: cleaned_data.get(field) for field in ("status", "level")}
            for field in knoop_status_changes(self.instance.status_baseline(), submitted):
                self.add_error(field, STATUS_REFUSED)
        return cleaned_data


REVIEW_PERMISSION = "kennisbank.review_parel"
REVIEW_INCOMPLETE = "Nog niet te toetsen: {missing} ontbreekt."


class ParelForm(KennisItemForm):
    """Only the Redactie sets a Parel's review; for others it is shown, read-only. A review
    needs every criterion met (Parel.REVIEW_CRITERIA)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "reviewed_on" in self.fields and not self.for_user.has_perm(REVIEW_PERMISSION):
            self.fields["reviewed_on"].disabled = True
            self.fields["reviewed_on"].help_text = "Alleen de redactie kan dit wijzigen."

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("reviewed_on") and not self.errors:
            draft = self.instance
            for name, value in cleaned_data.items():
                if name in ("problem", "body", "result", "conditions", "contact"):
                    setattr(draft, name, value)
            missing = draft.missing_criteria()
            if missing:
                self.add_error("reviewed_on", REVIEW_INCOMPLETE.format(missing=", ".join(missing)))
        return cleaned_data
