"""Who may see a page or a collection: Wagtail's privacy (login, groups, shared password), one
rule for every surface of the site.

A restriction is reduced to a *key*: "login", "groups:<sorted group ids>" or "password:<id>".
A page carries the keys of the restrictions on it and on its ancestors; a viewer is *denied*
the keys it does not pass, as Wagtail's `accept_request` decides: a login passes "login", a
member of one of the groups (or a superuser) passes a "groups:" key, and a session that gave
the password on the page passes its "password:" key. A page is visible when none of its keys
is denied. There are few distinct keys (network-only items all share "login"), so the rule
costs no query per item."""

from functools import cached_property

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

LOGIN = "login"


class Visibility(models.TextChoices):
    """An item's, a meeting's or an opgave's own setting: for everyone, or for the network,
    which is everyone logged in."""

    PUBLIC = "public", "Openbaar"
    NETWORK = "network", "Alleen voor het netwerk (ingelogd)"


def key(restriction_type, restriction_id, group_ids):
    if restriction_type == PageViewRestriction.GROUPS:
        return "groups:" + ",".join(str(pk) for pk in sorted(group_ids))
    if restriction_type == PageViewRestriction.PASSWORD:
        return f"password:{restriction_id}"
    return LOGIN


def _rows(restrictions):
    """[(key, group ids, values row)] of a restriction queryset, in one query."""
    rows, groups = {}, {}
    for row in restrictions.values("pk", "restriction_type", "groups", *_extra(restrictions)):
        rows[row["pk"]] = row
        groups.setdefault(row["pk"], set()).update([row["groups"]] if row["groups"] else [])
    return [
        (key(row["restriction_type"], pk, groups[pk]), groups[pk], row) for pk, row in rows.items()
    ]


def _extra(restrictions):
    if restrictions.model is PageViewRestriction:
        return ("page_id", "page__path", "page__content_type_id")
    return ("collection__path",)


class Viewer:
    """Who is asking: the user and the shared passwords this session has given."""

    def __init__(self, user=None, passed_pages=(), passed_collections=()):
        self.user = user or AnonymousUser()
        self.passed = {
            PageViewRestriction: frozenset(passed_pages),
            CollectionViewRestriction: frozenset(passed_collections),
        }

    @classmethod
    def anonymous(cls):
        """A visitor without login or session: what feeds and the sitemap show to anyone.
        A new one each time, as a viewer keeps what it read from the database."""
        return cls()

    @classmethod
    def of(cls, request):
        """The viewer of a request, made once per request."""
        viewer = getattr(request, "_kennisbank_viewer", None)
        if viewer is None:
            session = getattr(request, "session", {})
            viewer = cls(
                request.user,
                session.get(PageViewRestriction.passed_view_restrictions_session_key, []),
                session.get(CollectionViewRestriction.passed_view_restrictions_session_key, []),
            )
            request._kennisbank_viewer = viewer
        return viewer

    @property
    def in_network(self):
        """The network is everyone logged in: they see network-only content."""
        return self.user.is_authenticated

    def by_visibility(self, rows):
        """The rows (of a model with a `visibility` field) this viewer's visibility allows."""
        return rows if self.in_network else rows.filter(visibility=Visibility.PUBLIC)

    @cached_property
    def group_ids(self):
        if not self.user.is_authenticated:
            return frozenset()
        return frozenset(self.user.groups.values_list("pk", flat=True))

    def passes(self, model, restriction_type, restriction_id, group_ids):
        """Wagtail's `accept_request`, with the user's groups read once."""
        if restriction_type == model.PASSWORD:
            return restriction_id in self.passed[model]
        if restriction_type == model.LOGIN:
            return self.user.is_authenticated
        if restriction_type == model.GROUPS:
            return self.user.is_superuser or bool(self.group_ids & set(group_ids))
        return True

    def _denied(self, restrictions):
        """[(key, row)] of the restrictions in the queryset this viewer does not pass."""
        model = restrictions.model
        denied = []
        for restriction_key, group_ids, row in _rows(restrictions):
            if not self.passes(model, row["restriction_type"], row["pk"], group_ids):
                denied.append((restriction_key, row))
        return denied

    @cached_property
    def denied_keys(self):
        """The keys in use that this viewer does not pass, sorted."""
        # Network-only items each have a login restriction: thousands, one key.
        others = self._denied(PageViewRestriction.objects.exclude(restriction_type=LOGIN))
        keys = {restriction_key for restriction_key, _row in others}
        if not self.user.is_authenticated:
            logins = PageViewRestriction.objects.filter(restriction_type=LOGIN)
            if logins.exists():
                keys.add(LOGIN)
        return sorted(keys)

    def denied_pages(self, leaf_types):
        """(ids, paths): the pages of the `leaf_types` (content type ids of pages that have no
        children) and the paths of the other pages whose restriction this viewer does not pass.
        Login restrictions on leaves are left out: those pages' visibility column says it."""
        restrictions = PageViewRestriction.objects.exclude(
            restriction_type=LOGIN, page__content_type__in=leaf_types
        )
        if self.user.is_authenticated:
            restrictions = restrictions.exclude(restriction_type=LOGIN)
        key = tuple(sorted(leaf_types))
        cache = self.__dict__.setdefault("_denied_pages", {})
        if key not in cache:
            ids, paths = set(), set()
            for _key, row in self._denied(restrictions):
                if row["page__content_type_id"] in leaf_types:
                    ids.add(row["page_id"])
                else:
                    paths.add(row["page__path"])
            cache[key] = (sorted(ids), _outermost(paths))
        return cache[key]

    @cached_property
    def denied_collection_paths(self):
        """Paths of the collections whose restriction this viewer does not pass."""
        denied = self._denied(CollectionViewRestriction.objects.all())
        return _outermost({row["collection__path"] for _key, row in denied})


def _outermost(paths):
    """The paths not below another of them: excluding those excludes all."""
    paths = sorted(paths)
    return [path for i, path in enumerate(paths) if not any(path.startswith(p) for p in paths[:i])]


def denied_keys(request):
    """The restriction keys this request's viewer does not pass."""
    return Viewer.of(request).denied_keys


def restriction_keys_by_page(pages):
    """{page id: sorted keys of the restrictions on it and its ancestors} for these pages
    (anything with `pk` and `path`), in one query for all."""
    pages = list(pages)
    steps = Page.steplen
    ancestors = {
        page.path[:length] for page in pages for length in range(steps, len(page.path) + 1, steps)
    }
    restrictions = _rows(PageViewRestriction.objects.filter(page__path__in=ancestors))
    by_path = {}
    for restriction_key, _groups, row in restrictions:
        by_path.setdefault(row["page__path"], set()).add(restriction_key)
    return {
        page.pk: sorted(
            {
                restriction_key
                for length in range(steps, len(page.path) + 1, steps)
                for restriction_key in by_path.get(page.path[:length], ())
            }
        )
        for page in pages
    }


def restriction_keys(page):
    """The keys of the restrictions on this page and on its ancestors, sorted."""
    return restriction_keys_by_page([page])[page.pk]


def collection_denied(viewer):
    """A Q on documents or images: in a collection this viewer may not open."""
    denied = Q(pk__in=[])
    for path in viewer.denied_collection_paths:
        denied |= Q(collection__path__startswith=path)
    return denied


def sees_adoption_notes(viewer):
    """Where a Parel is applied is shown with the Parel, to whoever may see it; what an
    organisation wrote about how it went stays within the network."""
    return viewer.in_network
