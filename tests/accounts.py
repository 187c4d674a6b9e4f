"""Accounts in the roles of the kennisbank, and the admin's page form as a browser sends it."""

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from kennisbank.models import Gemeente, Membership, Organisatie
from tests.factories import create_user


def create_member(username, role, organisation, gemeente=None):
    """A user in the group `role` working for `organisation` (and perhaps a gemeente)."""
    user = create_user(username, email=f"{username}@example.org", first_name=username.title())
    user.groups.add(Group.objects.get(name=role))
    Membership.objects.create(
        user=user,
        organisation=Organisatie.objects.get_or_create(name=organisation)[0],
        gemeente=Gemeente.objects.get_or_create(name=gemeente)[0] if gemeente else None,
    )
    return user


def edit_form_data(client, page, **changes):
    """The edit form of `page` as the admin renders it, with `changes` made, ready to post.
    A browser's script adds the count of each (empty) StreamField; so does this."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200, "the editor opens"
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for field in ("body", "decision_points"):
        if hasattr(page.specific, field):
            data.setdefault(f"{field}-count", "0")
    for name, value in changes.items():
        data[name] = value
    return data


def create_form_data(client, model, parent, **fields):
    """The add form for `model` under `parent`, filled in with `fields`, ready to post."""
    url = reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )
    response = client.get(url)
    assert response.status_code == 200, "the add form opens"
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.setdefault("body-count", "0")
    for name, value in fields.items():
        data[name] = value
    return url, data
