"""The adoption register on the public site: "Wij passen dit ook toe" on a Parel, and
withdrawing a mark. Only POSTs change anything; who may do what is in accounts/roles.py."""

import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_POST

from kennisbank.accounts.roles import may_adopt, may_withdraw
from kennisbank.models import Adoption, Membership, Parel
from kennisbank.privacy import Viewer

ALREADY = "Jouw organisatie of gemeente heeft deze parel al als toegepast gemeld."
IN_FUTURE = "Een datum in de toekomst kan niet: vul in sinds wanneer jullie dit toepassen."


class AdoptionForm(forms.ModelForm):
    class Meta:
        model = Adoption
        fields = ["date", "note"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > datetime.date.today():
            raise forms.ValidationError(IN_FUTURE)
        return date


def membership_of(user):
    return Membership.objects.filter(user_id=user.pk).select_related("gemeente").first()


def visible_parel(request, parel_id):
    """The live Parel, if this viewer may see it (else a 404, as for the page itself)."""
    parels = Parel.objects.live().filter(pk=parel_id).visible_to(Viewer.of(request))
    parel = parels.first()
    if parel is None:
        raise Http404
    return parel


@login_required
@require_POST
def adopt(request, parel_id):
    parel = visible_parel(request, parel_id)
    membership = membership_of(request.user)
    if not may_adopt(request.user, membership):
        raise PermissionDenied
    form = AdoptionForm(request.POST)
    if form.is_valid():
        form.instance.parel = parel
        form.instance.organisation = membership.organisation
        form.instance.gemeente = membership.gemeente
        form.instance.created_by = request.user
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:
            form.add_error(None, ALREADY)
        else:
            return redirect(f"{parel.url}#toegepast")
    context = {"page": parel, "form": form}
    return TemplateResponse(request, "kennisbank/adoption_form.html", context, status=400)


@login_required
@require_POST
def withdraw(request, adoption_id):
    adoption = get_object_or_404(Adoption, pk=adoption_id)
    parel = visible_parel(request, adoption.parel_id)
    if not may_withdraw(request.user, membership_of(request.user), adoption):
        raise PermissionDenied
    adoption.delete()
    return redirect(f"{parel.url}#toegepast")


urlpatterns = [
    path("<int:parel_id>/", adopt, name="adopt_parel"),
    path("intrekken/<int:adoption_id>/", withdraw, name="withdraw_adoption"),
]
