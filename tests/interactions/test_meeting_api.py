"""The meetings API: ranked slots, booking, and the .ics invitations."""

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext
from icalendar import Calendar

from amity.interactions.models import Interaction
from factories import UserFactory, make_contact

pytestmark = pytest.mark.django_db


def polish(message: str, plural: str = "", **params) -> str:
    """A message as the manager (who reads Polish) gets it (one of a plural's forms: 1)."""
    with translation.override("pl"):
        return (ngettext(message, plural, 1) if plural else gettext(message)) % params


def test_slots_in_everyones_local_time(api_as, manager, anna, somchai, django_assert_num_queries):
    api = api_as(manager)
    body = {
        "contacts": [anna.pk, somchai.pk],
        "users": [manager.pk],
        "days": 3,
        "duration_minutes": 60,
        "after": "2026-10-22T00:00:00Z",
        "limit": 2,
    }
    with django_assert_num_queries(4):
        response = api.post("/meetings/slots", body)
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["inside_everyone"], data["days"], data["duration_minutes"]) == (True, 3, 60)
    assert [s["start"] for s in data["slots"]] == [
        "2026-10-22T06:00:00Z",
        "2026-10-22T06:30:00Z",
    ]
    first = data["slots"][0]
    assert (first["inside_everyone"], first["outside_count"]) == (True, 0)
    assert [(t["participant"], t["zone"], t["start"]) for t in first["local_times"]] == [
        (f"contact:{anna.pk}", "Europe/Warsaw", "2026-10-22T08:00:00+02:00"),
        (f"contact:{somchai.pk}", "Asia/Bangkok", "2026-10-22T13:00:00+07:00"),
        (f"user:{manager.pk}", "Europe/Warsaw", "2026-10-22T08:00:00+02:00"),
    ]
    assert data["assumed"] == []


def test_compromise_slots_say_who_is_outside_and_by_how_much(api_as, admin_user):
    ana = make_contact(
        given_name="Ana", family_name="Souza", country="BR", timezone="America/Sao_Paulo"
    )
    taro = make_contact(
        given_name="太郎",
        family_name="山田",
        name_order="family_given",
        country="JP",
        timezone="Asia/Tokyo",
    )
    response = api_as(admin_user).post(
        "/meetings/slots",
        {"contacts": [ana.pk, taro.pk], "days": 7, "after": "2026-11-02T00:00:00-03:00"},
    )
    data = response.json()
    assert data["inside_everyone"] is False
    first = data["slots"][0]
    assert first["start"] == "2026-11-03T20:00:00Z"
    assert first["outside_count"] == 1
    tokyo = first["local_times"][1]
    assert (tokyo["name"], tokyo["start"], tokyo["day_offset"]) == (
        "山田 太郎",
        "2026-11-04T05:00:00+09:00",
        1,
    )
    assert (tokyo["inside_hours"], tokyo["outside_minutes"], tokyo["side"]) == (
        False,
        240,
        "before",
    )


def test_a_colleague_in_utc_is_flagged_as_assumed(api_as, admin_user, anna):
    nomad = UserFactory(username="zhang", display_name="张伟", timezone="UTC")
    response = api_as(admin_user).post(
        "/meetings/slots", {"contacts": [anna.pk], "users": [nomad.pk], "days": 5}
    )
    assert response.json()["assumed"] == [
        {
            "participant": f"user:{nomad.pk}",
            "name": "张伟",
            "reason": "country unknown: Monday to Friday 09:00-17:00 without holidays assumed",
        }
    ]


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"days": 0}, 422, "invalid_days"),
        ({"days": 61}, 422, "invalid_days"),
        ({"duration_minutes": 50}, 422, "invalid_duration"),
        ({"contacts": [999_999]}, 404, "not_found"),
        ({"users": [999_999]}, 404, "not_found"),
        ({"contacts": [], "users": []}, 422, "no_participants"),
        ({"after": "2026-11-02T09:00:00"}, 422, "naive_datetime"),
        ({"days": "soon"}, 422, "invalid"),
        ({"contacts": [0]}, 422, "invalid"),
        ({"colour": "red"}, 422, "invalid"),
    ],
)
def test_malformed_slot_searches_get_a_clear_4xx(api_as, manager, anna, change, status, code):
    body = {"contacts": [anna.pk], "days": 7, "duration_minutes": 60, **change}
    response = api_as(manager).post("/meetings/slots", body)
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert response.json()["detail"]


