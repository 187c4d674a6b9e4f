"""Admin forms: the Knoop's status guard, the throttled password reset."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.auth import PasswordResetForm

from .roles import STATUS_REFUSED, knoop_status_changes, may_change_knoop_status
from .throttles import RESET_MAIL, client_address


class KnoopForm(WagtailAdminPageForm):
    """Only the Redactie moves a Knoop along its lifecycle; a new one starts "gesignaleerd"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_change_knoop_status(self.for_user):
            for field in ("status", "level"):
                self.fields[field].help_text = "Alleen de redactie kan dit wijzigen."

    def clean(self):
        cleaned_data = super().clean()
        if not may_change_knoop_status(self.for_user):
            submitted = {field: cleaned_data.get(field) for field in ("status", "level")}
            for field in knoop_status_changes(self.instance.status_baseline(), submitted):
                self.add_error(field, STATUS_REFUSED)
        return cleaned_data


class ThrottledPasswordResetForm(PasswordResetForm):
    """At most RESET_MAIL.limit mails per hour to an address and from a caller; the answer is
    the same whether a mail went out or not, so it tells nothing about accounts."""

    def save(self, *args, request=None, **kwargs):
        keys = [("email", self.cleaned_data["email"].lower()), ("ip", client_address(request))]
        allowed = not any(RESET_MAIL.exceeded(*key) for key in keys)
        for key in keys:
            RESET_MAIL.count(*key)
        if allowed:
            super().save(*args, request=request, **kwargs)
