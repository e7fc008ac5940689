"""The holiday radar: public holidays coming up across the customer base, grouped by holiday
and country, with how many contacts each one affects ("Songkran Festival, Thailand,
13-15 April: 1,240 contacts"). One grouped COUNT query; the calendars do the rest in Python.

Contacts record a country but no subdivision, so the radar lists national holidays; regional
ones need a subdivision on the contact first.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from babel.dates import format_interval
from django.db.models import Count
from django.utils.translation import gettext as _

from amity.core.errors import DomainError
from amity.culture.calendars import BusinessCalendar
from amity.culture.countries import country_codes, country_name
from amity.culture.local_time import babel_locale
from amity.people.models import Contact

DEFAULT_DAYS = 14
MAX_DAYS = 366
# A holiday starting inside the window is shown whole: look this far past its end.
RANGE_LOOKAHEAD = timedelta(days=10)


@dataclass(frozen=True)
class RadarEntry:
    """One holiday in one country, its days merged into a range, and who it affects."""

    name: str  # in the viewer's language when the holidays package has it
    country: str
    country_name: str
    subdivision: str
    first: date
    last: date
    contacts: int
    dates: str  # the range as the viewer writes it ("Apr 13-15" in CLDR's own dashes)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def radar_days(value: object) -> int:
    """The number of days asked for, checked: a whole number from 1 to 366."""
    try:
        days = int(str(value).strip())
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_DAYS:
        raise DomainError(
            _("The number of days must be a whole number from 1 to %(max)s.") % {"max": MAX_DAYS},
            code="invalid_days",
            field="days",
        )
    return days


def contacts_per_country() -> dict[str, int]:
    """{country code: contacts} for every country contacts live in (one grouped query)."""
    rows = (
        Contact.objects.exclude(country="")
        .order_by()
        .values_list("country")
        .annotate(total=Count("id"))
    )
    counted: dict[str, int] = {}
    for country, total in rows:
        code = country.upper()
        counted[code] = counted.get(code, 0) + total
    return counted


def holiday_radar(
    *, start: date, days: int = DEFAULT_DAYS, language: str = "en"
) -> list[RadarEntry]:
    """Public holidays from ``start`` for ``days`` days in the countries contacts live in,
    one entry per holiday and country (multi-day holidays merged into one range), soonest
    first, then by contacts affected."""
    days = radar_days(days)
    last_day = start + timedelta(days=days - 1)
    locale = str(babel_locale(language))
    entries = []
    for country, total in contacts_per_country().items():
        if country not in country_codes():
            continue
        calendar = BusinessCalendar.for_country(country)
        found = calendar.holidays_between(start, last_day + RANGE_LOOKAHEAD, language=locale)
        place = country_name(country, locale=locale)
        for name, first, last in _merged(found):
            if first <= last_day:
                dates = _dates(first, last, locale)
                entries.append(RadarEntry(name, country, place, "", first, last, total, dates))
    return sorted(entries, key=lambda e: (e.first, -e.contacts, e.country_name, e.name))


def _merged(holidays) -> list[tuple[str, date, date]]:
    """Days of the same holiday become one (name, first, last) range when nothing but
    holidays lies between them (the UAE's Eid: a holiday, Eid itself, two more holidays)."""
    days_off = {holiday.day for holiday in holidays}
    ranges: list[list] = []
    open_ranges: dict[str, list] = {}
    for holiday in sorted(holidays, key=lambda h: h.day):
        current = open_ranges.get(holiday.name)
        if current is not None and all(
            current[2] + timedelta(days=step) in days_off
            for step in range(1, (holiday.day - current[2]).days)
        ):
            current[2] = holiday.day
            continue
        current = [holiday.name, holiday.day, holiday.day]
        open_ranges[holiday.name] = current
        ranges.append(current)
    return [(name, first, last) for name, first, last in ranges]


def _dates(first: date, last: date, locale: str) -> str:
    if first == last:
        return format_interval(first, last, skeleton="MMMEd", locale=locale)
    return format_interval(first, last, skeleton="MMMd", locale=locale)
