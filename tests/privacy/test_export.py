"""A person's export (service, API, CLI): everything held about them as JSON, the summary in
their language, logged as a done request and in the audit trail; and the request log's due
dates per regime."""

import datetime
import json

import pytest
from django.core.management import call_command

from amity.core.permissions import Role
from amity.privacy import requests
from amity.privacy.exporting import person_export
from amity.privacy.models import AuditEntry, DataSubjectRequest
from factories import UserFactory, make_contact
from privacy import erasure_scenario as scenario

# The token and its user, the requests with their handlers (one join).
QUERIES_TO_LIST = 2
RECEIVED = datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.UTC)


def test_the_export_holds_everything_and_speaks_her_language(db):
    ids = scenario.seed()
    from amity.people.models import Contact

    person = Contact.objects.get(pk=ids["person"])

    export = person_export(contact=person, channel="cli", actor_label="cli")

    data = export.data
    assert data["contact"]["given_name"] == scenario.NAME[0]
    assert data["contact"]["custom"] == {"tea": scenario.CUSTOM_TEXT}
    assert [e["address"] for e in data["emails"]] == [scenario.EMAIL, scenario.MERGED_EMAIL]
    assert [p["number"] for p in data["phones"]] == ["+48601987654"]
    assert [c["evidence"] for c in data["consents"]] == [
        f"Formularz podpisany: {scenario.NAME[0]} {scenario.NAME[1]}, {scenario.EVIDENCE}"
    ]
    assert [g["note"] for g in data["guidance_preferences"]] == [scenario.GUIDANCE_NOTE]
    assert [i["channel"] for i in data["interactions"]] == ["phone", "meeting"]
    assert data["interactions"][1]["other_participant_ids"] == [ids["colleague"]]
    assert {e["type"] for e in data["events"]} >= {"contact.created", "contact.merged"}
    assert json.loads(json.dumps(data)) == data  # plain JSON all the way down
    # Polish summary, escaped text.
    assert export.language == "pl"
    assert '<html lang="pl">' in export.html
    assert scenario.CUSTOM_TEXT in export.html
    logged = DataSubjectRequest.objects.get(contact_id=person.pk)
    assert (logged.kind, logged.status, logged.regime) == ("export", "done", "PL")
    entry = AuditEntry.objects.get(action="exported", subject_id=person.pk)
    assert (entry.channel, entry.details) == ("cli", {"format": "json", "kind": "person"})


def test_the_api_export_and_its_html_summary(db, api_as):
    somchai = make_contact(
        given_name="สมชาย",
        family_name="ใจดี",
        country="TH",
        languages=["th"],
        emails=["s@example.co.th"],
    )
    agent = UserFactory(username="somchai", role=Role.AGENT)

    response = api_as(agent).get(f"/contacts/{somchai.pk}/export")
    html = api_as(agent).get(f"/contacts/{somchai.pk}/export?format=html")

    assert response.status_code == 200
    assert response.json()["contact"]["full_name"] == somchai.full_name
    assert html.status_code == 200
    assert html["Content-Type"] == "text/html; charset=utf-8"
    assert '<html lang="th">' in html.content.decode()
    assert DataSubjectRequest.objects.filter(contact_id=somchai.pk, kind="export").count() == 2


def test_the_cli_export_writes_both_files(db, tmp_path, capsys):
    taro = make_contact(
        given_name="太郎",
        family_name="山田",
        country="JP",
        languages=["ja"],
        emails=["taro.yamada@example.jp"],
    )

    folder = tmp_path / "requests" / "taro"  # not there yet: the export creates it
    call_command("privacy", "export", "taro.yamada@example.jp", "--output", str(folder), "--json")

    out = json.loads(capsys.readouterr().out)
    written = json.loads((folder / f"contact-{taro.pk}.json").read_text(encoding="utf-8"))
    assert written["contact"]["family_name"] == "山田"
    # Japanese is not an interface language: the summary is in English.
    assert out["language"] == "en"
    assert '<html lang="en">' in (folder / f"contact-{taro.pk}.html").read_text()


@pytest.mark.parametrize(
    ("country", "regime", "days"),
    [
        ("PL", "PL", 30),
        ("TH", "TH", 30),
        ("BR", "BR", 15),
        ("JP", "JP", 14),
        ("SA", "STRICTEST", 30),
    ],
)
def test_due_dates_follow_the_persons_regime(db, country, regime, days):
    contact = make_contact(given_name="ليلى", family_name="الحربي", country=country)

    logged = requests.request_log(contact=contact, kind="access", received_at=RECEIVED)

    assert logged.regime == regime
    assert logged.due_at == RECEIVED + datetime.timedelta(days=days)


def test_requests_list_marks_overdue_and_refusals_need_a_reason(
    db, api_as, django_assert_num_queries
):
    contact = make_contact(given_name="Anna", family_name="Nowak", country="PL")
    manager = UserFactory(username="ewa", role=Role.MANAGER)
    client = api_as(manager)
    old = client.post(
        "/privacy/requests",
        {"contact_id": contact.pk, "kind": "access", "received_at": "2020-01-02T08:00:00Z"},
    )
    new = client.post("/privacy/requests", {"contact_id": contact.pk, "kind": "objection"})
    assert (old.status_code, new.status_code) == (201, 201)

    with django_assert_num_queries(QUERIES_TO_LIST):
        listed = client.get("/privacy/requests?open=true").json()
    refused = client.patch(f"/privacy/requests/{new.json()['id']}", {"status": "refused"})
    closed = client.patch(
        f"/privacy/requests/{new.json()['id']}",
        {"status": "refused", "reason": "Brak podstawy prawnej do sprzeciwu."},
    )

    assert [(r["kind"], r["due_at"], r["overdue"]) for r in listed][:1] == [
        ("access", "2020-02-01T08:00:00Z", True)
    ]
    assert listed[1]["overdue"] is False
    assert (refused.status_code, refused.json()["code"]) == (422, "invalid")
    assert closed.json()["status"] == "refused"
    assert closed.json()["handled_by"] == "ewa"
    bad = client.post("/privacy/requests", {"contact_id": contact.pk, "kind": "deletion"})
    assert bad.status_code == 422
