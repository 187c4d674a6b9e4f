"""The CSV import and export in the admin, for those who cannot run `import_opgaven` and
`export_opgaven`: the same checks (csvfile.py), all or nothing; a Gemeente user imports and
exports the figures of their own gemeente only."""

import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse, reverse_lazy
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from kennisbank.accounts.roles import opgaven_editable_by
from kennisbank.interchange import ImportFailed
from kennisbank.models import Opgave

from .admin import OpgaveViewSet, may_import, own_gemeenten
from .csvfile import import_csv
from .views import csv_file

MAX_SIZE = 5 * 1024 * 1024  # far more than every figure of the region for years


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV-bestand",
        help_text=(
            "UTF-8, kommagescheiden, met een kopregel; elke regel is een nieuwe meting, in de "
            "kolommen van CSV exporteren."
        ),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_SIZE:
            raise forms.ValidationError(
                f"Het bestand is te groot: hoogstens {filesizeformat(MAX_SIZE)}."
            )
        return file

    def run(self, user):
        """Imports the file as `user` may; ImportFailed with every problem otherwise."""
        stream = io.TextIOWrapper(self.cleaned_data["file"].file, encoding="utf-8", newline="")
        return import_csv(stream, own_gemeenten(user))


class ImportView(WagtailAdminTemplateMixin, FormView):
    form_class = ImportForm
    template_name = "opgaven/admin/import.html"
    page_title = "CSV importeren"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("opgaven:index"), "label": "Opgaven"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=reverse("opgaven_csv:import"),
            submit_button_label="Importeren",
            submit_button_active_label="Bezig met importeren…",
            own_gemeenten=own_gemeenten(self.request.user),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            imported = form.run(self.request.user)
        except ImportFailed as failure:
            return self.render_to_response(self.get_context_data(errors=failure.errors))
        messages.success(self.request, str(imported))
        return redirect("opgaven:index")


def export(request):
    """Every measurement of the opgaven the admin's listing shows this user."""
    if not request.user.has_perm("kennisbank.change_opgave"):
        raise PermissionDenied
    return csv_file(opgaven_editable_by(request.user, Opgave.objects.all()), "opgaven")


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import(request.user)


class OpgaveCsvViewSet(ViewSet):
    name = "opgaven_csv"
    url_prefix = "opgaven-csv"
    icon = "upload"
    menu_label = "CSV importeren"
    menu_url = reverse_lazy("opgaven_csv:import")
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [
            path("importeren/", ImportView.as_view(), name="import"),
            path("exporteren/", export, name="export"),
        ]


class OpgavenGroup(ViewSetGroup):
    menu_label = "Opgaven"
    menu_icon = "table"
    menu_order = 350
    items = (OpgaveViewSet("opgaven"), OpgaveCsvViewSet())
