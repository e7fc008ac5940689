""" "Now there": the time where someone is, and whether it is working time, the weekend or a
public holiday there, with the reason in the viewer's language. Real 2026 dates."""

from datetime import UTC, datetime

from amity.culture.local_time import (
    HOLIDAY,
    OUTSIDE,
    UNKNOWN,
    WEEKEND,
    WORKING,
    country_for_zone,
    local_time_at,
    user_local_time,
)

NNBSP = "\u202f"  # CLDR puts a narrow no-break space before AM/PM in English


def test_songkran_is_a_holiday_in_thailand_with_its_name():
    # Monday 13 April 2026, 03:30 UTC = 10:30 in Bangkok, the first day of Songkran.
    there = local_time_at(country="TH", zone="", now=datetime(2026, 4, 13, 3, 30, tzinfo=UTC))

    assert (there.zone, there.moment.hour, there.moment.minute) == ("Asia/Bangkok", 10, 30)
    assert there.state == HOLIDAY
    assert there.holiday == "Songkran Festival"
    assert there.reason == "Songkran Festival (public holiday in Thailand)"
    assert not there.is_working


def test_songkran_is_named_in_thai_for_a_thai_reader():
    there = local_time_at(
        country="TH", zone="", now=datetime(2026, 4, 14, 3, tzinfo=UTC), language="th"
    )

    assert there.holiday == "วันสงกรานต์"
    assert "วันสงกรานต์" in there.reason
    assert "ไทย" in there.reason  # the country in Thai


def test_polish_independence_day_on_a_wednesday():
    # Wednesday 11 November 2026, 10:00 in Warsaw: would be working time, but a holiday.
    now = datetime(2026, 11, 11, 9, tzinfo=UTC)

    english = local_time_at(country="PL", zone="Europe/Warsaw", now=now)
    polish = local_time_at(country="PL", zone="Europe/Warsaw", now=now, language="pl")

    assert english.moment.weekday() == 2
    assert english.state == polish.state == HOLIDAY
    assert english.holiday == "National Independence Day"
    assert polish.holiday == "Narodowe Święto Niepodległości"
    assert "Polska" in polish.reason


def test_the_day_after_independence_day_is_a_working_day_in_poland():
    there = local_time_at(
        country="PL", zone="Europe/Warsaw", now=datetime(2026, 11, 12, 9, tzinfo=UTC)
    )

    assert there.state == WORKING
    assert there.reason == f"business hours 8:00{NNBSP}AM-4:00{NNBSP}PM"


def test_saturday_is_the_weekend_in_poland():
    there = local_time_at(country="PL", zone="", now=datetime(2026, 11, 14, 10, tzinfo=UTC))

    assert there.state == WEEKEND
    assert there.reason == "Saturday is the weekend in Poland"


def test_friday_is_the_weekend_in_saudi_arabia_and_sunday_is_not():
    friday = local_time_at(
        country="SA", zone="Asia/Riyadh", now=datetime(2026, 4, 17, 7, tzinfo=UTC)
    )
    sunday = local_time_at(
        country="SA", zone="Asia/Riyadh", now=datetime(2026, 4, 19, 7, tzinfo=UTC)
    )

    assert friday.state == WEEKEND
    assert friday.reason == "Friday is the weekend in Saudi Arabia"
    assert (sunday.state, sunday.moment.hour) == (WORKING, 10)


def test_friday_is_the_weekend_in_arabic_for_an_arabic_reader():
    friday = local_time_at(
        country="SA", zone="Asia/Riyadh", now=datetime(2026, 4, 17, 7, tzinfo=UTC), language="ar"
    )

    assert "الجمعة" in friday.reason
    assert "السعودية" in friday.reason


def test_israel_works_on_sunday_and_rests_on_friday_and_independence_day():
    sunday = local_time_at(country="IL", zone="", now=datetime(2026, 4, 19, 7, tzinfo=UTC))
    friday = local_time_at(country="IL", zone="", now=datetime(2026, 4, 17, 7, tzinfo=UTC))
    independence = local_time_at(
        country="IL", zone="", now=datetime(2026, 4, 22, 7, tzinfo=UTC), language="he"
    )

    assert sunday.state == WORKING
    assert friday.state == WEEKEND
    assert (independence.state, independence.holiday) == (HOLIDAY, "יום העצמאות")


def test_the_uae_works_on_friday_since_its_weekend_moved():
    friday = local_time_at(country="AE", zone="", now=datetime(2026, 4, 17, 6, tzinfo=UTC))
    saturday = local_time_at(country="AE", zone="", now=datetime(2026, 4, 18, 6, tzinfo=UTC))

    assert (friday.state, friday.moment.hour, friday.zone) == (WORKING, 10, "Asia/Dubai")
    assert saturday.state == WEEKEND


