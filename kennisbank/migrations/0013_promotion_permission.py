"""The search engine and menu fields of an item are the Redactie's: a permission for them,
given to the Redactie group (names as they were when this was written)."""

from django.db import migrations

REDACTIE = "Redactie"
CODENAME = "promote_kennisitem"
NAME = "Mag zoekmachine- en menuvelden van items wijzigen"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="kennisbank", model="kennisitem")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": NAME}
    )
    Group.objects.get_or_create(name=REDACTIE)[0].permissions.add(permission)


def revoke(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="kennisbank", codename=CODENAME
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0012_review_task_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="kennisitem",
            options={
                "permissions": [(CODENAME, NAME)],
                "verbose_name": "kennisitem",
                "verbose_name_plural": "kennisitems",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
