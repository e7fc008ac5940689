"""Business calendars: a working week, opening hours, the public holidays of one or more
countries or subdivisions, and a company's own closures, in one IANA time zone.

They answer the questions scheduling and SLAs ask: is this a working moment, when is the next
one, how much working time lies between two instants, which holidays fall in a range.
All arguments and results are aware datetimes; conversion to local time happens here.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, cached_property
from zoneinfo import ZoneInfo

import holidays as holidays_data

from amity.culture.countries import (
    country_codes,
    country_time_zones,
    default_business_hours,
    weekend_days,
)

SEARCH_DAYS = 400  # no calendar is closed for longer than a year


def calendar_data_preload() -> None:
    """Import the holidays package's country modules (about 280 of them, imported together on
    the first holiday question: 140 ms) before the first request needs them. Servers call it
    at start; commands that never ask stay quick."""
    import holidays.countries  # noqa: F401


@cache
def holiday_names(country: str, subdivision: str | None, year: int, language: str) -> dict:
    """{date: name} of a country's (or subdivision's) public holidays in a year, names in
    ``language`` when the holidays package has it, otherwise in English or the local one.
    Substitute and observed days (Japan's 振替休日, Thai in-lieu days, US observed days) are
    included, as the package lists them."""
    try:
        table = holidays_data.country_holidays(country, subdiv=subdivision, years=year)
    except NotImplementedError:
        return {}
    for candidate in (language, "en_US", None):
        if candidate is None or candidate in table.supported_languages:
            if candidate is not None:
                table = holidays_data.country_holidays(
                    country, subdiv=subdivision, years=year, language=candidate
                )
            break
    return dict(table.items())


@cache
def _closed_by_holidays(regions: tuple[tuple[str, str | None], ...], year: int) -> frozenset:
    days: set[date] = set()
    for country, subdivision in regions:
        days.update(holiday_names(country, subdivision, year, "en_US"))
    return frozenset(days)


@dataclass(frozen=True)
class NamedHoliday:
    """A public holiday with its name in the reader's language, the local one and English."""

    day: date
    name: str
    local_name: str
    english_name: str


def public_holidays(
    country: str, year: int, *, subdivision: str | None = None, language: str = "en"
) -> list[NamedHoliday]:
    """A country's (or subdivision's) public holidays in a year, with substitute and observed
    days; ``language`` is a locale name ("th", "pl", "en_US", "pt_BR")."""
    country = country.upper()
    try:
        local = holidays_data.country_holidays(country).default_language or "en_US"
    except NotImplementedError:
        return []
    named = holiday_names(country, subdivision, year, language)
    local_names = holiday_names(country, subdivision, year, local)
    english = holiday_names(country, subdivision, year, "en_US")
    return [
        NamedHoliday(day, named[day], local_names.get(day, named[day]), english.get(day, ""))
        for day in sorted(named)
    ]


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str
    country: str
    subdivision: str | None
    kind: str = "public"  # "public" (a public holiday) or "closure" (the company's own)


@dataclass(frozen=True)
class Closure:
    """Days a company is closed (inclusive range); ``country`` empty means everywhere."""

    first_day: date
    last_day: date
    name: str
    country: str = ""

    def days(self) -> Iterable[date]:
        day = self.first_day
        while day <= self.last_day:
            yield day
            day += timedelta(days=1)


@dataclass(frozen=True)
class BusinessCalendar:
    zone: str
    working_days: frozenset[int]  # Monday = 0
    opens: time
    closes: time
    regions: tuple[tuple[str, str | None], ...] = ()
    closures: tuple[Closure, ...] = ()

    @classmethod
    def for_country(
        cls,
        country: str,
        *,
        subdivision: str | None = None,
        zone: str | None = None,
        company_closures: bool = False,
    ) -> "BusinessCalendar":
        """The usual calendar of a country: its working week, office hours (the ones admins
        set for the country, else the default) and public holidays. ``company_closures`` adds
        the company's closures for the country (for the company's own clocks: SLAs, its
        offices); a contact's calendar leaves them out, our shutdown is not their holiday."""
        return cls.for_regions(
            [(country, subdivision)], zone=zone, company_closures=company_closures
        )

    @classmethod
    def for_regions(
        cls,
        regions: Iterable[tuple[str, str | None]],
        *,
        zone: str | None = None,
        company_closures: bool = False,
    ) -> "BusinessCalendar":
        """One calendar closed on the holidays of several countries or subdivisions (a team
        in Warsaw and Bangkok); the working week, hours and zone are the first region's."""
        regions = tuple((code.upper(), subdivision or None) for code, subdivision in regions)
        if not regions:
            raise ValueError("a calendar needs at least one country")
        code = regions[0][0]
        if code not in country_codes():
            raise LookupError(code)
        if zone is None:
            # Uninhabited territories (Bouvet Island) have no zone of their own.
            zones = country_time_zones(code)
            zone = zones[0] if zones else "UTC"
        # Imported here: the selectors module builds on this one (Closure).
        from amity.culture.selectors import company_calendar_settings

        settings = company_calendar_settings()
        opens, closes = settings.hours.get(code) or default_business_hours(code)
        closures: tuple[Closure, ...] = ()
        if company_closures:
            countries = {country for country, _subdivision in regions}
            closures = tuple(
                closure
                for closure in settings.closures
                if not closure.country or closure.country in countries
            )
        return cls(
            zone=zone,
            working_days=frozenset(set(range(7)) - set(weekend_days(code))),
            opens=opens,
            closes=closes,
            regions=regions,
            closures=closures,
        )

    def with_hours(self, opens: time, closes: time) -> "BusinessCalendar":
        return replace(self, opens=opens, closes=closes)

    def with_closures(self, *closures: Closure) -> "BusinessCalendar":
        """This calendar with more closed days (a company's shutdown between the holidays)."""
        return replace(self, closures=self.closures + closures)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    @cached_property
    def closed_days(self) -> frozenset[date]:
        return frozenset(day for closure in self.closures for day in closure.days())

    def holidays_on(self, day: date, *, language: str = "en") -> list[Holiday]:
        """Public holidays and closures on one day, names in ``language`` where known."""
        return self.holidays_between(day, day, language=language)

    def is_working_day(self, day: date) -> bool:
        return (
            day.weekday() in self.working_days
            and day not in self.closed_days
            and day not in _closed_by_holidays(self.regions, day.year)
        )

    def _hours(self, day: date) -> tuple[datetime, datetime]:
        tz = self.tz
        return (
            datetime.combine(day, self.opens, tzinfo=tz),
            datetime.combine(day, self.closes, tzinfo=tz),
        )

    def is_working_moment(self, moment: datetime) -> bool:
        local = moment.astimezone(self.tz)
        if not self.is_working_day(local.date()):
            return False
        opens, closes = self._hours(local.date())
        return opens <= local < closes

    def next_working_moment(self, moment: datetime) -> datetime:
        """``moment`` itself when it is working time, else the next opening (aware, local)."""
        local = moment.astimezone(self.tz)
        day = local.date()
        for _ in range(SEARCH_DAYS):
            if self.is_working_day(day):
                opens, closes = self._hours(day)
                if local < opens:
                    return opens
                if local < closes:
                    return local
            day += timedelta(days=1)
        raise ValueError("calendar has no working time within a year")

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time between two instants (what an SLA clock counts)."""
        if end <= start:
            return timedelta(0)
        # Subtract in UTC: aware datetimes sharing a zone subtract as wall-clock times.
        start, end = start.astimezone(UTC), end.astimezone(UTC)
        total = timedelta(0)
        day = start.astimezone(self.tz).date()
        last = end.astimezone(self.tz).date()
        while day <= last:
            if self.is_working_day(day):
                opens, closes = (moment.astimezone(UTC) for moment in self._hours(day))
                overlap = min(closes, end) - max(opens, start)
                if overlap > timedelta(0):
                    total += overlap
            day += timedelta(days=1)
        return total

    def holidays_between(
        self, first: date, last: date, *, language: str = "en", closures: bool = True
    ) -> list[Holiday]:
        """Public holidays of every region of the calendar in a date range, and (unless
        ``closures`` is false) the company's closure days, sorted by day."""
        found = []
        for year in range(first.year, last.year + 1):
            for country, subdivision in self.regions:
                for day, name in holiday_names(country, subdivision, year, language).items():
                    if first <= day <= last:
                        found.append(Holiday(day, name, country, subdivision))
        if closures:
            for closure in self.closures:
                for day in closure.days():
                    if first <= day <= last:
                        found.append(
                            Holiday(day, closure.name, closure.country, None, kind="closure")
                        )
        return sorted(found, key=lambda holiday: (holiday.day, holiday.kind, holiday.country))
