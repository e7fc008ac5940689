"""``amity meet``: ranked slots in everyone's local time, JSON for scripts, booking."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from icalendar import Calendar

from amity.interactions.models import Interaction

pytestmark = pytest.mark.django_db


def meet(*args):
    out = StringIO()
    call_command("meet", *args, stdout=out)
    return out.getvalue()


def test_slots_by_email_and_phone_in_local_times(somchai, anna):
    text = meet(
        "--with",
        "anna.nowak@example.pl,+66812345678",
        "--days",
        "2",
        "--after",
        "2026-10-22T00:00+00:00",
        "--limit",
        "2",
    )
    assert text.splitlines() == [
        " 1. 2026-10-22 06:00 UTC  inside everyone's hours",
        "      Anna Nowak (Europe/Warsaw): Thu 2026-10-22 08:00-09:00",
        "      สมชาย ใจดี (Asia/Bangkok): Thu 2026-10-22 13:00-14:00",
        " 2. 2026-10-22 06:30 UTC  inside everyone's hours",
        "      Anna Nowak (Europe/Warsaw): Thu 2026-10-22 08:30-09:30",
        "      สมชาย ใจดี (Asia/Bangkok): Thu 2026-10-22 13:30-14:30",
    ]


def test_json_for_scripts_with_a_colleague(somchai, manager):
    data = json.loads(
        meet(
            "--with",
            str(somchai.pk),
            "--users",
            "agnieszka",
            "--days",
            "1",
            "--duration",
            "30",
            "--after",
            "2026-10-22T00:00+00:00",
            "--json",
        )
    )
    assert data["inside_everyone"] is True
    assert data["slots"][0]["start"] == "2026-10-22T06:00:00Z"
    assert [t["start"] for t in data["slots"][0]["local_times"]] == [
        "2026-10-22T13:00:00+07:00",
        "2026-10-22T08:00:00+02:00",
    ]


def test_book_the_second_slot_and_write_an_invitation_per_language(
    somchai, anna, manager, tmp_path
):
    data = json.loads(
        meet(
            "--with",
            f"{anna.pk},{somchai.pk}",
            "--user",
            "agnieszka",
            "--days",
            "2",
            "--after",
            "2026-10-22T00:00+00:00",
            "--book",
            "2",
            "--title",
            "Przegląd umowy",
            "--video-link",
            "https://meet.example.com/umowa",
            "--out",
            str(tmp_path),
            "--json",
        )
    )
    meeting = Interaction.objects.get()
    assert data["booked"]["id"] == meeting.pk
    assert data["booked"]["start"] == "2026-10-22T06:30:00Z"
    assert meeting.created_by == manager
    assert meeting.source == "cli"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"meeting-{meeting.pk}-pl.ics",
        f"meeting-{meeting.pk}-th.ics",
    ]
    event = Calendar.from_ical((tmp_path / f"meeting-{meeting.pk}-th.ics").read_bytes()).walk(
        "VEVENT"
    )[0]
    assert event["DTSTART"].params["TZID"] == "Europe/Warsaw"
    assert event.decoded("DTSTART").strftime("%H:%M") == "08:30"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--with", "nobody@example.com"], "No contact is named nobody@example.com."),
        (["--with", "1", "--days", "0"], "Look between 1 and 60 days ahead."),
        (["--users", "ghost"], "No active user is named ghost."),
        ([], "Choose at least one participant."),
        (["--with", "1", "--after", "2026-10-22T00:00"], "Give the time with its zone"),
        (["--with", "1", "--book", "99", "--title", "X"], "There is no slot 99"),
    ],
)
def test_requests_that_cannot_be_processed_exit_non_zero(somchai, args, message):
    if args[:2] == ["--with", "1"]:
        args = ["--with", str(somchai.pk), *args[2:]]
    with pytest.raises(CommandError) as error:
        meet(*args)
    assert str(error.value).startswith(message)
    assert Interaction.objects.count() == 0
