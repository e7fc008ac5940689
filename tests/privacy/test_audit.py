"""The audit trail: every read, change, export and merge of personal data leaves one chained
entry with no personal data in it; `audit_verify` finds a changed, removed or reordered row,
even when the database guard was dropped first; erasing a person leaves the chain whole."""

import json

import pytest
from django.db import DatabaseError, connection, transaction

from amity.people import services as people_services
from amity.people.contracts import ContactData
from amity.people.merging import contacts_merge
from amity.people.models import Contact, ContactEmail, ContactPhone
from amity.privacy import audit
from amity.privacy.models import AuditEntry
from factories import make_contact

NAMES_AND_ADDRESSES = [
    "Anna", "Wiśniewska", "anna.wisniewska@example.pl", "48601234567",
    "สมชาย", "ใจดี", "somchai@example.co.th",
    "太郎", "山田", "taro.yamada@example.jp",
    "ليلى", "الحربي", "layla@example.sa",
]  # fmt: skip


def _rows() -> list[AuditEntry]:
    return list(AuditEntry.objects.order_by("sequence"))


def _raw(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _drop_guard() -> None:
    """What someone with database access could do before editing rows (rolled back with the
    test's transaction)."""
    if connection.vendor == "sqlite":
        _raw("DROP TRIGGER privacy_audit_no_update")
        _raw("DROP TRIGGER privacy_audit_no_delete")
    else:
        _raw("ALTER TABLE privacy_auditentry DISABLE TRIGGER privacy_audit_guard")


def _everything_as_text() -> str:
    return json.dumps(
        list(AuditEntry.objects.order_by("sequence").values()), default=str, ensure_ascii=False
    )


def test_creating_viewing_changing_merging_leaves_a_chain(anna, somchai, admin_user):
    somchai_id = somchai.pk
    people_services.contact_update(
        actor=admin_user,
        contact=anna,
        data=ContactData(given_name="Anna", family_name="Nowak", country="PL"),
        fields={"family_name"},
    )
    contacts_merge(actor=admin_user, keep=anna, merge=somchai)

    rows = _rows()
    assert [(r.sequence, r.action, r.subject_kind, r.subject_id) for r in rows] == [
        (1, "created", "contact", anna.pk),
        (2, "created", "contact", somchai_id),
        (3, "changed", "contact", anna.pk),
        (4, "merged", "contact", anna.pk),
    ]
    assert (rows[0].actor, rows[0].channel) == ("test", "system")
    assert (rows[2].actor, rows[2].channel) == (f"user:{admin_user.pk}", "ui")
    assert rows[2].details == {"fields": ["family_name"]}
    assert rows[3].details == {"merged_id": somchai_id}
    assert rows[0].prev_hash == audit.GENESIS
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]
    result = audit.audit_verify()
    assert (result.ok, result.verified, result.head) == (True, 4, rows[-1].hash)
    assert result.message == "4 entries verified; the chain is intact."


def test_a_failed_write_leaves_no_entry(anna, admin_user):
    before, anna_id = AuditEntry.objects.count(), anna.pk

    def delete_then_fail():
        with transaction.atomic():
            people_services.contact_delete(actor=admin_user, contact=anna)
            raise RuntimeError("the caller's transaction fails after the write")

    with pytest.raises(RuntimeError):
        delete_then_fail()

    assert AuditEntry.objects.count() == before
    assert Contact.objects.filter(pk=anna_id).exists()


def test_entries_hold_no_personal_data(anna, somchai, taro, layla, admin_user):
    contacts_merge(actor=admin_user, keep=anna, merge=layla)  # the event keeps the merged name
    people_services.contact_delete(actor=admin_user, contact=taro)  # and the deleted id only
    audit.audit_append(
        action="exported", actor=admin_user, channel="ui", subject_kind="contacts",
        details={"format": "csv", "note": "Anna Wiśniewska", "count": 2,
                 "fields": ["given_name", "anna.wisniewska@example.pl"]},
    )  # fmt: skip

    text = _everything_as_text()

    assert [name for name in NAMES_AND_ADDRESSES if name in text] == []
    exported = AuditEntry.objects.get(action="exported")
    assert exported.details == {"count": 2, "fields": ["given_name"], "format": "csv"}


def test_erasing_a_person_leaves_nothing_of_them_and_the_chain_verifies(
    anna, taro, api_as, admin_user
):
    api_as_admin = api_as(admin_user)
    assert api_as_admin.get(f"/contacts/{anna.pk}").status_code == 200
    assert api_as_admin.get(f"/contacts/{taro.pk}").status_code == 200

    # Stands in for the erasure service (issue 5): personal fields blanked in place.
    Contact.objects.filter(pk=anna.pk).update(
        given_name="", family_name="", full_name="", sort_name="", preferred_name=""
    )
    ContactEmail.objects.filter(contact=anna).delete()
    ContactPhone.objects.filter(contact=anna).delete()
    audit.audit_append(action="erased", subject_kind="contact", subject_id=anna.pk)

    text = _everything_as_text()
    assert [s for s in ("Anna", "Wiśniewska", "anna.wisniewska", "601234567") if s in text] == []
    assert audit.audit_entries(audit.AuditFilters("contact", anna.pk)).count() == 3
    assert audit.audit_verify().ok


