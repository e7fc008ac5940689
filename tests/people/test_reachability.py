"""Who can be reached now (a filter decided per country and zone, never per contact), each
contact's next send window with a reason instead of a guess, and the API around both."""

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amity.culture.selectors import company_calendar_settings
from amity.people.models import Contact
from amity.people.reachability import contacts_reachable_now, send_windows_for
from amity.people.segments import segment_create
from factories import make_contact

pytestmark = pytest.mark.django_db

# Thursday 12 November 2026, 09:00 UTC: 10:00 in Warsaw, 16:00 in Bangkok, 12:00 in Riyadh,
# 18:00 in Tokyo, 04:00 in New York.
THURSDAY = datetime(2026, 11, 12, 9, tzinfo=UTC)
INDEPENDENCE_DAY = datetime(2026, 11, 11, 9, tzinfo=UTC)  # Wednesday, a holiday in Poland


@pytest.fixture
def people():
    return {
        "anna": make_contact(given_name="Anna", family_name="Kowalska", country="PL"),
        "somchai": make_contact(given_name="สมชาย", family_name="ใจดี", country="TH"),
        "layla": make_contact(
            given_name="ليلى", family_name="الحربي", country="SA", timezone="Asia/Riyadh"
        ),
        "taro": make_contact(
            given_name="太郎", family_name="山田", country="JP", name_order="family_given"
        ),
        "john": make_contact(
            given_name="John", family_name="Smith", country="US", timezone="America/New_York"
        ),
        "mary": make_contact(given_name="Mary", family_name="Jones", country="US"),  # no zone
        "nowhere": make_contact(
            given_name="Łucja", family_name="Bez", country="", timezone="Europe/Warsaw"
        ),
    }


def names(contacts) -> set[str]:
    return {contact.given_name for contact in contacts}


def test_reachable_now_follows_each_countrys_hours(people):
    reachable = contacts_reachable_now(Contact.objects.all(), now=THURSDAY)
    others = contacts_reachable_now(Contact.objects.all(), now=THURSDAY, reachable=False)

    assert names(reachable) == {"Anna", "สมชาย", "ليلى"}
    assert names(others) == {"太郎", "John", "Mary", "Łucja"}  # unknown places are not guessed


def test_nobody_in_poland_is_reachable_on_independence_day(people):
    reachable = contacts_reachable_now(Contact.objects.all(), now=INDEPENDENCE_DAY)

    assert names(reachable) == {"สมชาย", "ليلى"}


def test_nobody_is_reachable_on_a_saturday_night(people):
    saturday_night = datetime(2026, 11, 14, 23, tzinfo=UTC)

    assert list(contacts_reachable_now(Contact.objects.all(), now=saturday_night)) == []


def test_the_filter_costs_one_query_however_many_contacts(people, django_assert_num_queries):
    company_calendar_settings()  # admins' hours are cached; measure the steady state
    with django_assert_num_queries(2):  # the groups, then the filtered list
        assert len(list(contacts_reachable_now(Contact.objects.all(), now=THURSDAY))) == 3
    for index in range(30):
        make_contact(given_name=f"Jan {index}", family_name="Nowak", country="PL")
    with django_assert_num_queries(2):
        assert len(list(contacts_reachable_now(Contact.objects.all(), now=THURSDAY))) == 33


# Send windows


def test_each_contact_gets_its_next_window_or_a_reason(people):
    dnc = make_contact(given_name="Krystyna", family_name="Nie", country="PL", do_not_contact=True)
    after = datetime(2026, 11, 10, 17, tzinfo=UTC)  # Tuesday 18:00 in Warsaw

    windows = {
        w.contact_id: w
        for w in send_windows_for(Contact.objects.all(), channel="email", after=after)
    }

    anna = windows[people["anna"].pk]
    assert anna.local == datetime(2026, 11, 12, 8, tzinfo=ZoneInfo("Europe/Warsaw"))
    assert anna.starts_at == datetime(2026, 11, 12, 7, tzinfo=UTC)  # not on the 11th
    assert (anna.country, anna.zone, anna.code) == ("PL", "Europe/Warsaw", "")
    somchai = windows[people["somchai"].pk]
    assert somchai.local == datetime(2026, 11, 11, 8, tzinfo=ZoneInfo("Asia/Bangkok"))
    layla = windows[people["layla"].pk]
    assert layla.local == datetime(2026, 11, 11, 8, tzinfo=ZoneInfo("Asia/Riyadh"))
    assert windows[people["mary"].pk].starts_at is None
    assert windows[people["mary"].pk].code == "no_zone"
    assert windows[people["mary"].pk].reason == (
        "US spans several time zones and none is recorded for this contact."
    )
    assert windows[people["nowhere"].pk].code == "no_country"
    assert windows[dnc.pk].code == "do_not_contact"
    assert windows[dnc.pk].reason == "This person asked not to be contacted."


