"""What publishing items brings about, written once for one page (kennisbank.signals, on
`page_published`) and for thousands (kennisbank.interchange.bulk), in a few statements:

- page privacy follows each item's visibility: a login restriction exactly for network-only
  items (group and password restrictions set in Wagtail's dialog are left as they are);
- a Knoop that is new, or stands elsewhere than its timeline's last step, gets a new step
  (and its followers an alert: `knoop_moved`).
"""

from wagtail.models import PageViewRestriction

from .base import Visibility
from .lifecycle import KnoopChange, knoop_moved
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