def test_the_database_refuses_updates_and_deletes(anna):
    entry = AuditEntry.objects.order_by("sequence").first()
    make_contact(given_name="Marta", family_name="Kowalska", country="PL")
    second = AuditEntry.objects.get(sequence=2)

    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="viewed")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=second.pk).delete()

    assert [(r.sequence, r.action) for r in _rows()] == [(1, "created"), (2, "created")]
    assert audit.audit_verify().ok


@pytest.fixture
def chain(anna, somchai, taro, layla):
    """Four entries, one per contact created (Polish, Thai, Japanese, Arabic)."""
    assert AuditEntry.objects.count() == 4
    return _rows()


def test_a_changed_row_is_found_even_without_the_guard(chain):
    _drop_guard()
    _raw("UPDATE privacy_auditentry SET subject_id = %s WHERE sequence = 2", [999])

    result = audit.audit_verify()

    assert (result.ok, result.broken_at, result.verified) == (False, 2, 1)
    assert result.message == "Entry 2 was changed after it was written."


def test_a_changed_row_with_a_recomputed_hash_breaks_the_next_link(chain):
    _drop_guard()
    row = chain[1]
    forged = audit.entry_digest(
        sequence=2, occurred_at=row.occurred_at, actor=row.actor, channel=row.channel,
        action="viewed", subject_kind=row.subject_kind, subject_id=row.subject_id,
        details=row.details, prev_hash=row.prev_hash,
    )  # fmt: skip
    _raw("UPDATE privacy_auditentry SET action = 'viewed', hash = %s WHERE sequence = 2", [forged])

    result = audit.audit_verify()

    assert (result.ok, result.broken_at) == (False, 3)
    assert result.message == (
        "Entry 3 does not link to the entry before it (removed or reordered)."
    )


def test_a_deleted_row_is_found(chain):
    _drop_guard()
    _raw("DELETE FROM privacy_auditentry WHERE sequence = 3")

    result = audit.audit_verify()

    assert (result.ok, result.broken_at, result.verified) == (False, 3, 2)
    assert result.message == "Entry 3 is missing (the next one is 4)."


def test_a_deleted_row_renumbered_away_is_found(chain):
    _drop_guard()
    _raw("DELETE FROM privacy_auditentry WHERE sequence = 3")
    _raw("UPDATE privacy_auditentry SET sequence = 3 WHERE sequence = 4")

    result = audit.audit_verify()

    assert (result.ok, result.broken_at) == (False, 3)


def test_reordered_rows_are_found(chain):
    _drop_guard()
    _raw("UPDATE privacy_auditentry SET sequence = 1000 WHERE sequence = 2")
    _raw("UPDATE privacy_auditentry SET sequence = 2 WHERE sequence = 3")
    _raw("UPDATE privacy_auditentry SET sequence = 3 WHERE sequence = 1000")

    result = audit.audit_verify()

    assert (result.ok, result.broken_at) == (False, 2)
    assert "does not link" in result.message


def test_a_lost_start_is_found(chain):
    _drop_guard()
    _raw("DELETE FROM privacy_auditentry WHERE sequence = 1")

    result = audit.audit_verify()

    assert (result.ok, result.broken_at, result.verified) == (False, 1, 0)
    assert result.message == "Entry 1 is missing (the next one is 2)."


def test_an_empty_trail_verifies(db):
    result = audit.audit_verify()

    assert (result.ok, result.verified, result.head) == (True, 0, audit.GENESIS)


def test_verification_reads_in_batches(anna, monkeypatch):
    monkeypatch.setattr(audit, "VERIFY_BATCH", 2)
    for _ in range(4):
        audit.audit_append(action="viewed", subject_kind="contact", subject_id=anna.pk)

    assert audit.audit_verify().verified == 5


def test_search_by_record_actor_action_and_period(anna, somchai, admin_user):
    audit.audit_append(
        action="viewed", actor=admin_user, channel="ui", subject_kind="contact",
        subject_id=somchai.pk,
    )  # fmt: skip
    newest = AuditEntry.objects.order_by("-sequence").first()

    def found(**filters):
        return [e.sequence for e in audit.audit_page(audit.AuditFilters(**filters)).items]

    assert found(subject_kind="contact", subject_id=somchai.pk) == [3, 2]
    assert found(actor=f"user:{admin_user.pk}") == [3]
    assert found(action="created") == [2, 1]
    assert found(since=newest.occurred_at) == [3]
    assert found(until=newest.occurred_at) == [2, 1]


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain():
    """Four threads, each with its own connection, append at once: no number is taken twice,
    none is skipped, and every link holds."""
    if connection.vendor == "sqlite":
        # The SQLite test database is in memory with a shared cache, where a second writer
        # gets "table is locked" at once instead of waiting as on a file (WAL, busy timeout).
        pytest.skip("SQLite's in-memory test database does not wait for a writer's lock")
    from threading import Barrier, Thread

    from django.db import connections

    barrier, failures = Barrier(4), []

    def writer(index: int) -> None:
        try:
            barrier.wait()
            for _ in range(10):
                with transaction.atomic():
                    audit.audit_append(action="viewed", subject_kind="contact", subject_id=index)
        except Exception as error:
            failures.append(error)
        finally:
            connections.close_all()

    threads = [Thread(target=writer, args=(i + 1,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True)) == (
        list(range(1, 41))
    )
    assert audit.audit_verify().verified == 40
