"""Build real, published pages for tests."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from wagtail.models import Page

from kennisbank.models import Begrip
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
    item.save()
    revision = item.save_revision()
    if publish:
        revision.publish()
    return model.objects.get(pk=item.pk)


REQUIRED_FIELDS = {
    "besluit": {"decision_body": "RRVIJ", "meeting_date": datetime.date(2023, 7, 14)},
}


def create_begrip(term, abbreviation="", synonyms=(), definition="Uitleg."):
    return Begrip.objects.create(
        term=term, abbreviation=abbreviation, synonyms="\n".join(synonyms), definition=definition
    )


def create_user(username="gebruiker", password="geheim-wachtwoord-123", **fields):
    return get_user_model().objects.create_user(username=username, password=password, **fields)


def page_titles(pages):
    return sorted(Page.objects.filter(pk__in=[p.pk for p in pages]).values_list("title", flat=True))