def test_send_windows_cost_one_query(people, django_assert_num_queries):
    company_calendar_settings()
    with django_assert_num_queries(1):
        windows = send_windows_for(Contact.objects.all(), channel="phone", after=THURSDAY)

    assert len(windows) == 7


# The API


def test_api_filters_contacts_reachable_now(people, api_as, viewer, clock):
    clock.set(THURSDAY)
    api = api_as(viewer)

    reachable = api.get("/contacts?reachable=true").json()["items"]
    others = api.get("/contacts?reachable=false").json()["items"]

    assert {item["given_name"] for item in reachable} == {"Anna", "สมชาย", "ليلى"}
    assert {item["given_name"] for item in others} == {"太郎", "John", "Mary", "Łucja"}


def test_api_reachable_filter_adds_one_query_and_stays_constant(
    people, api_as, viewer, clock, django_assert_num_queries
):
    clock.set(THURSDAY)
    api = api_as(viewer)
    company_calendar_settings()
    api.get("/contacts")  # the token's first use writes its last-used time
    with CaptureQueriesContext(connection) as plain:
        api.get("/contacts?country=PL")
    baseline = len(plain.captured_queries)
    assert baseline == 7  # token, visibility policy, the page, emails, phones, tags, organizations

    with django_assert_num_queries(baseline + 1):
        api.get("/contacts?reachable=true")
    for index in range(25):
        make_contact(given_name=f"Jan {index}", family_name="Nowak", country="PL")
    with django_assert_num_queries(baseline + 1):
        assert len(api.get("/contacts?reachable=true").json()["items"]) == 28


def test_api_refuses_a_malformed_reachable(api_as, viewer):
    response = api_as(viewer).get("/contacts?reachable=perhaps")

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


def test_api_send_windows_for_listed_contacts(people, api_as, viewer):
    response = api_as(viewer).post(
        "/send-windows",
        {
            "contact_ids": [people["somchai"].pk, people["mary"].pk, 999999],
            "channel": "phone",
            "after": "2026-04-12T20:00:00Z",  # Songkran is 13-15 April
        },
    )

    body = response.json()
    assert response.status_code == 200
    assert body["channel"] == "phone"
    assert body["missing"] == [999999]
    assert body["items"] == [
        {
            "contact_id": people["somchai"].pk,
            "starts_at": "2026-04-16T02:30:00Z",
            "local": "2026-04-16T09:30:00+07:00",
            "country": "TH",
            "zone": "Asia/Bangkok",
            "code": "",
            "reason": "",
        },
        {
            "contact_id": people["mary"].pk,
            "starts_at": None,
            "local": None,
            "country": "US",
            "zone": "",
            "code": "no_zone",
            "reason": "US spans several time zones and none is recorded for this contact.",
        },
    ]


def test_api_send_windows_for_a_segment(people, api_as, viewer, django_assert_max_num_queries):
    segment = segment_create(
        actor=None,
        name="ไทยและโปแลนด์",
        rules={"field": "country", "op": "in", "value": ["TH", "PL"]},
    )

    response = api_as(viewer).post(
        "/send-windows", {"segment_id": segment.pk, "after": "2026-11-10T17:00:00Z"}
    )

    items = response.json()["items"]
    assert [(item["zone"], item["local"]) for item in items] == [
        ("Europe/Warsaw", "2026-11-12T08:00:00+01:00"),
        ("Asia/Bangkok", "2026-11-11T08:00:00+07:00"),
    ]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({}, 422, "invalid"),  # neither ids nor a segment
        ({"contact_ids": [1], "segment_id": 1}, 422, "invalid"),
        ({"contact_ids": ["abc"]}, 422, "invalid"),
        ({"contact_ids": [0]}, 422, "invalid"),
        ({"contact_ids": [1], "channel": "fax"}, 422, "invalid_channel"),
        ({"contact_ids": [1], "after": "yesterday"}, 422, "invalid"),
        ({"contact_ids": [1], "colour": "blue"}, 422, "invalid"),
        ({"segment_id": 424242}, 404, "not_found"),
    ],
)
def test_api_send_windows_refuses_malformed_requests(api_as, viewer, body, status, code):
    response = api_as(viewer).post("/send-windows", body)

    assert response.status_code == status
    assert response.json()["code"] == code


