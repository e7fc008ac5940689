"""Erasure through the service, the API and the command line: no row of any table (SQLite or
PostgreSQL) mentions the person afterwards, the stub still counts by country, the audit trail
verifies and holds an 'erased' entry without personal data."""

import json
from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from amity.core.permissions import Role
from amity.interactions.models import Interaction
from amity.people.models import Contact
from amity.people.segments import contacts_for_rules
from amity.privacy.audit import audit_verify
from amity.privacy.erasure import person_erase
from amity.privacy.models import AuditEntry, ConsentEntry, DataSubjectRequest
from factories import UserFactory, make_contact
from privacy import erasure_scenario as scenario
from privacy.erasure_checks import rows_mentioning

POLISH = {"match": "all", "rules": [{"field": "country", "op": "in", "value": ["PL"]}]}


def _assert_erased(ids: dict) -> None:
    assert rows_mentioning(scenario.NEEDLES) == {}
    stub = Contact.objects.get(pk=ids["person"])
    assert (stub.given_name, stub.family_name, stub.country, stub.languages) == (
        "",
        "",
        "PL",
        ["pl"],
    )
    assert stub.full_name == f"#{stub.pk}"
    assert stub.do_not_contact is True
    assert (stub.custom, stub.external_id) == ({}, None)
    assert (stub.created_at.day, stub.created_at.hour) == (1, 0)
    assert list(contacts_for_rules(POLISH).values_list("pk", flat=True)) == [stub.pk]
    # Her own call keeps its channel, direction and time, not its words.
    call = Interaction.objects.get(channel="phone")
    assert (call.subject, call.body, call.direction) == ("", "", "inbound")
    assert list(call.contacts.values_list("pk", flat=True)) == [stub.pk]
    # The meeting with a colleague keeps the colleague and the rest of the text.
    meeting = Interaction.objects.get(channel="meeting")
    assert list(meeting.contacts.values_list("pk", flat=True)) == [ids["colleague"]]
    assert meeting.subject == "Spotkanie: […] […] i สมชาย"
    assert meeting.body == f"{scenario.SHARED_TEXT}; […] ([…]) potwierdzi."
    # The consent fact stays, without its free text.
    entry = ConsentEntry.objects.get(contact_id=stub.pk)
    assert (entry.status, entry.source, entry.evidence, entry.wording) == (
        "granted",
        "paper",
        "",
        "",
    )
    verification = audit_verify()
    assert verification.ok, verification
    erased = AuditEntry.objects.get(action="erased")
    assert (erased.subject_kind, erased.subject_id) == ("contact", stub.pk)
    assert set(erased.details) <= {"count", "kind"}
    request = DataSubjectRequest.objects.get(contact_id=stub.pk, kind="erasure")
    assert request.status == "done"
    assert request.completed_at is not None


def test_erasure_through_the_service_leaves_no_row_mentioning_her(db):
    ids = scenario.seed()
    assert set(rows_mentioning(scenario.NEEDLES)) >= {"people_contact", "privacy_consententry"}
    manager = UserFactory(username="ewa", role=Role.MANAGER)

    person_erase(contact=Contact.objects.get(pk=ids["person"]), actor=manager, reason="request")

    _assert_erased(ids)


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="PostgreSQL only",
)
# Committed for real (VACUUM runs after the commit). No serialized rollback: restoring the
# serialized rows after an earlier transactional test's flush duplicates the content types.
@pytest.mark.django_db(transaction=True)
def test_postgresql_vacuums_the_touched_tables_after_the_commit():
    # SQLite's counterpart (checkpoint, raw bytes of the file and the WAL) runs on a real data
    # directory in test_erasure_sqlite_file.py; SQLite's test flush would trip the ledger guard.
    # An earlier transactional test's flush emptied the purposes the migration seeded.
    import_module("amity.privacy.migrations.0002_seed_purposes").seed(apps, None)
    ids = scenario.seed()

    person_erase(contact=Contact.objects.get(pk=ids["person"]), reason="request")

    _assert_erased(ids)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL"
            " AND relname IN ('people_contact', 'privacy_consententry',"
            " 'interactions_interaction', 'core_searchentry')"
        )
        vacuumed = sorted(row[0] for row in cursor.fetchall())
    assert vacuumed == [
        "core_searchentry",
        "interactions_interaction",
        "people_contact",
        "privacy_consententry",
    ]


def test_erasure_through_the_api(db, api_as):
    ids = scenario.seed()
    manager = UserFactory(username="ewa", role=Role.MANAGER)

    response = api_as(manager).post(f"/contacts/{ids['person']}/erase")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["contact_id"] == ids["person"]
    assert body["counts"]["interactions"] == 2
    _assert_erased(ids)


def test_erasure_through_the_command_line(db, capsys):
    ids = scenario.seed()

    call_command("privacy", "erase", scenario.EMAIL, "--yes", "--json")

    out = json.loads(capsys.readouterr().out)
    assert out["contact_id"] == ids["person"]
    assert out["counts"]["consents"] == 1
    _assert_erased(ids)


