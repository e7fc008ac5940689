"""Company office hours and closures: admins only, validated, and seen by every calendar at
once (the cached settings are dropped on save)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from amity.core.errors import DomainError, NotFound
from amity.core.permissions import PermissionDenied
from amity.culture import selectors, services
from amity.culture.calendars import BusinessCalendar
from amity.culture.models import BusinessHoursOverride, CompanyClosure

pytestmark = pytest.mark.django_db


def test_admin_sets_polish_office_hours_and_calendars_follow_at_once(admin_user):
    before = BusinessCalendar.for_country("PL")

    services.business_hours_set(actor=admin_user, country="pl", opens=time(7), closes=time(15))

    after = BusinessCalendar.for_country("PL")
    assert (before.opens, before.closes) == (time(8), time(16))
    assert (after.opens, after.closes) == (time(7), time(15))
    assert after.next_working_moment(datetime(2026, 11, 12, 5, tzinfo=ZoneInfo("UTC"))) == datetime(
        2026, 11, 12, 7, tzinfo=ZoneInfo("Europe/Warsaw")
    )


def test_resetting_hours_brings_back_the_default(admin_user):
    services.business_hours_set(actor=admin_user, country="TH", opens=time(9), closes=time(18))

    services.business_hours_reset(actor=admin_user, country="TH")

    assert BusinessCalendar.for_country("TH").opens == time(8, 30)
    with pytest.raises(NotFound):
        services.business_hours_reset(actor=admin_user, country="TH")


def test_cached_settings_cost_no_query_until_a_write(admin_user, django_assert_num_queries):
    selectors.forget_company_calendar_settings()
    with django_assert_num_queries(2):
        BusinessCalendar.for_country("JP")
    with django_assert_num_queries(0):
        for _ in range(100):
            BusinessCalendar.for_country("JP")


@pytest.mark.parametrize(
    ("country", "opens", "closes", "code"),
    [
        ("XX", time(9), time(17), "unknown_country"),
        ("PL", time(17), time(9), "invalid_hours"),
        ("PL", time(9), time(9), "invalid_hours"),
    ],
)
def test_bad_hours_are_refused_and_nothing_changes(admin_user, country, opens, closes, code):
    with pytest.raises(DomainError) as refused:
        services.business_hours_set(actor=admin_user, country=country, opens=opens, closes=closes)

    assert refused.value.code == code
    assert not BusinessHoursOverride.objects.exists()


def test_only_admins_change_the_business_calendar(manager, agent):
    for user in (manager, agent):
        with pytest.raises(PermissionDenied):
            services.business_hours_set(actor=user, country="PL", opens=time(7), closes=time(15))
        with pytest.raises(PermissionDenied):
            services.closure_create(
                actor=user,
                name="Wigilia",
                first_day=date(2026, 12, 24),
                last_day=date(2026, 12, 24),
            )
    assert not BusinessHoursOverride.objects.exists()
    assert not CompanyClosure.objects.exists()


def test_a_closure_in_poland_closes_only_polish_company_calendars(admin_user):
    services.closure_create(
        actor=admin_user,
        name="Inwentaryzacja",
        first_day=date(2026, 12, 28),
        last_day=date(2026, 12, 30),
        country="PL",
    )

    warsaw = BusinessCalendar.for_country("PL", company_closures=True)
    bangkok = BusinessCalendar.for_country("TH", company_closures=True)
    polish_contact = BusinessCalendar.for_country("PL")

    assert warsaw.is_working_day(date(2026, 12, 29)) is False
    assert bangkok.is_working_day(date(2026, 12, 29)) is True
    assert polish_contact.is_working_day(date(2026, 12, 29)) is True  # our shutdown, not theirs
    closure = warsaw.holidays_between(date(2026, 12, 28), date(2026, 12, 28))[0]
    assert (closure.name, closure.kind, closure.country) == ("Inwentaryzacja", "closure", "PL")


def test_a_company_wide_closure_and_its_removal(admin_user):
    closure = services.closure_create(
        actor=admin_user,
        name="ปิดสิ้นปี",
        first_day=date(2026, 12, 30),
        last_day=date(2027, 1, 4),
    )
    calendar = BusinessCalendar.for_country("TH", company_closures=True)
    assert calendar.next_working_moment(
        datetime(2026, 12, 29, 18, tzinfo=ZoneInfo("Asia/Bangkok"))
    ) == datetime(2027, 1, 5, 8, 30, tzinfo=ZoneInfo("Asia/Bangkok"))

    services.closure_delete(actor=admin_user, closure_id=closure.pk)

    reopened = BusinessCalendar.for_country("TH", company_closures=True)
    assert reopened.is_working_day(date(2026, 12, 30)) is True
    with pytest.raises(NotFound):
        services.closure_delete(actor=admin_user, closure_id=closure.pk)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"name": "  "}, "required"),
        ({"name": "x" * 121}, "too_long"),
        ({"first_day": date(2026, 12, 31), "last_day": date(2026, 12, 1)}, "invalid_range"),
        ({"first_day": date(2026, 1, 1), "last_day": date(2027, 6, 1)}, "invalid_range"),
        ({"country": "QQ"}, "unknown_country"),
    ],
)
def test_bad_closures_are_refused_and_nothing_is_saved(admin_user, fields, code):
    data = {
        "name": "Majówka",
        "first_day": date(2026, 5, 1),
        "last_day": date(2026, 5, 3),
        "country": "PL",
    }
    data.update(fields)

    with pytest.raises(DomainError) as refused:
        services.closure_create(actor=admin_user, **data)

    assert refused.value.code == code
    assert not CompanyClosure.objects.exists()
