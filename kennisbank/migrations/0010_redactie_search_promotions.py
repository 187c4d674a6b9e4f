"""The Redactie pins items for a query (Wagtail's search promotions, shown first in search):
it gets the permissions to add, change and delete them; nobody else does."""

from django.db import migrations

REDACTIE = "Redactie"
APP, MODEL = "wagtailsearchpromotions", "searchpromotion"
ACTIONS = ("add", "change", "delete")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=APP, model=MODEL)
    group, _ = Group.objects.get_or_create(name=REDACTIE)
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_{MODEL}",
            defaults={"name": f"Can {action} search promotion"},
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=REDACTIE).first()
    if group:
        codenames = [f"{action}_{MODEL}" for action in ACTIONS]
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label=APP, codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0009_statements"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
