"""The Redactie reads the report of what the network searches (search.SearchTerm); nobody else."""

from django.db import migrations

REDACTIE = "Redactie"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="search", model="searchterm")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_searchterm",
        defaults={"name": "Can view zoekvraag"},
    )
    Group.objects.get_or_create(name=REDACTIE)[0].permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=REDACTIE).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="search", codename="view_searchterm")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0010_redactie_search_promotions"),
        ("search", "0002_search_terms"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
