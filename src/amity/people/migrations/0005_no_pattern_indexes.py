from django.db import migrations

# PostgreSQL gets a second, "_like" index (varchar_pattern_ops, for LIKE 'prefix%') beside
# every indexed text column. These columns are only ever compared whole (a country code, a
# match key, an email address, an E.164 number, an external id, a tag), so their pattern
# indexes served no query and cost every import a write each. SQLite has none: nothing to do there.
PATTERN_INDEXED = [
    ("people_contact", "country"),
    ("people_contact", "match_key"),
    ("people_contact", "external_id"),
    ("people_contactemail", "normalized"),
    ("people_contactphone", "number"),
    ("people_organization", "country"),
    ("people_organization", "external_id"),
    ("people_tag", "name"),
]


def drop_pattern_indexes(apps, schema_editor):
    connection = schema_editor.connection
    quote = schema_editor.quote_name
    for table, column in PATTERN_INDEXED:
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, table)
        for name, info in constraints.items():
            if info["index"] and name.endswith("_like") and info["columns"] == [column]:
                schema_editor.execute(f"DROP INDEX {quote(name)}")


class Migration(migrations.Migration):
    dependencies = [("people", "0004_indexes_not_repeated")]

    operations = [
        # Not recreated on the way back: no query used them.
        migrations.RunPython(drop_pattern_indexes, migrations.RunPython.noop),
    ]