def test_api_tells_when_for_one_contact(people, api_as, viewer):
    response = api_as(viewer).get(
        f"/contacts/{people['anna'].pk}/when?channel=sms&at=2026-11-11T09:00:00Z"
    )

    assert response.status_code == 200
    assert response.json() == {
        "contact_id": people["anna"].pk,
        "channel": "sms",
        "now": {
            "local": "2026-11-11T10:00:00+01:00",
            "zone": "Europe/Warsaw",
            "state": "holiday",
            "working": False,
            "holiday": "National Independence Day",
            "reason": "National Independence Day (public holiday in Poland)",
        },
        "next_window": {
            "contact_id": people["anna"].pk,
            "starts_at": "2026-11-12T09:00:00Z",
            "local": "2026-11-12T10:00:00+01:00",
            "country": "PL",
            "zone": "Europe/Warsaw",
            "code": "",
            "reason": "",
        },
    }


def test_api_when_for_an_unknown_contact_or_channel(api_as, viewer, people):
    api = api_as(viewer)

    assert api.get("/contacts/424242/when").status_code == 404
    assert api.get(f"/contacts/{people['anna'].pk}/when?channel=fax").status_code == 422
    assert api.get(f"/contacts/{people['anna'].pk}/when?at=soon").status_code == 422


# The contact list page


def test_contact_list_shows_only_reachable_contacts_when_asked(people, client, viewer, clock):
    clock.set(THURSDAY)
    client.force_login(viewer)

    html = client.get("/contacts/?reachable=1").content.decode()
    everyone = client.get("/contacts/").content.decode()

    shown = re.findall(r'<th scope="row">\s*<a href="/contacts/\d+/"[^>]*>([^<]+)</a>', html)
    assert sorted(shown) == sorted(["Anna Kowalska", "สมชาย ใจดี", "ليلى الحربي"])
    assert 'name="reachable" value="1" checked' in html
    assert 'name="reachable" value="1" checked' not in everyone
    assert everyone.count('<th scope="row">') == 7


# Colleagues


def test_team_page_shows_each_colleagues_time_and_state(
    client, manager, agent, viewer, monkeypatch
):
    from amity.people import formatting
    from factories import TeamFactory

    monkeypatch.setattr(formatting, "current_time", lambda: datetime(2026, 4, 17, 7, tzinfo=UTC))
    team = TeamFactory(name="ทีมขาย / Sprzedaż")
    team.members.add(manager, agent, viewer)
    client.force_login(viewer)

    html = client.get(f"/teams/{team.pk}/").content.decode()

    # Friday 17 April 2026: 09:00 in Warsaw, 14:00 in Bangkok, 10:00 in Riyadh (the weekend).
    assert '<time datetime="2026-04-17T09:00:00+02:00">' in html
    assert '<time datetime="2026-04-17T14:00:00+07:00">' in html
    assert '<time datetime="2026-04-17T10:00:00+03:00">' in html
    assert 'title="Friday is the weekend in Saudi Arabia"' in html
    assert html.count('class="local-state working"') == 2


def test_contact_list_reachable_costs_one_more_query_whatever_the_count(
    people, client, viewer, clock, django_assert_num_queries
):
    clock.set(THURSDAY)
    client.force_login(viewer)
    company_calendar_settings()
    client.get("/contacts/")
    with CaptureQueriesContext(connection) as plain:
        client.get("/contacts/")
    baseline = len(plain.captured_queries)

    with django_assert_num_queries(baseline + 1):
        client.get("/contacts/?reachable=1")
    for index in range(25):
        make_contact(given_name=f"Jan {index}", family_name="Nowak", country="PL")
    with django_assert_num_queries(baseline + 1):
        html = client.get("/contacts/?reachable=1").content.decode()
    assert html.count('<th scope="row">') == 28