def test_agents_may_not_erase_and_a_refused_erasure_changes_nothing(db, api_as):
    ids = scenario.seed()
    agent = UserFactory(username="somchai", role=Role.AGENT)

    response = api_as(agent).post(f"/contacts/{ids['person']}/erase")

    assert response.status_code == 403
    assert Contact.objects.get(pk=ids["person"]).given_name == scenario.NAME[0]
    assert not DataSubjectRequest.objects.exists()
    assert not AuditEntry.objects.filter(action="erased").exists()


def test_a_second_erasure_is_refused(db, api_as):
    ids = scenario.seed()
    manager = UserFactory(username="ewa", role=Role.MANAGER)
    assert api_as(manager).post(f"/contacts/{ids['person']}/erase").status_code == 200

    again = api_as(manager).post(f"/contacts/{ids['person']}/erase")

    assert again.status_code == 409
    assert again.json()["code"] == "already_erased"


def test_the_ledger_still_refuses_edits_of_a_contact_not_erased(db):
    contact = make_contact(given_name="Anna", family_name="Nowak", country="PL")
    from amity.privacy.services import consent_record

    consent_record(
        actor=None,
        contact=contact,
        purpose="marketing-email",
        channel="email",
        status="granted",
        source="form",
        evidence="formularz na stronie",
        actor_kind="system",
    )
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ConsentEntry.objects.filter(contact_id=contact.pk).update(evidence="", wording="")
    assert ConsentEntry.objects.get(contact_id=contact.pk).evidence == "formularz na stronie"


def test_a_namesake_keeps_her_own_data(db):
    ids = scenario.seed()
    from amity.people.merging import contacts_merge
    from amity.people.models import PeopleEvent

    namesake = make_contact(given_name=scenario.NAME[0], family_name="Kowalska", country="PL")
    twin = make_contact(given_name=scenario.NAME[0], family_name="Kowalska", country="PL")
    contacts_merge(actor=None, keep=namesake, merge=twin, actor_label="test")

    person_erase(contact=Contact.objects.get(pk=ids["person"]), reason="request")

    merged = PeopleEvent.objects.get(type="contact.merged", contact_id=namesake.pk)
    assert scenario.NAME[0] in json.dumps(merged.data, ensure_ascii=False)
    assert Contact.objects.get(pk=namesake.pk).full_name == f"{scenario.NAME[0]} Kowalska"


def test_import_files_reports_and_task_payloads_lose_her(db, settings, tmp_path):
    from django.core.files.base import ContentFile
    from django_tasks_db.models import DBTaskResult

    from amity.people.models import ImportJob

    settings.MEDIA_ROOT = str(tmp_path)
    ids = scenario.seed()
    rows = (
        "given_name,family_name,email\r\n"
        f"{scenario.NAME[0]},{scenario.NAME[1]},{scenario.EMAIL}\r\n"
        "Jan,Kowalski,jan.kowalski@example.pl\r\n"
    )
    job = ImportJob(kind="contacts", status="done", original_name="klienci.csv")
    job.report = {"rejections": [{"line": 2, "reason": f"duplicate of {scenario.EMAIL}"}]}
    job.file.save("klienci.csv", ContentFile(rows.encode()), save=False)
    job.rejects_file.save("klienci.rejects.csv", ContentFile(rows.encode()), save=False)
    job.save()
    DBTaskResult.objects.create(
        task_path="amity.people.importing.tasks.import_run",
        args_kwargs={"args": [], "kwargs": {"email": scenario.EMAIL, "job_id": job.pk}},
        queue_name="default",
        backend_name="default",
        status="SUCCESSFUL",
        run_after=job.created_at,
        exception_class_path="",
        traceback="",
        worker_ids=[],
    )

    erasure = person_erase(contact=Contact.objects.get(pk=ids["person"]), reason="request")

    job.refresh_from_db()
    expected = "given_name,family_name,email\r\nJan,Kowalski,jan.kowalski@example.pl\r\n"
    for stored in (job.file, job.rejects_file):
        with open(stored.path, encoding="utf-8", newline="") as handle:
            assert handle.read() == expected
    assert job.report == {"rejections": [{"line": 2, "reason": "duplicate of […]"}]}
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["kwargs"] == {"email": "[…]", "job_id": job.pk}
    assert (erasure.counts["imports"], erasure.counts["tasks"]) == (3, 1)


def test_a_shared_confidential_summary_is_redacted_inside_its_encryption(db, tmp_path, monkeypatch):
    monkeypatch.setenv("AMITY_DATA_DIR", str(tmp_path))  # a key of this test's own
    monkeypatch.delenv("AMITY_ENCRYPTION_KEYS", raising=False)
    from amity.interactions.confidential import body_open
    from amity.interactions.contracts import InteractionData
    from amity.interactions.services import interaction_log

    ids = scenario.seed()
    secret = interaction_log(
        actor=None,
        data=InteractionData(
            channel="email",
            occurred_at=Interaction.objects.get(channel="meeting").occurred_at,
            body=f"Skarga od {scenario.EMAIL}: poufne.",
            contact_ids=(ids["person"], ids["colleague"]),
            confidential=True,
        ),
    )
    assert scenario.EMAIL not in Interaction.objects.get(pk=secret.pk).body  # stored sealed

    person_erase(contact=Contact.objects.get(pk=ids["person"]), reason="request")

    sealed = Interaction.objects.get(pk=secret.pk)
    assert sealed.confidential is True
    assert body_open(sealed) == "Skarga od […]: poufne."
