from django.db import migrations

from amity.core.search import engines


def install(apps, schema_editor):
    engines.install(schema_editor)


def uninstall(apps, schema_editor):
    engines.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_search_entry")]

    operations = [migrations.RunPython(install, uninstall)]
