"""Wagtail's user admin with the organisation (and gemeente) every account belongs to."""

from django import forms
from django.db import transaction
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from kennisbank.models import Gemeente, Membership, Organisatie


class MembershipFields(forms.Form):
    """The organisation (and gemeente) of an account, stored in its Membership."""

    organisation = forms.ModelChoiceField(queryset=None, label="Organisatie")
    gemeente = forms.ModelChoiceField(
        queryset=None, label="Gemeente", required=False, help_text="Alleen voor gemeenten."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisatie.objects.all()
        self.fields["gemeente"].queryset = Gemeente.objects.all()
        membership = Membership.objects.filter(user_id=self.instance.pk).first()
        if membership and not self.is_bound:
            self.initial["organisation"] = membership.organisation_id
            self.initial["gemeente"] = membership.gemeente_id

    @transaction.atomic
    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            Membership.objects.update_or_create(
                user=user,
                defaults={
                    "organisation": self.cleaned_data["organisation"],
                    "gemeente": self.cleaned_data["gemeente"],
                },
            )
        return user


class KennisbankUserCreationForm(MembershipFields, UserCreationForm):
    pass


class KennisbankUserEditForm(MembershipFields, UserEditForm):
    pass


class UserViewSet(WagtailUserViewSet):
    create_template_name = "kennisbank/admin/users/create.html"
    edit_template_name = "kennisbank/admin/users/edit.html"

    def get_form_class(self, for_update=False):
        return KennisbankUserEditForm if for_update else KennisbankUserCreationForm
