"""The review task is called after who reviews: the dashboard reads "Ter goedkeuring bij
Redactie" (kennisbank/locale), where it read "In afwachting Redactiereview"."""

from django.db import migrations

OLD, NEW = "Redactiereview", "Redactie"


def rename(apps, schema_editor, old=OLD, new=NEW):
    apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0011_redactie_search_terms"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
