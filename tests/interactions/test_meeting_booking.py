"""Booking a meeting slot and its iCalendar invitations, read back with icalendar."""

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from amity.core.errors import DomainError, NotFound
from amity.core.permissions import PermissionDenied
from amity.interactions.invitations import (
    invitation_languages,
    invitation_missing_emails,
    meeting_invitation,
)
from amity.interactions.meetings import (
    MeetingRequest,
    meeting_book,
    meeting_get,
    meeting_participants,
    meeting_search,
)
from amity.interactions.models import Interaction, InteractionContact
from factories import make_contact

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.com/amity-q4"
START = datetime(2026, 11, 2, 14, tzinfo=UTC)  # Monday: Warsaw 15:00, Bangkok 21:00


@pytest.fixture
def people(anna, somchai, taro, layla):
    return {"anna": anna, "somchai": somchai, "taro": taro, "layla": layla}


def book(actor, people, **changes):
    fields = {
        "start": START,
        "duration_minutes": 60,
        "contact_ids": tuple(c.pk for c in people.values()),
        "title": "Przegląd umowy Q4",
        "description": "Agenda: ceny, terminy.",
        "video_link": LINK,
    }
    fields.update(changes)
    return meeting_book(actor=actor, request=MeetingRequest(**fields), actor_label="test")


def parse(data: bytes):
    calendar = Calendar.from_ical(data)
    return calendar, calendar.walk("VEVENT")[0]


def test_booking_logs_a_meeting_with_contacts_colleagues_time_and_link(manager, agent, people):
    meeting = book(manager, people, user_ids=(agent.pk,))
    stored = Interaction.objects.get()
    assert stored.pk == meeting.pk
    assert (stored.channel, stored.subject, stored.video_link) == (
        "meeting",
        "Przegląd umowy Q4",
        LINK,
    )
    assert stored.occurred_at == START
    assert stored.duration == timedelta(hours=1)
    assert stored.created_by == manager
    assert stored.source == "test"
    assert set(stored.contacts.values_list("pk", flat=True)) == {c.pk for c in people.values()}
    # The organizer attends too.
    assert set(stored.users.values_list("pk", flat=True)) == {manager.pk, agent.pk}
    rows = InteractionContact.objects.filter(interaction=stored)
    assert {(r.channel, r.occurred_at) for r in rows} == {("meeting", START)}


def test_one_invitation_per_language_and_who_cannot_be_reached(manager, agent, people):
    meeting = meeting_get(book(manager, people, user_ids=(agent.pk,)).pk)
    # Japanese and Arabic have no interface catalog: they read the English invitation;
    # the Thai colleague reads Thai; the organizer (Polish) sends, so is not an invitee.
    assert invitation_languages(meeting) == ["en", "pl", "th"]
    assert invitation_missing_emails(meeting) == ["ليلى الحربي"]


def test_the_polish_invitation_is_a_request_in_the_organizers_zone(manager, agent, people):
    meeting = meeting_get(book(manager, people, user_ids=(agent.pk,)).pk)
    calendar, event = parse(meeting_invitation(meeting, language="pl"))
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == f"meeting-{meeting.pk}@127.0.0.1"
    assert str(event["ORGANIZER"]) == f"mailto:{manager.email}"
    assert str(event["ORGANIZER"].params["CN"]) == "Agnieszka Wójcik"
    # 14:00 UTC is 15:00 in Warsaw (CET since 25 October), written with its TZID.
    assert event["DTSTART"].params["TZID"] == "Europe/Warsaw"
    assert event.decoded("DTSTART").strftime("%Y-%m-%d %H:%M %z") == "2026-11-02 15:00 +0100"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=1)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Warsaw"]
    assert str(event["LOCATION"]) == LINK
    assert str(event["URL"]) == LINK
    assert str(event["SUMMARY"]) == "Przegląd umowy Q4"
    assert event["SUMMARY"].params["LANGUAGE"] == "pl"
    description = str(event["DESCRIPTION"])
    assert LINK in description
    assert "Agenda: ceny, terminy." in description
    # Anna's time, formatted the Polish way.
    assert "2 listopada 2026 15:00" in description
    assert "Europe/Warsaw" in description
    attendees = {str(a): a.params for a in event["ATTENDEE"]}
    assert set(attendees) == {
        "mailto:anna.nowak@example.pl",
        "mailto:somchai@example.co.th",
        "mailto:taro.yamada@example.jp",
        f"mailto:{agent.email}",
    }
    anna = attendees["mailto:anna.nowak@example.pl"]
    assert (anna["CN"], anna["PARTSTAT"], anna["RSVP"], anna["LANGUAGE"]) == (
        "Anna Nowak",
        "NEEDS-ACTION",
        "TRUE",
        "pl",
    )
    assert attendees["mailto:taro.yamada@example.jp"]["CN"] == "山田 太郎"


