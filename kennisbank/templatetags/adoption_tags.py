"""Template tags of the adoption register: where a Parel is applied, and what the viewer may
do about it. Adoptions are shown only with a Parel the viewer may see."""

import datetime

from django import template

from kennisbank.accounts.roles import may_adopt, may_withdraw
from kennisbank.models import Adoption, Parel, visible_pages
from kennisbank.privacy import Viewer, sees_adoption_notes
from kennisbank.public.adoptions import AdoptionForm, membership_of

register = template.Library()

HOME_ADOPTIONS = 3


@register.simple_tag
def adoption_register(parel, request):
    """The Parel's adoptions (each with whether this viewer may withdraw it), whether notes are
    shown, and the form to mark it when this viewer's organisation has not yet."""
    user = request.user
    membership = membership_of(user) if user.is_authenticated else None
    adoptions = list(parel.adoptions.select_related("gemeente", "organisation")) if parel.pk else []
    own = next((a for a in adoptions if a.belongs_to(membership)), None)
    may_mark = parel.live and own is None and may_adopt(user, membership)
    return {
        "adoptions": [(a, may_withdraw(user, membership, a)) for a in adoptions],
        "with_notes": sees_adoption_notes(Viewer.of(request)),
        "form": adoption_form() if may_mark else None,
    }


def adoption_form():
    return AdoptionForm(initial={"date": datetime.date.today().isoformat()})


@register.simple_tag
def recent_adoptions(request):
    """The latest marks on live Parels this viewer may see, newest first."""
    parels = visible_pages(Parel.objects.live().current(), Viewer.of(request))
    adoptions = Adoption.objects.filter(parel__in=parels.values("pk"))
    adoptions = adoptions.select_related("parel", "gemeente", "organisation")
    return adoptions.order_by("-created_at", "-pk")[:HOME_ADOPTIONS]
