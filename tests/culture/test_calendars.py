"""Real 2026 calendars: weekends, holidays, substitute days and daylight-saving changes."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from amity.culture.calendars import BusinessCalendar, Closure
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

    closed = calendar.with_closures(Closure(date(2026, 12, 31), date(2026, 12, 31), "Sylwester"))

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


# Daylight-saving changes: working time counts open hours, never the hour the clocks moved.


def test_working_time_across_the_us_autumn_change():
    calendar = BusinessCalendar.for_country("US", zone="America/New_York")
    friday_noon = local("America/New_York", 2026, 10, 30, 12)
    monday_noon = local("America/New_York", 2026, 11, 2, 12)  # clocks went back on 1 November

    assert calendar.working_time_between(friday_noon, monday_noon) == timedelta(hours=8)
    monday_opening = calendar.next_working_moment(local("America/New_York", 2026, 10, 31, 10))
    assert monday_opening == datetime(2026, 11, 2, 14, tzinfo=UTC)  # 09:00 EST


@pytest.mark.parametrize(
    ("friday", "monday", "opening_utc"),
    [
        # Spring: 29 March 2026, Monday opens at 08:00 CEST = 06:00 UTC.
        (date(2026, 3, 27), date(2026, 3, 30), datetime(2026, 3, 30, 6, tzinfo=UTC)),
        # Autumn: 25 October 2026, Monday opens at 08:00 CET = 07:00 UTC.
        (date(2026, 10, 23), date(2026, 10, 26), datetime(2026, 10, 26, 7, tzinfo=UTC)),
    ],
)
def test_polish_weekends_with_a_clock_change(friday, monday, opening_utc):
    calendar = BusinessCalendar.for_country("PL")
    start = datetime.combine(friday, time(12), tzinfo=ZoneInfo("Europe/Warsaw"))
    end = datetime.combine(monday, time(12), tzinfo=ZoneInfo("Europe/Warsaw"))

    # Friday 12:00-16:00 and Monday 08:00-12:00.
    assert calendar.working_time_between(start, end) == timedelta(hours=8)
    saturday = datetime.combine(friday + timedelta(days=1), time(10), tzinfo=start.tzinfo)
    assert calendar.next_working_moment(saturday) == opening_utc


def test_israeli_clocks_move_on_a_friday_inside_the_weekend():
    calendar = BusinessCalendar.for_country("IL")
    thursday_noon = local("Asia/Jerusalem", 2026, 3, 26, 12)  # UTC+2
    sunday_noon = local("Asia/Jerusalem", 2026, 3, 29, 12)  # UTC+3 since Friday 27 March

    # Thursday 12:00-17:30 and Sunday 08:30-12:00.
    assert calendar.working_time_between(thursday_noon, sunday_noon) == timedelta(hours=9)
    opening = calendar.next_working_moment(local("Asia/Jerusalem", 2026, 3, 27, 9))
    assert opening == datetime(2026, 3, 29, 5, 30, tzinfo=UTC)


def test_brazil_keeps_one_offset_all_year():
    calendar = BusinessCalendar.for_country("BR", zone="America/Sao_Paulo")

    january = calendar.next_working_moment(datetime(2026, 1, 10, 12, tzinfo=UTC))  # Saturday
    november = calendar.next_working_moment(datetime(2026, 11, 7, 12, tzinfo=UTC))  # Saturday

    assert january == datetime(2026, 1, 12, 12, tzinfo=UTC)  # 09:00 at UTC-3
    assert november == datetime(2026, 11, 9, 12, tzinfo=UTC)  # still UTC-3: no DST since 2019


# Substitute and observed days.


def test_us_independence_day_is_observed_on_friday_3_july():
    calendar = BusinessCalendar.for_country("US", zone="America/Chicago")

    assert calendar.is_working_day(date(2026, 7, 3)) is False
    assert [h.name for h in calendar.holidays_on(date(2026, 7, 3))] == [
        "Independence Day (observed)"
    ]


def test_saudi_eid_al_fitr_substitute_days():
    calendar = BusinessCalendar.for_country("SA")

    names = calendar.holidays_between(date(2026, 3, 23), date(2026, 3, 24), language="ar")

    assert [h.name for h in names] == ["عطلة عيد الفطر (يوم تعويضي)"] * 2
    assert calendar.next_working_moment(local("Asia/Riyadh", 2026, 3, 18, 17)) == local(
        "Asia/Riyadh", 2026, 3, 25, 8
    )


def test_japanese_citizens_holiday_between_two_holidays():
    calendar = BusinessCalendar.for_country("JP")

    names = calendar.holidays_between(date(2026, 9, 21), date(2026, 9, 23), language="ja")

    assert [h.name for h in names] == ["敬老の日", "国民の休日", "秋分の日"]


def test_thai_in_lieu_day_for_the_fathers_day_weekend():
    calendar = BusinessCalendar.for_country("TH")

    assert calendar.is_working_day(date(2026, 12, 7)) is False  # in lieu of Saturday 5 December
    assert "in lieu" in calendar.holidays_on(date(2026, 12, 7))[0].name


def test_indian_holidays_and_six_day_week():
    calendar = BusinessCalendar.for_country("IN")

    assert calendar.is_working_day(date(2026, 1, 26)) is False  # Republic Day, Monday
    assert calendar.is_working_day(date(2026, 1, 31)) is True  # a Saturday


# Several regions, subdivisions and company closures.


def test_a_calendar_for_a_team_in_warsaw_and_bangkok():
    calendar = BusinessCalendar.for_regions([("PL", None), ("TH", None)])

    assert calendar.zone == "Europe/Warsaw"
    assert calendar.is_working_day(date(2026, 4, 13)) is False  # Songkran
    assert calendar.is_working_day(date(2026, 11, 11)) is False  # Polish Independence Day
    holidays = calendar.holidays_between(date(2026, 4, 13), date(2026, 4, 13))
    assert [(h.country, h.name) for h in holidays] == [("TH", "Songkran Festival")]


def test_californian_holiday_only_in_california():
    california = BusinessCalendar.for_country("US", subdivision="CA", zone="America/Los_Angeles")
    new_york = BusinessCalendar.for_country("US", subdivision="NY", zone="America/New_York")

    assert california.is_working_day(date(2026, 3, 31)) is False  # César Chávez Day
    assert new_york.is_working_day(date(2026, 3, 31)) is True


def test_closures_appear_among_holidays_and_stop_the_clock():
    calendar = BusinessCalendar.for_country("AE").with_closures(
        Closure(date(2026, 12, 28), date(2026, 12, 30), "Year-end stocktaking", "AE")
    )
    monday = local("Asia/Dubai", 2026, 12, 28, 9)
    thursday = local("Asia/Dubai", 2026, 12, 31, 9)

    assert calendar.working_time_between(monday, thursday) == timedelta(hours=1)  # 31st 08-09
    assert calendar.next_working_moment(monday) == local("Asia/Dubai", 2026, 12, 31, 8)
    listed = calendar.holidays_between(date(2026, 12, 1), date(2026, 12, 31))
    assert [(h.day.day, h.kind) for h in listed] == [
        (2, "public"),
        (3, "public"),
        (28, "closure"),
        (29, "closure"),
        (30, "closure"),
    ]
    assert calendar.holidays_between(date(2026, 12, 28), date(2026, 12, 28), closures=False) == []


def test_unknown_country_has_no_calendar():
    with pytest.raises(LookupError):
        BusinessCalendar.for_country("XX")
