"""Database triggers that keep the consent ledger append-only, whatever writes to it (a bug,
a shell, a script): no UPDATE of a row's content, no DELETE while its contact exists. Two
changes stay possible: ``contact_id`` (a merge moves the rows to the kept contact) and
``recorded_by_id`` becoming NULL (the recording user was deleted; the name stays in
``recorded_by_label``). One implementation per engine, the same behaviour (tested on both)."""

from django.db import migrations

TABLE = "privacy_consententry"
CONTENT = (
    "id, purpose_id, channel, status, lawful_basis, source, evidence, wording, "
    "wording_language, double_opt_in, confirms_id, actor_kind, recorded_by_label, recorded_at"
)
MESSAGE = "the consent ledger is append-only"

SQLITE = [
    f"""CREATE TRIGGER privacy_consent_no_update BEFORE UPDATE OF {CONTENT} ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER privacy_consent_no_reattribution BEFORE UPDATE OF recorded_by_id
    ON {TABLE} WHEN NEW.recorded_by_id IS NOT NULL
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER privacy_consent_no_delete BEFORE DELETE ON {TABLE}
    WHEN EXISTS (SELECT 1 FROM people_contact WHERE id = OLD.contact_id)
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS privacy_consent_no_update",
    "DROP TRIGGER IF EXISTS privacy_consent_no_reattribution",
    "DROP TRIGGER IF EXISTS privacy_consent_no_delete",
]

_OLD = ", ".join(f"OLD.{c.strip()}" for c in CONTENT.split(","))
_NEW = ", ".join(f"NEW.{c.strip()}" for c in CONTENT.split(","))
POSTGRESQL = [
    f"""CREATE FUNCTION privacy_consent_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            IF EXISTS (SELECT 1 FROM people_contact WHERE id = OLD.contact_id) THEN
                RAISE EXCEPTION '{MESSAGE}';
            END IF;
            RETURN OLD;
        END IF;
        IF ROW({_NEW}) IS DISTINCT FROM ROW({_OLD})
           OR (NEW.recorded_by_id IS NOT NULL
               AND NEW.recorded_by_id IS DISTINCT FROM OLD.recorded_by_id) THEN
            RAISE EXCEPTION '{MESSAGE}';
        END IF;
        RETURN NEW;
    END $$""",
    f"""CREATE TRIGGER privacy_consent_guard BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION privacy_consent_guard()""",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS privacy_consent_guard ON {TABLE}",
    "DROP FUNCTION IF EXISTS privacy_consent_guard()",
]
STATEMENTS = {"sqlite": (SQLITE, SQLITE_REVERSE), "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE)}


def _run(schema_editor, index: int) -> None:
    # Other engines get no guard (the services still never update or delete).
    for statement in STATEMENTS.get(schema_editor.connection.vendor, ([], []))[index]:
        schema_editor.execute(statement)


def install(apps, schema_editor):
    _run(schema_editor, 0)


def remove(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_seed_purposes"), ("people", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
