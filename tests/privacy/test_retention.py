"""Retention policies with real dates: a dry run counts what a run then does; a regime's policy
covers its own contacts only; reports hold counts, never names."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from amity.core.errors import DomainError
from amity.interactions.contracts import InteractionData
from amity.interactions.models import Interaction
from amity.interactions.services import interaction_log
from amity.people.models import Contact
from amity.privacy.models import Erasure
from amity.privacy.retention import retention_policy_set, retention_run
from factories import make_contact

NOW = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)


def _at(year, month, day):
    return datetime.datetime(year, month, day, 10, 0, tzinfo=datetime.UTC)


def _contact(given, family, country, created):
    contact = make_contact(given_name=given, family_name=family, country=country)
    Contact.objects.filter(pk=contact.pk).update(created_at=created)
    return contact


def _call(contact, when, body):
    return interaction_log(
        actor=None,
        data=InteractionData(
            channel="phone", occurred_at=when, body=body, contact_ids=(contact.pk,)
        ),
    )


@pytest.fixture
def book(db):
    quiet = _contact("Katarzyna", "Lewandowska", "PL", _at(2021, 1, 10))
    _call(quiet, _at(2022, 5, 4), "Rozmowa o fakturze")  # 4.5 years ago
    active = _contact("Piotr", "Zieliński", "PL", _at(2021, 1, 10))
    _call(active, _at(2025, 6, 1), "Nowe zamówienie")
    thai = _contact("สมศรี", "มีสุข", "TH", _at(2020, 2, 1))  # no interaction at all
    old_call = _call(thai, _at(2020, 3, 1), "คุยเรื่องใบแจ้งหนี้")  # 6.7 years ago
    recent_call = _call(thai, _at(2022, 3, 1), "ขอใบเสนอราคาใหม่")
    retention_policy_set(subject="inactive_contacts", regime="PL", years=3)
    retention_policy_set(subject="interaction_text", regime="", years=5)
    return {"quiet": quiet, "active": active, "thai": thai, "old": old_call, "recent": recent_call}


def test_a_dry_run_counts_and_changes_nothing(book):
    report = retention_run(dry_run=True, now=NOW)

    assert [(p.subject, p.regime, p.years, p.affected) for p in report.policies] == [
        ("inactive_contacts", "PL", 3, 1),
        ("interaction_text", "", 5, 1),
    ]
    assert report.policies[0].cutoff == "2023-11-25T12:00:00+00:00"
    assert not Erasure.objects.exists()
    assert Interaction.objects.get(pk=book["old"].pk).body == "คุยเรื่องใบแจ้งหนี้"


def test_a_run_erases_the_inactive_and_redacts_old_text_only(book):
    report = retention_run(dry_run=False, now=NOW)

    assert [p.affected for p in report.policies] == [1, 1]
    assert list(Erasure.objects.values_list("contact_id", flat=True)) == [book["quiet"].pk]
    assert Contact.objects.get(pk=book["quiet"].pk).family_name == ""
    assert Contact.objects.get(pk=book["active"].pk).family_name == "Zieliński"
    # The Thai contact has no interaction for years, but no policy covers Thailand.
    assert Contact.objects.get(pk=book["thai"].pk).family_name == "มีสุข"
    assert Interaction.objects.get(pk=book["old"].pk).body == ""
    assert Interaction.objects.get(pk=book["recent"].pk).body == "ขอใบเสนอราคาใหม่"
    # A second run finds nothing left to do.
    assert [p.affected for p in retention_run(dry_run=True, now=NOW).policies] == [0, 0]


def test_the_command_reports_counts_without_names(book, capsys):
    call_command("privacy", "retention", "--dry-run", "--json")

    out = capsys.readouterr().out
    report = json.loads(out)
    assert report["dry_run"] is True
    assert [p["affected"] for p in report["policies"]] == [1, 1]
    assert "Lewandowska" not in out
    assert not Erasure.objects.exists()


@pytest.mark.parametrize(
    ("subject", "regime", "years", "field"),
    [
        ("inactive_contacts", "XX", 3, "regime"),
        ("inactive_contacts", "EU", 0, "years"),
        ("inactive_contacts", "EU", 101, "years"),
    ],
)
def test_bad_policies_are_refused(db, subject, regime, years, field):
    with pytest.raises(DomainError) as refused:
        retention_policy_set(subject=subject, regime=regime, years=years)
    assert refused.value.field == field


def test_administrators_set_policies_and_run_them_from_the_page(db, admin_user, agent, client):
    # The page runs at the real "now": dates relative to it.
    now = timezone.now()
    somsri = _contact("สมศรี", "มีสุข", "TH", now - datetime.timedelta(days=3650))
    _call(somsri, now - datetime.timedelta(days=6 * 365), "คุยเรื่องใบแจ้งหนี้")
    recent = _contact("สมชาย", "ใจดี", "TH", now - datetime.timedelta(days=3650))
    _call(recent, now - datetime.timedelta(days=30), "ขอใบเสนอราคาใหม่")
    client.force_login(agent)
    assert client.get("/settings/retention/").status_code == 403
    client.force_login(admin_user)

    saved = client.post(
        "/settings/retention/",
        {
            "do": "save",
            "subject": "inactive_contacts",
            "regime": "TH",
            "years": "5",
            "is_active": "on",
        },
    )
    page = client.get("/settings/retention/").content.decode()
    refused = client.post(
        "/settings/retention/",
        {"do": "save", "subject": "inactive_contacts", "regime": "", "years": "0"},
    )
    ran = client.post("/settings/retention/", {"do": "run"})

    assert saved.status_code == 302
    assert page.count('data-affected="1"') == 1
    assert refused.status_code == 200
    assert "Ensure this value is greater than or equal to 1." in refused.content.decode()
    assert ran.status_code == 302
    assert list(Erasure.objects.values_list("contact_id", flat=True)) == [somsri.pk]
