"""Admin page forms: the Knoop's status guard."""

from wagtail.admin.forms import WagtailAdminPageForm

from kennisbank.accounts.roles import STATUS_REFUSED, knoop_status_changes, may_change_knoop_status


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
