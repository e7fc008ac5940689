"""The slot finder over real zones, calendars and 2026 holidays (no database rows needed, but
calendars read the company's office-hour settings, hence ``db``)."""

from datetime import UTC, date, datetime, time

import pytest

from amity.core.errors import DomainError
from amity.culture.meetings import meeting_participant, meeting_slots, zone_country

pytestmark = pytest.mark.django_db


def person(key, zone, name=None, **extra):
    return meeting_participant(key=key, name=name or key, zone=zone, **extra)


def starts(search):
    return [slot.start for slot in search.slots]


def utc(*parts):
    return datetime(*parts, tzinfo=UTC)


def test_warsaw_and_new_york_overlap_changes_with_each_daylight_saving_end():
    """Poland leaves summer time on 2026-10-25, the US on 2026-11-01: the common hour grows
    from one hour to two for a week, then shrinks back to one hour, an hour later in UTC."""
    anna = person("contact:1", "Europe/Warsaw", "Anna Kowalska", country="PL")
    john = person("user:1", "America/New_York", "John Miller")
    search = meeting_slots(
        [anna, john], after=utc(2026, 10, 19), days=25, duration_minutes=60, limit=500
    )
    assert search.inside_everyone
    by_day = {}
    for start in starts(search):
        by_day.setdefault(start.date(), []).append(start.strftime("%H:%M"))
    assert by_day[date(2026, 10, 19)] == ["13:00"]  # Warsaw 15:00-16:00, New York 09:00-10:00
    assert by_day[date(2026, 10, 26)] == ["13:00", "13:30", "14:00"]  # Warsaw on CET already
    assert by_day[date(2026, 11, 2)] == ["14:00"]  # New York on EST too
    # Weekends and 11 November (Polish Independence Day, US Veterans Day) are never offered.
    assert date(2026, 10, 24) not in by_day
    assert date(2026, 10, 25) not in by_day
    assert date(2026, 11, 11) not in by_day
    slot = next(s for s in search.slots if s.start == utc(2026, 11, 2, 14))
    warsaw, new_york = slot.times
    assert (warsaw.start.strftime("%H:%M"), warsaw.start.utcoffset().total_seconds()) == (
        "15:00",
        3600,
    )
    assert (new_york.start.strftime("%H:%M"), new_york.end.strftime("%H:%M")) == ("09:00", "10:00")
    assert new_york.start.utcoffset().total_seconds() == -5 * 3600


def test_tokyo_and_sao_paulo_never_share_office_hours_so_the_best_compromises_are_flagged():
    ana = person("contact:2", "America/Sao_Paulo", "Ana Souza", country="BR")
    taro = person("contact:3", "Asia/Tokyo", "山田 太郎", country="JP")
    search = meeting_slots(
        [ana, taro], after=utc(2026, 11, 2), days=7, duration_minutes=60, limit=4
    )
    assert not search.inside_everyone
    # 2 Nov is Finados in Brazil and 3 Nov Culture Day in Japan: the first slot both work is
    # Tuesday 17:00 in São Paulo, already Wednesday 05:00 in Tokyo.
    assert starts(search) == [
        utc(2026, 11, 3, 20),
        utc(2026, 11, 4, 0),
        utc(2026, 11, 4, 8),
        utc(2026, 11, 4, 12),
    ]
    first = search.slots[0]
    sao_paulo, tokyo = first.times
    assert sao_paulo.inside
    assert sao_paulo.start.strftime("%a %H:%M") == "Tue 17:00"
    assert tokyo.start.strftime("%a %d %H:%M") == "Wed 04 05:00"
    assert (tokyo.day_offset, tokyo.outside_minutes, tokyo.side) == (1, 240, "before")
    assert [local.name for local in first.outside] == ["山田 太郎"]
    second = search.slots[1]
    assert (second.times[0].outside_minutes, second.times[0].side) == (240, "after")
    assert second.times[0].start.strftime("%a %H:%M") == "Tue 21:00"


