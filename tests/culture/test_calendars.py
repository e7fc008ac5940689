"""Real 2026 calendars: weekends, holidays, substitute days and daylight-saving changes."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from amity.culture.calendars import BusinessCalendar
from amity.culture.countries import country_profile, country_time_zones, weekend_days


def local(zone: str, *args) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone))


@pytest.mark.parametrize(
    ("country", "weekend"),
    [
        ("SA", (4, 5)),  # Friday-Saturday
        ("IL", (4, 5)),
        ("AE", (5, 6)),  # Saturday-Sunday since 2022
        ("TH", (5, 6)),
        ("PL", (5, 6)),
        ("IN", (6,)),  # Sunday only
        ("US", (5, 6)),
        ("BR", (5, 6)),
        ("JP", (5, 6)),
    ],
)
def test_weekends_come_from_cldr(country, weekend):
    assert weekend_days(country) == weekend


def test_country_profiles_exist_for_every_iso_country_and_are_localized():
    thailand = country_profile("TH", locale="pl")

    assert thailand.name == "Tajlandia"
    assert thailand.currencies == ("THB",)
    assert thailand.time_zones == ("Asia/Bangkok",)
    assert thailand.era == "buddhist"
    assert country_profile("JP").family_name_first is True
    assert len(country_time_zones("US")) > 20
    assert country_profile("PL", locale="th").name == "โปแลนด์"


def test_songkran_and_bridge_days_close_thailand():
    calendar = BusinessCalendar.for_country("TH")

    assert [calendar.is_working_day(date(2026, 4, d)) for d in (10, 13, 14, 15, 16)] == [
        True,
        False,
        False,
        False,
        True,
    ]
    assert calendar.holidays_on(date(2026, 4, 13), language="th")[0].name == "วันสงกรานต์"
    assert calendar.is_working_day(date(2026, 6, 1)) is False  # Visakha Bucha in lieu


def test_polish_independence_day_on_a_wednesday():
    calendar = BusinessCalendar.for_country("PL")
    names = calendar.holidays_on(date(2026, 11, 11), language="pl")

    assert calendar.is_working_day(date(2026, 11, 11)) is False
    assert names[0].name == "Narodowe Święto Niepodległości"


def test_japanese_substitute_holiday_after_golden_week():
    calendar = BusinessCalendar.for_country("JP")

    assert calendar.is_working_day(date(2026, 5, 6)) is False  # 振替休日 for Sunday 3 May
    assert calendar.is_working_day(date(2026, 5, 7)) is True


def test_friday_is_not_a_working_day_in_riyadh_but_sunday_is():
    calendar = BusinessCalendar.for_country("SA")

    assert calendar.is_working_moment(local("Asia/Riyadh", 2026, 1, 16, 10)) is False  # Friday
    assert calendar.is_working_moment(local("Asia/Riyadh", 2026, 1, 18, 10)) is True  # Sunday


def test_eid_al_fitr_closes_the_emirates():
    calendar = BusinessCalendar.for_country("AE")

    assert calendar.is_working_day(date(2026, 3, 19)) is False


def test_next_working_moment_skips_the_israeli_weekend():
    calendar = BusinessCalendar.for_country("IL")
    thursday_evening = local("Asia/Jerusalem", 2026, 1, 15, 19)

    assert calendar.next_working_moment(thursday_evening) == local(
        "Asia/Jerusalem", 2026, 1, 18, 8, 30
    )


def test_indian_saturday_is_a_working_day():
    calendar = BusinessCalendar.for_country("IN")

    assert calendar.is_working_moment(local("Asia/Kolkata", 2026, 1, 17, 11)) is True


def test_working_time_across_the_us_daylight_saving_change():
    calendar = BusinessCalendar.for_country("US", zone="America/New_York")
    friday_noon = local("America/New_York", 2026, 3, 6, 12)
    monday_noon = local("America/New_York", 2026, 3, 9, 12)  # clocks moved on Sunday 8 March

    # Friday 12:00-17:00 and Monday 09:00-12:00, whatever the clocks did on Sunday.
    assert calendar.working_time_between(friday_noon, monday_noon) == timedelta(hours=8)
    assert calendar.next_working_moment(local("America/New_York", 2026, 3, 7, 9)).utcoffset() == (
        timedelta(hours=-4)
    )


def test_working_time_between_counts_only_open_hours_and_skips_holidays():
    calendar = BusinessCalendar.for_country("BR", zone="America/Sao_Paulo")
    start = datetime(2026, 4, 2, 12, tzinfo=UTC)  # Thursday 09:00 in São Paulo
    end = datetime(2026, 4, 6, 12, tzinfo=UTC)  # Monday 09:00, Good Friday in between

    assert calendar.working_time_between(start, end) == timedelta(hours=9)


def test_company_closures_and_custom_hours():
    calendar = BusinessCalendar.for_country("PL").with_hours(time(10), time(14))
    from dataclasses import replace

    closed = replace(calendar, closures=frozenset({date(2026, 12, 31)}))

    assert closed.is_working_day(date(2026, 12, 31)) is False
    assert closed.next_working_moment(local("Europe/Warsaw", 2026, 12, 30, 15)) == local(
        "Europe/Warsaw", 2027, 1, 4, 10
    )


def test_holidays_between_lists_names_in_the_viewers_language():
    calendar = BusinessCalendar.for_country("TH")

    holidays = calendar.holidays_between(date(2026, 4, 12), date(2026, 4, 16), language="pl")

    assert [h.day.day for h in holidays] == [13, 14, 15]
    assert holidays[0].name  # Polish is not among the package's Thai languages: English then


def test_every_iso_country_has_a_profile_and_a_calendar():
    from amity.culture.countries import country_codes

    codes = country_codes()
    for code in codes:
        assert BusinessCalendar.for_country(code).working_days, code
    with_zones = [code for code in codes if country_profile(code).time_zones]
    assert len(codes) >= 249
    assert set(codes) - set(with_zones) <= {"BV", "HM"}  # uninhabited