def test_us_daylight_saving_time_moves_the_local_hour():
    # 13:30 UTC is 08:30 EST on Friday 6 March 2026 and 09:30 EDT on Monday 9 March.
    before = local_time_at(
        country="US", zone="America/New_York", now=datetime(2026, 3, 6, 13, 30, tzinfo=UTC)
    )
    after = local_time_at(
        country="US", zone="America/New_York", now=datetime(2026, 3, 9, 13, 30, tzinfo=UTC)
    )

    assert (before.moment.hour, before.state) == (8, OUTSIDE)
    assert before.reason == f"before 9:00{NNBSP}AM, business hours 9:00{NNBSP}AM-5:00{NNBSP}PM"
    assert (after.moment.hour, after.state) == (9, WORKING)


def test_a_country_with_several_zones_needs_one():
    assert local_time_at(country="US", zone="", now=datetime(2026, 3, 9, tzinfo=UTC)) is None
    assert local_time_at(country="BR", zone="", now=datetime(2026, 3, 9, tzinfo=UTC)) is None


def test_tiradentes_in_sao_paulo_in_portuguese():
    there = local_time_at(
        country="BR",
        zone="America/Sao_Paulo",
        now=datetime(2026, 4, 21, 14, tzinfo=UTC),
        language="pt-br",
    )

    assert (there.state, there.holiday, there.moment.hour) == (HOLIDAY, "Tiradentes", 11)
    assert "Brasil" in there.reason


def test_india_works_on_saturday():
    # Saturday 18 April 2026, 10:30 in Kolkata: India's weekend is Sunday only.
    there = local_time_at(country="IN", zone="", now=datetime(2026, 4, 18, 5, tzinfo=UTC))

    assert (there.zone, there.moment.hour, there.moment.minute) == ("Asia/Kolkata", 10, 30)
    assert there.state == WORKING


def test_japan_after_hours_in_24_hour_time_for_a_japanese_reader():
    there = local_time_at(
        country="JP", zone="", now=datetime(2026, 11, 12, 9, 30, tzinfo=UTC), language="ja"
    )

    assert (there.moment.hour, there.state) == (18, OUTSIDE)
    assert "18:00" in there.reason
    assert "9:00" in there.reason


def test_a_japanese_holiday_is_named_in_japanese():
    there = local_time_at(
        country="JP", zone="", now=datetime(2026, 11, 3, 1, tzinfo=UTC), language="ja"
    )

    assert (there.state, there.holiday) == (HOLIDAY, "文化の日")


def test_without_a_country_the_time_is_known_but_not_the_working_week():
    there = local_time_at(country="", zone="Asia/Tokyo", now=datetime(2026, 11, 12, tzinfo=UTC))

    assert (there.moment.hour, there.state) == (9, UNKNOWN)
    assert there.reason == "no country recorded, so no working week to judge by"


def test_unknown_codes_and_zones_are_not_guessed():
    now = datetime(2026, 11, 12, tzinfo=UTC)

    assert local_time_at(country="XX", zone="", now=now) is None
    assert local_time_at(country="PL", zone="Mars/Olympus", now=now) is None


def test_a_users_country_comes_from_their_zone():
    assert country_for_zone("Europe/Warsaw") == "PL"
    assert country_for_zone("Asia/Bangkok") == "TH"
    assert country_for_zone("Asia/Riyadh") == "SA"
    assert country_for_zone("UTC") == ""

    layla = user_local_time(zone="Asia/Riyadh", now=datetime(2026, 4, 17, 7, tzinfo=UTC))
    utc_user = user_local_time(zone="UTC", now=datetime(2026, 4, 17, 7, tzinfo=UTC))

    assert (layla.country, layla.state) == ("SA", WEEKEND)
    assert (utc_user.country, utc_user.state) == ("", UNKNOWN)


def test_a_subdivision_adds_its_own_holidays():
    # Good Friday, 3 April 2026, 10:00 in Zurich: a holiday in the canton, not in all of
    # Switzerland. Both "CH-ZH" (ISO 3166-2, as records store it) and "ZH" are understood.
    now = datetime(2026, 4, 3, 8, tzinfo=UTC)

    national = local_time_at(country="CH", zone="", now=now)
    zurich = local_time_at(country="CH", zone="", now=now, subdivision="CH-ZH", language="de")
    unknown = local_time_at(country="CH", zone="", now=now, subdivision="CH-XX")

    assert national.state == WORKING
    assert (zurich.state, zurich.holiday) == (HOLIDAY, "Karfreitag")
    assert unknown.state == WORKING  # an unknown subdivision keeps the national calendar
