"""The issue's example end to end: marketing email to a Polish contact is refused without an
opt-in, still refused while the double opt-in waits, allowed after the person follows the
link that a real SMTP server received."""

import re

import pytest
from django.core import signing
from django.utils import translation
from django.utils.translation import gettext

from amity.core.errors import DomainError
from amity.privacy import services
from amity.privacy.decisions import may_contact
from amity.privacy.models import ConsentEntry, DoubleOptIn, Status


def _link(message) -> str:
    body = message.get_content()
    return re.search(r"http://\S+/consent/confirm/(\S+)/", body).group(0)


def _request(**fields):
    """Ask for double opt-in, running what waits for the commit (the queued mail)."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.double_opt_in_request(**fields)


def test_polish_marketing_email_needs_a_confirmed_opt_in(anna, agent, smtp_inbox, client):
    refused = may_contact(anna, "marketing-email", "email")
    assert refused.allowed is False
    assert refused.code == "no_consent"
    assert refused.regime.code == "PL"
    assert refused.reason == (
        "No opt-in recorded: under Poland (GDPR/RODO and Polish telecommunications law), "
        "Marketing by email (Email) needs the person's prior consent (RODO, Prawo "
        "telekomunikacyjne art. 172 (now Prawo komunikacji elektronicznej), ustawa o "
        "świadczeniu usług drogą elektroniczną art. 10)."
    )

    pending, token = _request(
        actor=agent,
        contact=anna,
        purpose="marketing-email",
        channel="email",
        source="form",
        evidence="Formularz na stronie /newsletter, IP 203.0.113.7",
        wording="Chcę otrzymywać newsletter e-mailem.",
        wording_language="pl",
    )
    waiting = may_contact(anna, "marketing-email", "email")
    assert waiting.allowed is False
    assert waiting.code == "awaiting_confirmation"
    assert waiting.entry == pending
    assert pending.double_opt_in == DoubleOptIn.PENDING

    # The immediate task backend sent the mail through the local SMTP server, in Polish.
    assert len(smtp_inbox.messages) == 1
    assert smtp_inbox.messages[0]["to"] == ["anna.wisniewska@example.pl"]
    message = smtp_inbox.messages[0]["message"]
    with translation.override("pl"):
        subject = gettext("Please confirm: %(purpose)s") % {"purpose": "Marketing e-mailowy"}
    assert message["Subject"] == subject
    link = _link(message)
    assert link.endswith(f"/consent/confirm/{token}/")
    assert "Chcę otrzymywać newsletter e-mailem." in message.get_content()

    path = link.split("8000", 1)[1]
    shown = client.get(path)
    assert shown.status_code == 200
    assert shown["Content-Language"] == "pl"
    assert "Marketing e-mailowy" in shown.content.decode()
    assert may_contact(anna, "marketing-email", "email").allowed is False  # GET confirms nothing

    confirmed = client.post(path)
    assert confirmed.status_code == 200
    allowed = may_contact(anna, "marketing-email", "email")
    assert allowed.allowed is True
    assert allowed.code == "consent"
    assert allowed.entry.double_opt_in == DoubleOptIn.CONFIRMED
    assert allowed.entry.confirms_id == pending.pk
    ledger = ConsentEntry.objects.filter(contact=anna).values_list("double_opt_in", flat=True)
    assert list(ledger) == [DoubleOptIn.CONFIRMED, DoubleOptIn.PENDING]


def test_following_the_link_twice_writes_one_confirmation(anna, agent, smtp_inbox):
    _pending, token = services.double_opt_in_request(
        actor=agent, contact=anna, purpose="marketing-email", channel="email", source="form"
    )

    first = services.double_opt_in_confirm(token=token)
    again = services.double_opt_in_confirm(token=token)

    assert first == again
    assert ConsentEntry.objects.filter(contact=anna).count() == 2


def test_a_withdrawal_after_the_link_was_sent_makes_the_link_stale(anna, agent, smtp_inbox):
    _pending, token = services.double_opt_in_request(
        actor=agent, contact=anna, purpose="marketing-email", channel="email", source="form"
    )
    services.consent_record(
        actor=agent,
        contact=anna,
        purpose="marketing-email",
        channel="email",
        status=Status.WITHDRAWN,
        source="call",
    )

    with pytest.raises(DomainError) as refused:
        services.double_opt_in_confirm(token=token)

    assert refused.value.code == "superseded"
    assert ConsentEntry.objects.filter(contact=anna).count() == 2
    assert may_contact(anna, "marketing-email", "email").code == "withdrawn"


def test_a_damaged_or_forged_link_is_refused_and_writes_nothing(anna, client):
    forged = signing.dumps({"entry": 1}, salt="another salt")

    for token in ["not-a-token", forged]:
        response = client.post(f"/consent/confirm/{token}/")
        assert response.status_code == 400
        assert "not valid" in response.content.decode()
    assert ConsentEntry.objects.count() == 0


def test_double_opt_in_needs_an_email_address(agent, db):
    from factories import make_contact

    walk_in = make_contact(given_name="Łukasz", family_name="Zieliński", country="PL")

    with pytest.raises(DomainError) as refused:
        services.double_opt_in_request(
            actor=agent, contact=walk_in, purpose="marketing-email", channel="email", source="form"
        )

    assert refused.value.code == "no_email"
    assert ConsentEntry.objects.count() == 0


def test_the_confirmation_mail_speaks_thai_to_a_thai_contact(somchai, agent, smtp_inbox):
    _request(actor=agent, contact=somchai, purpose="marketing-sms", channel="sms", source="call")

    message = smtp_inbox.messages[0]["message"]
    with translation.override("th"):
        subject = gettext("Please confirm: %(purpose)s") % {"purpose": "การตลาดทาง SMS"}
    assert message["Subject"] == subject
    assert smtp_inbox.messages[0]["to"] == ["somchai@example.co.th"]


def test_the_link_opened_again_after_confirming_says_so(anna, agent, smtp_inbox, client):
    _pending, token = _request(
        actor=agent, contact=anna, purpose="marketing-email", channel="email", source="form"
    )
    client.post(f"/consent/confirm/{token}/")

    again = client.get(f"/consent/confirm/{token}/").content.decode()

    with translation.override("pl"):
        thanks = gettext("Thank you. Your consent to %(purpose)s (%(channel)s) is confirmed.") % {
            "purpose": "Marketing e-mailowy",
            "channel": gettext("Email"),
        }
    assert thanks in again
    assert ConsentEntry.objects.filter(contact=anna).count() == 2


def test_no_confirmation_link_goes_to_a_do_not_contact_person(agent, db, smtp_inbox):
    from factories import make_contact

    contact = make_contact(
        given_name="ليلى", family_name="الحربي", country="SA", do_not_contact=True,
        emails=["layla@example.sa"],
    )  # fmt: skip

    with pytest.raises(DomainError) as refused:
        _request(actor=agent, contact=contact, purpose="surveys", channel="email", source="form")

    assert refused.value.code == "do_not_contact"
    assert smtp_inbox.messages == []
    assert ConsentEntry.objects.count() == 0
