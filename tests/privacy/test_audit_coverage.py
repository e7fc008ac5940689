"""Consent recordings (staff, double opt-in, preference centre) and contact imports leave
audit entries with codes and counts only, and the chain still verifies."""

import json

import pytest
from django.test import TestCase

from amity.people.importing.runner import import_file
from amity.privacy import audit, preferences, services
from amity.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


def _entries(action: str) -> list[tuple]:
    return list(
        AuditEntry.objects.filter(action=action)
        .order_by("sequence")
        .values_list("actor", "channel", "subject_kind", "subject_id", "details")
    )


def test_a_consent_recorded_by_staff_is_audited_without_its_evidence(anna, agent):
    services.consent_record(
        actor=agent,
        contact=anna,
        purpose="marketing-sms",
        channel="sms",
        status="granted",
        source="call",
        evidence="Rozmowa telefoniczna z Anną Wiśniewską",
        wording="Zgadzam się na SMS-y.",
        wording_language="pl",
    )

    assert _entries("consent") == [
        (
            f"user:{agent.pk}",
            "ui",
            "contact",
            anna.pk,
            {"purpose": "marketing-sms", "source": "call", "status": "granted"},
        )
    ]
    stored = json.dumps(list(AuditEntry.objects.values()), default=str, ensure_ascii=False)
    for personal in ("Wiśniewsk", "Rozmowa", "SMS-y"):
        assert personal not in stored
    assert audit.audit_verify().ok


def test_double_opt_in_request_and_confirmation_are_both_audited(anna, agent, smtp_inbox):
    with TestCase.captureOnCommitCallbacks(execute=True):
        _pending, token = services.double_opt_in_request(
            actor=agent,
            contact=anna,
            purpose="marketing-email",
            channel="email",
            source="form",
            evidence="Formularz /newsletter",
            wording="Chcę otrzymywać newsletter.",
            wording_language="pl",
        )
    services.double_opt_in_confirm(token=token)
    services.double_opt_in_confirm(token=token)  # a second click writes nothing more

    base = {"purpose": "marketing-email", "status": "granted"}
    assert _entries("consent") == [
        (
            f"user:{agent.pk}",
            "ui",
            "contact",
            anna.pk,
            base | {"source": "form", "double_opt_in": "pending"},
        ),
        (
            "contact",
            "ui",
            "contact",
            anna.pk,
            base | {"source": "double_opt_in", "double_opt_in": "confirmed"},
        ),
    ]


def test_preference_centre_changes_are_audited_as_the_person(somchai, agent):
    services.consent_record(
        actor=agent,
        contact=somchai,
        purpose="surveys",
        channel="email",
        status="granted",
        source="form",
    )

    written = preferences.preferences_unsubscribe_all(contact=somchai, language="th")

    entries = _entries("consent")
    assert written >= 1
    assert len(entries) == 1 + written
    by_person = entries[1:]
    assert {(actor, channel, kind, subject) for actor, channel, kind, subject, _ in by_person} == {
        ("contact", "ui", "contact", somchai.pk)
    }
    assert {"purpose": "surveys", "source": "preference_centre", "status": "withdrawn"} in [
        details for *_, details in by_person
    ]
    assert {details["status"] for *_, details in by_person} == {"withdrawn"}


def test_an_import_run_leaves_one_entry_with_its_counts_and_no_names(tmp_path, admin_user):
    path = tmp_path / "ลูกค้า.csv"
    path.write_text(
        "Given name,Family name,Email,Country\n"
        "สมศรี,รักไทย,somsri@example.co.th,TH\n"
        "Łukasz,Żółkiewski,lukasz@example.pl,PL\n"
        "太郎,山田,taro@example.jp,JP\n"
        "نورة,القحطاني,not-an-address,SA\n",
        encoding="utf-8",
    )

    summary = import_file(path, kind="contacts")
    import_file(path, kind="contacts", actor=admin_user)  # the same file again: no changes

    assert (summary.created, summary.rejected) == (3, 1)
    assert _entries("imported") == [
        (
            "import",
            "cli",
            "contacts",
            None,
            {"created": 3, "failed": 1, "format": "csv", "rows": 4, "skipped": 0, "updated": 0},
        ),
        (
            f"user:{admin_user.pk}",
            "task",
            "contacts",
            None,
            {"created": 0, "failed": 1, "format": "csv", "rows": 4, "skipped": 3, "updated": 0},
        ),
    ]
    stored = json.dumps(list(AuditEntry.objects.values()), default=str, ensure_ascii=False)
    for personal in ("สมศรี", "Żółkiewski", "山田", "somsri@", "ลูกค้า"):
        assert personal not in stored
    assert audit.audit_verify().ok
