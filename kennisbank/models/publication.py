"""What publishing items brings about, written once for one page (kennisbank.signals, on
`page_published`) and for thousands (kennisbank.interchange.bulk), in a few statements:

- page privacy follows each item's visibility: a login restriction exactly for network-only
  items (group and password restrictions set in Wagtail's dialog are left as they are);
- a Knoop that is new, or stands elsewhere than its timeline's last step, gets a new step
  (and its followers an alert: `knoop_moved`).

Publishing a meeting (`place_on_agenda`, after those) puts its Knopen on their timelines.
"""

from wagtail.models import PageViewRestriction

from .base import Visibility
from .lifecycle import KnoopChange, knoop_moved
from .meetings import AgendaPunt, Vergadering
from .pages import Knoop

BATCH = 500


def publication_effects(pages, user=None):
    """Apply both rules to these published items; `user` made the Knoop moves, if anyone."""
    follow_visibility(pages)
    record_moves([page for page in pages if isinstance(page, Knoop)], user)


def follow_visibility(pages):
    login = PageViewRestriction.LOGIN
    network = [page.pk for page in pages if page.visibility == Visibility.NETWORK]
    public = [page.pk for page in pages if page.visibility != Visibility.NETWORK]
    restricted = set()
    for batch in _batches(network):
        restricted |= set(
            PageViewRestriction.objects.filter(
                page_id__in=batch, restriction_type=login
            ).values_list("page_id", flat=True)
        )
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page_id=pk, restriction_type=login) for pk in network
         if pk not in restricted],
        batch_size=BATCH,
    )  # fmt: skip
    for batch in _batches(public):
        PageViewRestriction.objects.filter(page_id__in=batch, restriction_type=login).delete()


def record_moves(knopen, user=None):
    last = {}
    for batch in _batches([knoop.pk for knoop in knopen]):
        for change in KnoopChange.objects.filter(knoop_id__in=batch).order_by("changed_at", "pk"):
            last[change.knoop_id] = change
    changes = KnoopChange.objects.bulk_create(
        [
            KnoopChange.moving(knoop, last.get(knoop.pk), user)
            for knoop in knopen
            if knoop.pk not in last
            or (last[knoop.pk].to_status, last[knoop.pk].to_level) != (knoop.status, knoop.level)
        ],
        batch_size=BATCH,
    )
    moves = [change for change in changes if change.from_status]
    if moves:
        knoop_moved.send(KnoopChange, changes=moves)


def _batches(values):
    for start in range(0, len(values), BATCH):
        yield values[start : start + BATCH]


def place_on_agenda(meetings, user=None, recorded=()):
    """Each live Knoop on these published meetings' agendas gets, once per meeting, the step
    "geagendeerd voor <vergadering>": a Knoop still gesignaleerd moves to geagendeerd, one
    further along keeps its status. Once a meeting is held, an agenda item whose outcome is
    an escalation moves its Knoop to geëscaleerd at the item's level. A move is published as
    a new revision of the Knoop, made by `user` when they may change a Knoop's status (the
    rule of kennisbank.accounts.roles), else by the site, as an import is. The Knopen whose
    timeline is given (`recorded`, their ids: an import's) are left as that timeline says."""
    from kennisbank.accounts.roles import may_change_knoop_status

    user = user if user is not None and may_change_knoop_status(user) else None
    for meeting in meetings:
        for point in AgendaPunt.objects.filter(page=meeting).order_by("sort_order"):
            knoop = Knoop.objects.filter(pk=point.item_id).live().first()
            if knoop is None or knoop.pk in recorded:
                continue
            steps = KnoopChange.objects.filter(knoop=knoop, vergadering=meeting)
            if not steps.exists():
                status = knoop.status
                if status == Knoop.Status.GESIGNALEERD:
                    status = Knoop.Status.GEAGENDEERD
                _move(knoop, status, knoop.level, meeting, user)
            escalated = point.outcome_kind == AgendaPunt.Outcome.GEESCALEERD
            if (
                meeting.meeting_status == Vergadering.Status.GEHOUDEN
                and escalated
                and point.escalation_level
                and not steps.filter(to_status=Knoop.Status.GEESCALEERD).exists()
            ):
                _move(knoop, Knoop.Status.GEESCALEERD, point.escalation_level, meeting, user)


def _move(knoop, status, level, meeting, user):
    """Record the step first, so that publishing the moved Knoop finds it already there."""
    last = knoop.changes.order_by("changed_at", "pk").last()
    change = KnoopChange.objects.create(
        knoop=knoop,
        user=user,
        from_status=last.to_status if last else "",
        to_status=status,
        from_level=last.to_level if last else "",
        to_level=level,
        vergadering=meeting,
    )
    if (knoop.status, knoop.level) != (status, level):
        knoop_moved.send(KnoopChange, changes=[change])
        knoop.status, knoop.level, knoop.status_note = status, level, ""
        knoop.save_revision(user=user, log_action=True).publish(user=user)