def test_the_thai_invitation_shows_bangkok_time_in_thai(manager, people):
    meeting = meeting_get(book(manager, people).pk)
    _calendar, event = parse(meeting_invitation(meeting, language="th"))
    assert event["DESCRIPTION"].params["LANGUAGE"] == "th"
    description = str(event["DESCRIPTION"])
    assert "Asia/Bangkok" in description
    assert "พฤศจิกายน" in description
    assert "Europe/Warsaw" not in description  # only the zones of the Thai readers


def test_the_same_meeting_gives_the_same_file_every_time(manager, people):
    meeting = meeting_get(book(manager, people).pk)
    first = meeting_invitation(meeting, language="en")
    assert meeting_invitation(meeting_get(meeting.pk), language="en") == first


def test_without_an_organizer_user_the_invitation_is_in_utc(people):
    meeting = meeting_get(book(None, people).pk)
    _calendar, event = parse(meeting_invitation(meeting, language="en"))
    assert event.decoded("DTSTART") == START
    assert str(event["ORGANIZER"]) == "mailto:amity@localhost"
    assert str(event["ORGANIZER"].params["CN"]) == "Amity"


def test_search_names_every_contact_without_a_zone(people):
    lost = make_contact(given_name="John", family_name="Miller", country="US")
    assert lost.timezone == ""  # the United States has several zones
    lost_too = make_contact(given_name="Ana", family_name="Souza", country="")
    with pytest.raises(DomainError) as error:
        meeting_participants(contact_ids=[people["anna"].pk, lost.pk, lost_too.pk])
    assert error.value.code == "missing_zone"
    assert error.value.message == (
        "John Miller, Ana Souza have no time zone; add it on their contact pages."
    )


def test_search_over_contacts_and_a_colleague(manager, people):
    search = meeting_search(
        contact_ids=[people["anna"].pk, people["somchai"].pk],
        user_ids=[manager.pk],
        days=3,
        duration_minutes=60,
        after=datetime(2026, 10, 22, tzinfo=UTC),
    )
    assert [p.key for p in search.participants] == [
        f"contact:{people['anna'].pk}",
        f"contact:{people['somchai'].pk}",
        f"user:{manager.pk}",
    ]
    assert search.inside_everyone
    assert search.slots[0].start == datetime(2026, 10, 22, 6, tzinfo=UTC)


def test_unknown_ids_are_named(people):
    with pytest.raises(NotFound) as error:
        meeting_participants(contact_ids=[people["anna"].pk, 999_999])
    assert error.value.message == "There is no contact with id 999999."
    with pytest.raises(NotFound) as error:
        meeting_participants(user_ids=[999_998])
    assert error.value.message == "There is no user with id 999998."


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"start": datetime(2026, 11, 2, 14)}, "naive_datetime"),  # noqa: DTZ001
        ({"title": "  "}, "required"),
        ({"video_link": "javascript:alert(1)"}, "invalid_video_link"),
        ({"duration_minutes": 5}, "invalid_duration"),
        ({"contact_ids": ()}, "no_participants"),
    ],
)
def test_a_refused_booking_changes_nothing(manager, people, changes, code):
    with pytest.raises(DomainError) as error:
        book(manager, people, **changes)
    assert error.value.code == code
    assert Interaction.objects.count() == 0
    assert InteractionContact.objects.count() == 0


def test_a_viewer_cannot_book(viewer, people):
    with pytest.raises(PermissionDenied):
        book(viewer, people)
    assert Interaction.objects.count() == 0
