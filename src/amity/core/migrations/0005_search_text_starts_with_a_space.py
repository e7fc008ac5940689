"""Stored search texts start with a space, so a record's first word (an organization's name,
often the only value) is found as the start of a word like every other one. The full-text
table of SQLite follows through its update trigger; PostgreSQL's trigram index by itself."""

from django.db import migrations


def add_leading_space(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("UPDATE core_searchentry SET text = ' ' || text WHERE text NOT LIKE ' %'")


def drop_leading_space(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("UPDATE core_searchentry SET text = substr(text, 2) WHERE text LIKE ' %'")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_periodic_run")]

    operations = [migrations.RunPython(add_leading_space, drop_leading_space)]
