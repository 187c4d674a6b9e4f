"""The admin of opgaven: a Gemeente user enters and corrects the figures of their own gemeente
only; with `change_any_opgave` (the Redactie) every gemeente's, the region's and the province's."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from kennisbank.accounts.roles import OPGAVE_ANY_PERMISSION, opgaven_editable_by
from kennisbank.models import Gemeente, Opgave


def may_import(user):
    """The CSV import adds opgaven and adds metingen to them."""
    return user.has_perms(["kennisbank.add_opgave", "kennisbank.change_opgave"])


def own_gemeenten(user):
    """The gemeenten whose opgaven this user enters, or None for all of them and the region
    and the province (the form's choices and the CSV import)."""
    if user.has_perm(OPGAVE_ANY_PERMISSION):
        return None
    return Gemeente.objects.filter(members__user=user)


class OpgavePermissionPolicy(ModelPermissionPolicy):
    """The model permissions, narrowed per opgave to those the user may edit."""

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Opgave.objects.none()
        return opgaven_editable_by(user, Opgave.objects.all())

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            opgaven_editable_by(user, Opgave.objects.filter(pk=instance.pk)).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)


class OpgaveForm(WagtailAdminModelForm):
    """Offers a Gemeente user only their own gemeente as the scope."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        gemeenten = own_gemeenten(user) if user is not None else None
        if gemeenten is not None:
            self.fields["scope"].choices = [(Opgave.Scope.GEMEENTE, Opgave.Scope.GEMEENTE.label)]
            self.fields["gemeente"].queryset = gemeenten
            self.fields["gemeente"].required = True
            self.fields["gemeente"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        # The unique constraints name no field; say in Dutch which opgave exists already.
        if not self.errors and self._taken(cleaned):
            raise forms.ValidationError(
                "Deze opgave bestaat al voor deze soort, schaal en periode: voeg daar een "
                "meting toe."
            )
        return cleaned

    def _taken(self, cleaned):
        others = Opgave.objects.exclude(pk=self.instance.pk).filter(
            kind=cleaned.get("kind"),
            scope=cleaned.get("scope"),
            gemeente=cleaned.get("gemeente"),
            year=cleaned.get("year"),
            half=cleaned.get("half"),
        )
        return others.exists()


class InstanceCheck:
    """Refuses an opgave the user may not edit, whatever its URL."""

    instance_action = "change"

    def get_object(self, queryset=None):
        opgave = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.instance_action, opgave
        ):
            raise PermissionDenied
        return opgave


class OpgaveEditView(InstanceCheck, EditView):
    pass


class OpgaveDeleteView(InstanceCheck, DeleteView):
    instance_action = "delete"


class OpgaveIndexView(IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        ).select_related("gemeente")

    @cached_property
    def header_buttons(self):
        buttons = [
            HeaderButton("CSV exporteren", url=reverse("opgaven_csv:export"), icon_name="download")
        ]
        if may_import(self.request.user):
            buttons.append(
                HeaderButton(
                    "CSV importeren", url=reverse("opgaven_csv:import"), icon_name="upload"
                )
            )
        return super().header_buttons + buttons


class OpgaveViewSet(ModelViewSet):
    model = Opgave
    icon = "table"
    menu_label = "Opgaven en cijfers"  # in the group Opgaven, beside the CSV import
    index_view_class = OpgaveIndexView
    edit_view_class = OpgaveEditView
    delete_view_class = OpgaveDeleteView
    list_display = ["__str__", "visibility"]
    list_filter = ["kind", "scope", "year"]
    search_fields = None
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("kind"),
            # A plain list, not the snippet chooser: that would offer every gemeente.
            FieldRowPanel([FieldPanel("scope"), FieldPanel("gemeente", widget=forms.Select)]),
            FieldRowPanel([FieldPanel("year"), FieldPanel("half")]),
            FieldPanel("visibility"),
            InlinePanel(
                "metingen",
                label="Metingen",
                heading="Cijfers (een nieuw cijfer is een nieuwe meting; de laatste geldt)",
                panels=[
                    FieldRowPanel(
                        [FieldPanel("date"), FieldPanel("target"), FieldPanel("realised")]
                    ),
                    FieldPanel("source"),
                    FieldPanel("source_url"),
                    FieldPanel("source_page"),
                ],
                min_num=1,
            ),
        ],
        base_form_class=OpgaveForm,
    )
