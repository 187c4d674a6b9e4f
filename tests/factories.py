"""Build real data for tests: published pages, glossary entries, users and members of each
role, and the admin's page form as a browser sends it."""

import datetime
import io
import itertools
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from kennisbank.interchange import import_stream
from kennisbank.models import (
    Adoption,
    AgendaPunt,
    Attachment,
    Begrip,
    Gemeente,
    Membership,
    Meting,
    Opgave,
    Organisatie,
    Vergadering,
    Visibility,
)
from kennisbank.models.taxonomy import VOCABULARIES
from kennisbank.structure import section_for

_counter = itertools.count(1)


def create_item(model, title=None, *, publish=True, tags=(), related=(), **fields):
    """Create an item of `model` under its section; vocabulary fields take names."""
    vocab = {key: fields.pop(key) for key in list(fields) if key in VOCABULARIES}
    fields.setdefault("summary", f"Samenvatting van {title or model.type_slug}.")
    fields.setdefault("date", datetime.date(2023, 7, 14))
    for required, value in REQUIRED_FIELDS.get(model.type_slug, {}).items():
        fields.setdefault(required, value)
    item = model(
        title=title or f"{model._meta.verbose_name} {next(_counter)}", live=publish, **fields
    )
    section_for(model).add_child(instance=item)
    for key, names in vocab.items():
        getattr(item, key).set(
            [VOCABULARIES[key].objects.get_or_create(name=name)[0] for name in names]
        )
    item.tags.add(*tags)
    for other in related:
        item.related_links.create(item=other)
    revision = item.save_revision()
    if publish:
        revision.publish()
    else:
        item.save()  # the draft's relations into the database's index, as the admin does
    return model.objects.get(pk=item.pk)


REQUIRED_FIELDS = {
    "besluit": {"decision_body": "RRVIJ", "meeting_date": datetime.date(2023, 7, 14)},
    "vergadering": {
        "meeting_body": "rrvij",
        "starts_at": datetime.datetime(2023, 7, 14, 10, tzinfo=datetime.UTC),
    },
}


def create_begrip(term, abbreviation="", synonyms=(), definition="Uitleg."):
    return Begrip.objects.create(
        term=term, abbreviation=abbreviation, synonyms="\n".join(synonyms), definition=definition
    )


def create_user(username="gebruiker", password="geheim-wachtwoord-123", **fields):
    return get_user_model().objects.create_user(username=username, password=password, **fields)


def page_titles(pages):
    return sorted(Page.objects.filter(pk__in=[p.pk for p in pages]).values_list("title", flat=True))


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


def attach(item, title, text="Verslag van de regietafel.", file_name=None, **fields):
    """A text document attached to the item; publish the item again to index the text."""
    document = get_document_model().objects.create(
        title=title, file=ContentFile(text.encode(), name=file_name or f"{title}.txt"), **fields
    )
    Attachment.objects.create(page=item, document=document)
    return document


def search_api(client, **params):
    """/api/zoeken/'s answer to these parameters, which must be valid."""
    response = client.get("/api/zoeken/", params)
    assert response.status_code == 200, response.content
    return response.json()


def found_titles(client, **params):
    """The titles /api/zoeken/ finds, in its order."""
    return [result["title"] for result in search_api(client, **params)["results"]]


def jsonl(*items):
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def run_import(*items, **options):
    """Import these items (dicts) as JSON Lines."""
    return import_stream(io.StringIO(jsonl(*items)), **options)


def add_opgave(kind=Opgave.Kind.STATUSHOUDERS, gemeente=None, scope=None, visibility=None,
               year=2023, half=1, figures=((52, 38),)):  # fmt: skip
    """An opgave with a measurement per (target, realised), a month apart."""
    opgave = Opgave.objects.create(
        kind=kind,
        scope=scope or (Opgave.Scope.GEMEENTE if gemeente else Opgave.Scope.REGIO),
        gemeente=Gemeente.objects.get_or_create(name=gemeente)[0] if gemeente else None,
        year=year,
        half=half,
        visibility=visibility or Visibility.PUBLIC,
    )
    for month, (target, realised) in enumerate(figures, start=6):
        Meting.objects.create(
            opgave=opgave,
            date=datetime.date(year, month, 1),
            target=target,
            realised=realised,
            source="brief van de provincie, november 2023",
        )
    return opgave


def edit_url(opgave):
    """The admin's edit view of an opgave."""
    return reverse("opgaven:edit", args=[opgave.pk])


def add_figure(client, opgave, target, realised, date="2023-09-01"):
    """Adds a measurement through the edit form as a browser sends it; the response."""
    page = client.get(edit_url(opgave))
    if page.status_code != 200:
        return page
    data = querydict_from_html(page.content.decode(), form_id="w-editor-form")
    new = int(data["metingen-TOTAL_FORMS"])
    data["metingen-TOTAL_FORMS"] = str(new + 1)
    for field, value in {
        "date": date, "target": target, "realised": realised, "source": "eigen telling",
        "source_url": "", "source_page": "", "id": "", "ORDER": str(new + 1), "DELETE": "",
    }.items():  # fmt: skip
        data[f"metingen-{new}-{field}"] = value
    return client.post(edit_url(opgave), data)


def soon(days=7, hour=10):
    """A moment `days` from today at `hour` o'clock Dutch time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def create_meeting(title, points=(), user=None, publish=True, **fields):
    """A meeting with these agenda items (AgendaPunt fields), published by `user`."""
    fields.setdefault("starts_at", soon())
    fields.setdefault("meeting_body", Vergadering.Body.RRVIJ)
    meeting = create_item(Vergadering, title, publish=False, **fields)
    # In order, as the admin's InlinePanel and the import number them.
    meeting.agenda_items = [
        AgendaPunt(sort_order=order, **point) for order, point in enumerate(points)
    ]
    meeting.save()
    revision = meeting.save_revision(user=user)
    if publish:
        revision.publish(user=user)
    return Vergadering.objects.get(pk=meeting.pk)


def republish(meeting, user=None, **changes):
    meeting = Vergadering.objects.get(pk=meeting.pk)
    for name, value in changes.items():
        setattr(meeting, name, value)
    meeting.save_revision(user=user).publish(user=user)
    return Vergadering.objects.get(pk=meeting.pk)


def fresh_copies(shared):
    """A test's own copies of the rows a module shares (a dict of model instances), read
    again from the database: what one test changes in memory does not reach the next."""
    return {key: type(obj).objects.get(pk=obj.pk) for key, obj in shared.items()}


def mark_applied(parel, gemeente=None, organisation=None, note="", date=datetime.date(2024, 1, 1)):
    """An adoption made directly, as the register stores it."""
    organisation = organisation or f"Gemeente {gemeente}"
    return Adoption.objects.create(
        parel=parel,
        organisation=Organisatie.objects.get_or_create(name=organisation)[0],
        gemeente=Gemeente.objects.get_or_create(name=gemeente)[0] if gemeente else None,
        date=date,
        note=note,
    )
