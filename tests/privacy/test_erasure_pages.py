"""The pages: the request log with overdue requests marked, the export download and summary,
and the erasure confirmation (typed name; managers and administrators only)."""

import datetime
import json

import pytest

from amity.people.models import Contact
from amity.privacy import requests
from amity.privacy.models import Erasure
from factories import make_contact
from privacy import erasure_scenario as scenario

# Session, user, and the requests with their handlers in one join (whatever their number).
QUERIES = 3


@pytest.fixture
def person(db):
    return Contact.objects.get(pk=scenario.seed()["person"])


def test_a_manager_erases_after_typing_the_name(person, manager, signed_in):
    client = signed_in(manager)
    page = client.get(f"/contacts/{person.pk}/erase/")
    assert page.status_code == 200

    wrong = client.post(f"/contacts/{person.pk}/erase/", {"name": "Małgorzata Nowak"})
    assert wrong.status_code == 200
    assert not Erasure.objects.exists()
    assert Contact.objects.get(pk=person.pk).family_name == scenario.NAME[1]

    typed = client.post(f"/contacts/{person.pk}/erase/", {"name": f"  {person.full_name.upper()} "})
    assert typed.status_code == 302
    assert Erasure.objects.filter(contact_id=person.pk).exists()
    assert Contact.objects.get(pk=person.pk).family_name == ""


def test_agents_see_no_erase_link_and_may_not_erase(person, agent, signed_in):
    client = signed_in(agent)
    detail = client.get(f"/contacts/{person.pk}/").content.decode()
    assert f"/contacts/{person.pk}/export/" in detail
    assert f"/contacts/{person.pk}/erase/" not in detail

    refused = client.post(f"/contacts/{person.pk}/erase/", {"name": person.full_name})

    assert refused.status_code == 403
    assert not Erasure.objects.exists()


def test_the_export_downloads_json_and_shows_the_polish_summary(person, agent, signed_in):
    client = signed_in(agent)
    download = client.get(f"/contacts/{person.pk}/export/")
    summary = client.get(f"/contacts/{person.pk}/export/?format=html")

    assert download["Content-Disposition"] == f'attachment; filename="contact-{person.pk}.json"'
    assert json.loads(download.content)["contact"]["family_name"] == scenario.NAME[1]
    assert '<html lang="pl">' in summary.content.decode()


def test_the_request_log_marks_overdue_requests(db, manager, signed_in, django_assert_num_queries):
    contact = make_contact(given_name="Anna", family_name="Nowak", country="PL")
    late = requests.request_log(
        contact=contact,
        kind="access",
        received_at=datetime.datetime(2025, 1, 2, 8, 0, tzinfo=datetime.UTC),
    )
    fresh = requests.request_log(contact=contact, kind="erasure")
    client = signed_in(manager)

    client.get("/privacy/requests/")  # the session and the user, loaded once
    with django_assert_num_queries(QUERIES):
        page = client.get("/privacy/requests/?open=1").content.decode()

    assert f'data-request="{late.pk}" class="overdue" data-overdue="1"' in page
    assert f'data-request="{fresh.pk}">' in page
