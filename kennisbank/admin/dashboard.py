"""Panels on the admin dashboard: each author's contributions, and the Redactie's agenda."""

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from kennisbank.accounts.roles import may_change_knoop_status, may_watch_currency
from kennisbank.models import KennisItem, Knoop, upcoming_meetings
from kennisbank.privacy import Viewer

CONTRIBUTIONS_SHOWN = 25
OVERDUE_SHOWN = 50


def contribution_status(page):
    """Where an author's item stands, in the words of the dashboard."""
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return "teruggestuurd"
    if state:
        return "ter goedkeuring"
    if page.live:
        return "gepubliceerd, met concept" if page.has_unpublished_changes else "gepubliceerd"
    return "concept"


class MyContributionsPanel(Component):
    name = "mijn_bijdragen"
    template_name = "kennisbank/admin/my_contributions.html"
    order = 50

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        items = KennisItem.objects.filter(owner=user).order_by("-latest_revision_created_at")
        items = items[:CONTRIBUTIONS_SHOWN]
        return {"contributions": [(item, contribution_status(item)) for item in items]}


class OverdueKnopenPanel(Component):
    """Open knopen whose review date has passed and that no coming meeting has on its
    agenda: for the next meeting of the table."""

    name = "knopen_te_bespreken"
    template_name = "kennisbank/admin/overdue_knopen.html"
    order = 60

    def get_context_data(self, parent_context):
        knopen = Knoop.objects.filter(
            status__in=Knoop.OPEN_STATUSES, review_date__lt=timezone.localdate()
        ).exclude(on_agendas__page__in=upcoming_meetings(Viewer.of(parent_context["request"])))
        return {"knopen": knopen.order_by("review_date", "title")}


class OverdueItemsPanel(Component):
    """Current items past their "herzien vóór" date, the longest overdue first, with whether
    the contributing organisation has been reminded."""

    name = "items_te_herzien"
    template_name = "kennisbank/admin/overdue_items.html"
    order = 65

    def get_context_data(self, parent_context):
        items = KennisItem.objects.live().overdue().select_related("author_organisation")
        items = items.order_by("review_before", "title").prefetch_related("review_reminders")
        rows = []
        for item in items[:OVERDUE_SHOWN]:
            sent = [
                r.sent_at
                for r in item.review_reminders.all()
                if r.review_before == item.review_before
            ]
            rows.append((item, sent[0] if sent else None))
        return {"items": rows}


def homepage_panels(request, panels):
    panels.append(MyContributionsPanel())
    if may_watch_currency(request.user):
        panels.append(OverdueItemsPanel())
    if may_change_knoop_status(request.user):
        panels.append(OverdueKnopenPanel())
        # The Redactie's first task of the day: what waits for its review.
        for panel in panels:
            if panel.name == "workflow_objects_to_moderate":
                panel.order = 0
