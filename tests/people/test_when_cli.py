"""`amity when CONTACT`: the contact's local time, working or not and why, and the next send
window in UTC and local time; `--json` for scripts; a contact named by id, email or phone."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from factories import make_contact

pytestmark = pytest.mark.django_db


def when(*args) -> str:
    out = io.StringIO()
    call_command("when", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def somchai():
    return make_contact(
        given_name="สมชาย",
        family_name="ใจดี",
        country="TH",
        emails=["somchai@example.co.th"],
        phones=["+66 81 234 5678"],
    )


def test_json_during_songkran(somchai):
    # Monday 13 April 2026, 10:30 in Bangkok: Songkran until Wednesday.
    answer = json.loads(when("somchai@example.co.th", "--at", "2026-04-13T03:30:00Z", "--json"))

    assert answer == {
        "contact": {
            "id": somchai.pk,
            "name": "สมชาย ใจดี",
            "country": "TH",
            "timezone": "Asia/Bangkok",
        },
        "channel": "email",
        "now": {
            "local": "2026-04-13T10:30:00+07:00",
            "zone": "Asia/Bangkok",
            "state": "holiday",
            "working": False,
            "holiday": "Songkran Festival",
            "reason": "Songkran Festival (public holiday in Thailand)",
        },
        "next_window": {
            "utc": "2026-04-16T01:00:00+00:00",
            "local": "2026-04-16T08:00:00+07:00",
            "zone": "Asia/Bangkok",
        },
        "code": "",
        "reason": "",
    }


def test_by_phone_and_channel_in_thai(somchai):
    with translation.override("th"):
        answer = json.loads(
            when("+66812345678", "--channel", "phone", "--at", "2026-04-13T03:30:00Z", "--json")
        )

    assert answer["now"]["holiday"] == "วันสงกรานต์"
    assert answer["next_window"]["local"] == "2026-04-16T09:30:00+07:00"


def test_by_id_on_a_working_afternoon_in_warsaw():
    anna = make_contact(given_name="Anna", family_name="Kowalska", country="PL")

    answer = json.loads(when(str(anna.pk), "--at", "2026-11-12T13:00:00Z", "--json"))

    assert answer["now"]["state"] == "working"
    assert answer["now"]["working"] is True
    assert answer["next_window"]["utc"] == "2026-11-12T13:00:00+00:00"  # now is fine


def test_saudi_weekend_in_text():
    layla = make_contact(
        given_name="ليلى",
        family_name="الحربي",
        country="SA",
        timezone="Asia/Riyadh",
        emails=["layla@example.sa"],
    )

    text = when("layla@example.sa", "--at", "2026-04-17T07:00:00Z")  # Friday 10:00

    assert text.splitlines() == [
        f"ليلى الحربي (#{layla.pk})",
        "Local time: Friday, April 17, 2026, 10:00:00\u202fAM Arabian Standard Time",
        "Now there: Friday is the weekend in Saudi Arabia",
        "Next email window: 2026-04-19 05:00 UTC, 2026-04-19 08:00 local time (Asia/Riyadh)",
    ]


def test_a_contact_without_a_zone_gets_a_reason_not_a_guess():
    make_contact(given_name="John", family_name="Smith", country="US", emails=["john@example.com"])

    answer = json.loads(when("john@example.com", "--json"))
    text = when("john@example.com")

    assert answer["now"] is None
    assert answer["next_window"] is None
    assert answer["code"] == "no_zone"
    assert answer["reason"] == "US spans several time zones and none is recorded for this contact."
    assert "No send window: US spans several time zones" in text


def test_a_japanese_contact_after_hours():
    make_contact(
        given_name="太郎",
        family_name="山田",
        country="JP",
        name_order="family_given",
        emails=["taro@example.jp"],
    )

    answer = json.loads(when("taro@example.jp", "--at", "2026-11-12T09:30:00Z", "--json"))

    assert answer["contact"]["name"] == "山田 太郎"
    assert answer["now"]["state"] == "outside"
    assert answer["next_window"]["local"] == "2026-11-13T08:00:00+09:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody@example.com"], "No contact is named nobody@example.com"),
        (["424242"], "No contact is named 424242"),
        (["somchai@example.co.th", "--at", "tomorrow"], "tomorrow is not a date and time"),
        (["somchai@example.co.th", "--at", "2026-04-13T10:00"], "with an offset"),
    ],
)
def test_requests_that_cannot_be_answered_fail(somchai, args, message):
    with pytest.raises(CommandError, match=message):
        when(*args)


def test_an_unknown_channel_is_refused(somchai):
    with pytest.raises(CommandError, match="invalid choice: 'fax'"):
        when("somchai@example.co.th", "--channel", "fax")
