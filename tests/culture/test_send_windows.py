from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from amity.culture.send_windows import Recipient, next_send_window, next_send_windows


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
