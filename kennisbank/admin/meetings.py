"""Besluit vastleggen: after a meeting the Redactie records a Besluit from an agenda item, as
a draft under Besluiten linked to the item (so to the meeting) and to the item's Knoop."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from kennisbank.models import Besluit, RelatedItem, Vergadering, Visibility
from kennisbank.structure import section_for

NO_ITEM = "Kies een agendapunt van deze vergadering."


def may_record(user):
    """Whoever may add a Besluit under Besluiten: the Redactie."""
    index = section_for(Besluit)
    return (
        user.has_perm("kennisbank.add_besluit")
        and index.permissions_for_user(user).can_add_subpage()
    )


def draft_besluit(point, user):
    """A new draft Besluit for this agenda item, saved as a revision by `user`."""
    meeting = point.page
    network = Visibility.NETWORK in (meeting.visibility, point.visibility)
    besluit = Besluit(
        title=f"Besluit {point.subject}"[:255],
        summary=point.outcome or point.proposal or f"Besluit over {point.subject}.",
        date=meeting.date,
        decision_body=meeting.get_meeting_body_display().split(" (")[0],
        meeting_date=meeting.date,
        decision_status=Besluit.Status.VOORGESTELD,
        visibility=Visibility.NETWORK if network else Visibility.PUBLIC,
        agenda_item=point,
        owner=user,
        live=False,
    )
    if point.knoop is not None:
        besluit.related_links = [RelatedItem(item=point.knoop)]
    section_for(Besluit).add_child(instance=besluit)
    besluit.save_revision(user=user, log_action=True)
    return besluit


def record_besluiten(request, meeting_id):
    """GET: the meeting's agenda items with their Besluiten; POST `item`: a draft from it."""
    if not may_record(request.user):
        raise PermissionDenied
    meeting = get_object_or_404(Vergadering, pk=meeting_id)
    points = meeting.agenda_items.select_related("item").prefetch_related("besluiten")
    error = None
    if request.method == "POST":
        item = request.POST.get("item", "")
        point = points.filter(pk=item).first() if item.isdigit() and len(item) < 19 else None
        if point is not None:
            besluit = draft_besluit(point, request.user)
            return redirect(reverse("wagtailadmin_pages:edit", args=[besluit.pk]))
        error = NO_ITEM
    response = TemplateResponse(
        request,
        "kennisbank/admin/meeting_besluiten.html",
        {"meeting": meeting, "points": points, "error": error},
    )
    if error:
        response.status_code = 400
    return response
