"""The section Vergaderingen, created under the home page of a site made before it (a new site
gets it from kennisbank/structure.py), and the Redactie's permission to add meetings: only
the Redactie keeps the meetings of the regional table. The page-tree arithmetic is copied
here, as it was when this was written, so that it never changes with the live code."""

import string

from django.db import migrations
from django.utils import timezone

REDACTIE = "Redactie"
PERMISSION = "add_vergadering"
SLUG, TITLE = "vergaderingen", "Vergaderingen"

# Wagtail's page tree (treebeard's materialised path): each level four base-36 digits.
ALPHABET = string.digits + string.ascii_uppercase
STEPLEN = 4


def next_child_path(Page, parent):
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEPLEN:], 36) + 1 if last else 1
    digits = ""
    for _ in range(STEPLEN):
        number, digit = divmod(number, 36)
        digits = ALPHABET[digit] + digits
    return parent.path + digits


def create_section(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    VergaderingIndexPage = apps.get_model("kennisbank", "VergaderingIndexPage")
    meeting_type, _ = ContentType.objects.get_or_create(app_label="kennisbank", model="vergadering")
    permission, _ = Permission.objects.get_or_create(
        content_type=meeting_type, codename=PERMISSION, defaults={"name": "Can add vergadering"}
    )
    for group in Group.objects.filter(name=REDACTIE):
        group.permissions.add(permission)

    home = Page.objects.filter(content_type__app_label="home", depth=2).order_by("path").first()
    if home is None or VergaderingIndexPage.objects.exists():
        return  # a fresh database: kennisbank/structure.py makes the tree
    index_type, _ = ContentType.objects.get_or_create(
        app_label="kennisbank", model="vergaderingindexpage"
    )
    now = timezone.now()
    VergaderingIndexPage.objects.create(
        title=TITLE,
        draft_title=TITLE,
        slug=SLUG,
        content_type=index_type,
        path=next_child_path(Page, home),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}{SLUG}/",
        live=True,
        first_published_at=now,
        last_published_at=now,
        locale_id=home.locale_id,
    )
    home.numchild += 1
    home.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0019_vergaderingen"),
        ("home", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_section, migrations.RunPython.noop)]
