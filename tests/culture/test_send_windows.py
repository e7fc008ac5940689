from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from amity.culture.send_windows import (
    Recipient,
    SendWindowError,
    next_send_window,
    next_send_windows,
    window_for,
)


def test_no_email_lands_on_songkran():
    # Sunday 12 April 2026, 20:00 UTC; 13-15 April are Songkran.
    after = datetime(2026, 4, 12, 20, tzinfo=UTC)

    moment = next_send_window(country="TH", zone="Asia/Bangkok", after=after)

    assert moment == datetime(2026, 4, 16, 8, tzinfo=ZoneInfo("Asia/Bangkok"))


def test_no_call_at_night_in_warsaw():
    after = datetime(2026, 11, 12, 20, tzinfo=UTC)  # Thursday 21:00 in Warsaw

    moment = next_send_window(country="PL", zone="Europe/Warsaw", after=after, channel="phone")

    assert moment == datetime(2026, 11, 13, 9, 30, tzinfo=ZoneInfo("Europe/Warsaw"))


def test_inside_the_window_the_answer_is_now():
    after = datetime(2026, 11, 12, 10, tzinfo=UTC)  # 11:00 in Warsaw, a working Thursday

    assert next_send_window(country="PL", zone="Europe/Warsaw", after=after) == after


def test_batch_answers_every_recipient_and_shares_work_per_zone():
    after = datetime(2026, 1, 16, 6, tzinfo=UTC)  # Friday
    people = [
        Recipient(1, "SA", "Asia/Riyadh"),
        Recipient(2, "SA", "Asia/Riyadh"),
        Recipient(3, "JP", "Asia/Tokyo"),
        Recipient(4, "US", "America/Los_Angeles"),
    ]

    answers = next_send_windows(people, after=after)

    assert answers[1] == answers[2] == datetime(2026, 1, 18, 8, tzinfo=ZoneInfo("Asia/Riyadh"))
    assert answers[3] == datetime(2026, 1, 16, 6, tzinfo=UTC)  # 15:00 Friday in Tokyo
    assert answers[4] == datetime(2026, 1, 16, 8, tzinfo=ZoneInfo("America/Los_Angeles"))


def test_us_dst_moves_the_utc_time_of_the_first_email():
    # Saturday 7 March 2026; clocks go forward on Sunday 8 March in New York.
    after = datetime(2026, 3, 7, 18, tzinfo=UTC)

    moment = next_send_window(country="US", zone="America/New_York", after=after)

    assert moment == datetime(2026, 3, 9, 8, tzinfo=ZoneInfo("America/New_York"))
    assert moment.astimezone(UTC) == datetime(2026, 3, 9, 12, tzinfo=UTC)  # EDT, not EST


def test_no_sms_on_polish_independence_day():
    after = datetime(2026, 11, 10, 17, tzinfo=UTC)  # Tuesday 18:00 in Warsaw

    moment = next_send_window(country="PL", zone="Europe/Warsaw", after=after, channel="sms")

    assert moment == datetime(2026, 11, 12, 10, tzinfo=ZoneInfo("Europe/Warsaw"))


def test_israel_is_reached_on_sunday_not_on_friday():
    after = datetime(2026, 4, 16, 16, tzinfo=UTC)  # Thursday 19:00 in Jerusalem

    moment = next_send_window(country="IL", zone="Asia/Jerusalem", after=after, channel="phone")

    assert moment == datetime(2026, 4, 19, 9, 30, tzinfo=ZoneInfo("Asia/Jerusalem"))


def test_a_letter_is_held_back_by_quiet_hours():
    after = datetime(2026, 11, 12, 21, tzinfo=UTC)  # Thursday 22:00 in Warsaw

    moment = next_send_window(country="PL", zone="Europe/Warsaw", after=after, channel="post")

    assert window_for("post") == (time(8), time(21))
    assert moment == datetime(2026, 11, 13, 8, tzinfo=ZoneInfo("Europe/Warsaw"))


def test_windows_and_quiet_hours_come_from_settings(settings):
    settings.AMITY_SEND_WINDOWS = {"email": ("07:00", "20:00"), "line": ("10:00", "22:00")}
    settings.AMITY_QUIET_HOURS = ("19:30", "07:30")

    assert window_for("email") == (time(7, 30), time(19, 30))
    assert window_for("line") == (time(10), time(19, 30))
    after = datetime(2026, 4, 16, 0, tzinfo=UTC)  # Thursday 07:00 in Bangkok
    assert next_send_window(country="TH", zone="Asia/Bangkok", after=after) == datetime(
        2026, 4, 16, 7, 30, tzinfo=ZoneInfo("Asia/Bangkok")
    )


def test_unknown_channels_and_empty_windows_are_refused(settings):
    with pytest.raises(SendWindowError, match="fax is not a channel"):
        window_for("fax")
    settings.AMITY_SEND_WINDOWS = {"email": ("22:00", "23:00")}
    with pytest.raises(SendWindowError, match="leave no time to use email"):
        window_for("email")
    settings.AMITY_SEND_WINDOWS = {"email": ("8am", "18:00")}
    with pytest.raises(SendWindowError, match="8am is not a time of day"):
        window_for("email")


def test_many_recipients_share_a_few_calendar_answers():
    after = datetime(2026, 4, 12, 20, tzinfo=UTC)
    people = [Recipient(i, "TH", "Asia/Bangkok") for i in range(1000)]
    people += [Recipient(1000 + i, "JP", "Asia/Tokyo") for i in range(1000)]

    answers = next_send_windows(people, after=after, channel="email")

    assert len(answers) == 2000
    assert answers[999] == datetime(2026, 4, 16, 8, tzinfo=ZoneInfo("Asia/Bangkok"))
    assert answers[1999] == datetime(2026, 4, 13, 8, tzinfo=ZoneInfo("Asia/Tokyo"))
