"""The table of the default cache (settings: CACHES), made here so that nothing beyond
`migrate` must be run. Without effect when it exists already."""

from django.core.management import call_command
from django.db import migrations

TABLE = "kennisbank_cache"


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0006_contributor_uploads"),
    ]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