def test_a_thai_public_holiday_is_never_proposed():
    somchai = person("contact:4", "Asia/Bangkok", "สมชาย ใจดี", country="TH")
    anna = person("contact:5", "Europe/Warsaw", "Anna Nowak", country="PL")
    search = meeting_slots(
        [somchai, anna], after=utc(2026, 10, 22), days=2, duration_minutes=60, limit=100
    )
    # Thailand 08:30-17:30 and Poland 08:00-16:00 overlap 06:00-10:30 UTC on Thursday;
    # Friday 23 October is Chulalongkorn Day.
    assert starts(search) == [
        utc(2026, 10, 22, 6 + half // 2, 30 * (half % 2)) for half in range(8)
    ]
    bangkok, warsaw = search.slots[0].times
    assert (bangkok.start.strftime("%H:%M"), warsaw.start.strftime("%H:%M")) == ("13:00", "08:00")


def test_saudi_and_polish_weekends_and_corpus_christi_leave_monday_to_wednesday():
    layla = person("contact:6", "Asia/Riyadh", "ليلى الحربي", country="SA")
    anna = person("contact:7", "Europe/Warsaw", "Anna Nowak", country="PL")
    search = meeting_slots(
        [layla, anna], after=utc(2026, 5, 31), days=7, duration_minutes=30, limit=200
    )
    assert sorted({start.date() for start in starts(search)}) == [
        date(2026, 6, 1),
        date(2026, 6, 2),
        date(2026, 6, 3),
    ]
    # Riyadh 08:00-16:00 (UTC+3) and Warsaw 08:00-16:00 (UTC+2): 06:00-13:00 UTC.
    assert starts(search)[0] == utc(2026, 6, 1, 6)
    assert starts(search)[-1] == utc(2026, 6, 3, 12, 30)


def test_ties_go_to_the_earliest_and_results_stop_at_the_limit():
    search = meeting_slots(
        [person("a", "Europe/Warsaw"), person("b", "Europe/Warsaw")],
        after=utc(2026, 6, 1, 6, 10),
        days=1,
        duration_minutes=30,
        limit=3,
    )
    assert starts(search) == [utc(2026, 6, 1, 6, 30), utc(2026, 6, 1, 7), utc(2026, 6, 1, 7, 30)]


def test_unknown_zone_or_country_is_assumed_and_said():
    nobody = person("user:9", "", "Zhang Wei")
    offshore = person("user:10", "Etc/GMT-3", "Crew")
    assert nobody.zone == "UTC"
    assert "UTC" in nobody.assumed
    assert offshore.zone == "Etc/GMT-3"
    assert "without holidays" in offshore.assumed
    assert (offshore.calendar.opens, offshore.calendar.closes) == (time(9), time(17))
    assert person("contact:1", "Asia/Tokyo").assumed == ""
    assert zone_country("Asia/Tokyo") == "JP"
    assert zone_country("UTC") == ""


def test_a_zone_that_does_not_exist_is_refused_naming_the_person():
    with pytest.raises(DomainError) as error:
        person("contact:1", "Mars/Olympus_Mons", "Anna Nowak")
    assert (
        error.value.message == "Anna Nowak has a time zone that does not exist: Mars/Olympus_Mons."
    )


@pytest.mark.parametrize(
    ("days", "duration", "code"),
    [
        (0, 60, "invalid_days"),
        (61, 60, "invalid_days"),
        (7, 20, "invalid_duration"),
        (7, 0, "invalid_duration"),
    ],
)
def test_bad_search_parameters_are_refused(days, duration, code):
    with pytest.raises(DomainError) as error:
        meeting_slots(
            [person("a", "Asia/Tokyo")], after=utc(2026, 6, 1), days=days, duration_minutes=duration
        )
    assert error.value.code == code


def test_no_participants_and_naive_times_are_refused():
    with pytest.raises(DomainError) as error:
        meeting_slots([], after=utc(2026, 6, 1), days=7, duration_minutes=60)
    assert error.value.code == "no_participants"
    with pytest.raises(DomainError) as error:
        meeting_slots(
            [person("a", "Asia/Tokyo")],
            after=datetime(2026, 6, 1),  # noqa: DTZ001 (the point of the test)
            days=7,
            duration_minutes=60,
        )
    assert error.value.code == "naive_datetime"
