"""``amity privacy may-contact|consent`` as scripts call them (through call_command, the
same parser and handler the ``amity`` entry point runs)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from amity.privacy.models import ConsentEntry


def run(*args) -> str:
    out = StringIO()
    call_command("privacy", *args, stdout=out)
    return out.getvalue()


def test_may_contact_answers_no_with_its_reason_and_exit_zero(anna):
    answer = json.loads(
        run("may-contact", "anna.wisniewska@example.pl", "--purpose", "marketing-email", "--json")
    )

    assert answer["allowed"] is False
    assert answer["code"] == "no_consent"
    assert answer["regime"] == "PL"
    assert answer["rule"] == "opt_in"
    assert answer["double_opt_in"] is True
    assert "No opt-in recorded" in answer["reason"]


def test_consent_by_phone_number_then_may_contact_by_id(somchai):
    printed = run(
        "consent", "+66812345678", "--purpose", "marketing-sms", "--channel", "sms",
        "--grant", "--source", "call", "--evidence", "ลูกค้ายืนยันทางโทรศัพท์",
    )  # fmt: skip
    answer = run("may-contact", str(somchai.pk), "--purpose", "marketing-sms", "--channel", "sms")

    assert printed == "Recorded: สมชาย ใจดี, marketing-sms by sms: Granted.\n"
    assert answer.startswith("allowed: Allowed: สมชาย ใจดี consented to Marketing by SMS (SMS)")
    entry = ConsentEntry.objects.get()
    assert (entry.actor_kind, entry.recorded_by_label, entry.evidence) == (
        "system",
        "cli",
        "ลูกค้ายืนยันทางโทรศัพท์",
    )


def test_consent_json_for_scripts(taro):
    record = json.loads(
        run(
            "consent",
            "taro.yamada@example.jp",
            "--purpose",
            "surveys",
            "--channel",
            "any",
            "--withdraw",
            "--source",
            "email",
            "--json",
        )
    )

    assert {k: record[k] for k in ("contact_id", "purpose", "channel", "status", "source")} == {
        "contact_id": taro.pk,
        "purpose": "surveys",
        "channel": "any",
        "status": "withdrawn",
        "source": "email",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["may-contact", "nobody@example.com", "--purpose", "surveys"], "No contact is named"),
        (
            ["may-contact", "layla@example.sa", "--purpose", "newsletter"],
            "No purpose is called newsletter",
        ),
        (
            ["consent", "layla@example.sa", "--purpose", "surveys", "--channel", "fax",
             "--grant", "--source", "form"],
            "fax is not a channel",
        ),
        (
            ["consent", "layla@example.sa", "--purpose", "surveys", "--channel", "any",
             "--grant", "--source", "rumour"],
            "rumour is not a valid source",
        ),
    ],
)  # fmt: skip
def test_requests_that_cannot_be_processed_fail_clearly(layla, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)

    assert ConsentEntry.objects.count() == 0