def test_a_contact_without_zone_is_named(api_as, manager, anna):
    lost = make_contact(given_name="John", family_name="Miller", country="US")
    response = api_as(manager).post("/meetings/slots", {"contacts": [anna.pk, lost.pk]})
    assert response.status_code == 422
    assert response.json() == {
        "detail": polish(
            "%(names)s has no time zone; add it on the contact's page.",
            "%(names)s have no time zone; add it on their contact pages.",
            names="John Miller",
        ),
        "code": "missing_zone",
        "field": None,
    }


def test_book_then_download_each_invitation(api_as, manager, agent, anna, somchai):
    api = api_as(manager)
    response = api.post(
        "/meetings",
        {
            "start": "2026-11-02T15:00:00+01:00",
            "duration_minutes": 30,
            "contacts": [anna.pk, somchai.pk],
            "users": [agent.pk],
            "title": "Umowa na 2027",
            "video_link": "https://meet.example.com/umowa-2027",
        },
    )
    assert response.status_code == 201, response.content
    data = response.json()
    meeting = Interaction.objects.get()
    assert data["id"] == meeting.pk
    assert meeting.channel == "meeting"
    assert (data["start"], data["end"]) == ("2026-11-02T14:00:00Z", "2026-11-02T14:30:00Z")
    assert data["user_ids"] == sorted([manager.pk, agent.pk])
    assert data["without_email"] == []
    assert [i["language"] for i in data["invitations"]] == ["pl", "th"]
    url = data["invitations"][0]["url"]
    assert url == f"http://127.0.0.1:8000/api/v1/meetings/{meeting.pk}/invitation.ics?language=pl"
    ics = api.client.get(url.removeprefix("http://127.0.0.1:8000"))
    assert ics.status_code == 200
    assert ics["Content-Type"] == "text/calendar; charset=utf-8; method=REQUEST"
    assert ics["Content-Disposition"] == f'attachment; filename="meeting-{meeting.pk}-pl.ics"'
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert str(event["UID"]) == f"meeting-{meeting.pk}@127.0.0.1"
    assert str(event["LOCATION"]) == "https://meet.example.com/umowa-2027"
    assert api.get(f"/meetings/{meeting.pk}").json() == data
    missing = api.get(f"/meetings/{meeting.pk}/invitation.ics?language=ja")
    assert missing.status_code == 404
    assert missing.json()["detail"] == polish(
        "This meeting has no invitation in %(language)s; it has %(languages)s.",
        language="ja",
        languages="pl, th",
    )


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"start": "2026-11-02T15:00:00"}, "naive_datetime"),
        ({"contacts": [999_999]}, "not_found"),
        ({"contacts": []}, "no_participants"),
        ({"title": ""}, "required"),
        ({"video_link": "ftp://files.example.com"}, "invalid_video_link"),
    ],
)
def test_a_refused_booking_creates_nothing(api_as, manager, anna, change, code):
    body = {"start": "2026-11-02T15:00:00+01:00", "contacts": [anna.pk], "title": "Spotkanie"}
    response = api_as(manager).post("/meetings", {**body, **change})
    assert 400 <= response.status_code < 500
    assert response.json()["code"] == code
    assert Interaction.objects.count() == 0


def test_viewers_search_but_do_not_book(api_as, viewer, anna):
    api = api_as(viewer)
    assert api.post("/meetings/slots", {"contacts": [anna.pk]}).status_code == 200
    response = api.post(
        "/meetings",
        {"start": "2026-11-02T15:00:00+01:00", "contacts": [anna.pk], "title": "Spotkanie"},
    )
    assert response.status_code == 403
    assert Interaction.objects.count() == 0


def test_unknown_meeting_invitation_is_a_json_404(api_as, manager):
    response = api_as(manager).get("/meetings/424242/invitation.ics")
    assert response.status_code == 404
    assert response.json() == {
        "detail": polish("There is no meeting with id %(id)s.", id=424242),
        "code": "not_found",
    }
