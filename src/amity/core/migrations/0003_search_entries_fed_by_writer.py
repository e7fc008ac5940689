from django.db import migrations

from amity.core.search import engines


def feed_from_writer(apps, schema_editor):
    engines.feed_from_writer(schema_editor)


def feed_from_triggers(apps, schema_editor):
    engines.feed_from_triggers(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_search_index")]

    operations = [migrations.RunPython(feed_from_writer, feed_from_triggers)]
