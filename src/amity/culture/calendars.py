"""Business calendars: a working week, opening hours, the public holidays of one or more
countries or subdivisions, and a company's own closures, in one IANA time zone.

They answer the questions scheduling and SLAs ask: is this a working moment, when is the next
one, how much working time lies between two instants, which holidays fall in a range.
All arguments and results are aware datetimes; conversion to local time happens here.
"""

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays as holidays_data

from amity.culture.countries import country_profile

SEARCH_DAYS = 400  # no calendar is closed for longer than a year


@cache
def holiday_names(country: str, subdivision: str | None, year: int, language: str) -> dict:
    """{date: name} of a country's (or subdivision's) public holidays in a year, names in
    ``language`` when the holidays package has it, otherwise in English or the local one."""
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


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str
    country: str
    subdivision: str | None


@dataclass(frozen=True)
class BusinessCalendar:
    zone: str
    working_days: frozenset[int]  # Monday = 0
    opens: time
    closes: time
    regions: tuple[tuple[str, str | None], ...] = ()
    closures: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def for_country(
        cls, country: str, *, subdivision: str | None = None, zone: str | None = None
    ) -> "BusinessCalendar":
        """The usual calendar of a country: its working week, office hours and holidays."""
        profile = country_profile(country)
        if zone is None:
            # Uninhabited territories (Bouvet Island) have no zone of their own.
            zone = profile.time_zones[0] if profile.time_zones else "UTC"
        return cls(
            zone=zone,
            working_days=frozenset(set(range(7)) - set(profile.weekend)),
            opens=profile.business_hours[0],
            closes=profile.business_hours[1],
            regions=((profile.code, subdivision),),
        )

    def with_hours(self, opens: time, closes: time) -> "BusinessCalendar":
        return replace(self, opens=opens, closes=closes)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def holidays_on(self, day: date, *, language: str = "en") -> list[Holiday]:
        found = []
        for country, subdivision in self.regions:
            name = holiday_names(country, subdivision, day.year, language).get(day)
            if name:
                found.append(Holiday(day, name, country, subdivision))
        return found

    def is_working_day(self, day: date) -> bool:
        return (
            day.weekday() in self.working_days
            and day not in self.closures
            and not any(
                day in holiday_names(country, subdivision, day.year, "en_US")
                for country, subdivision in self.regions
            )
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

    def holidays_between(self, first: date, last: date, *, language: str = "en") -> list[Holiday]:
        found = []
        for year in range(first.year, last.year + 1):
            for country, subdivision in self.regions:
                for day, name in holiday_names(country, subdivision, year, language).items():
                    if first <= day <= last:
                        found.append(Holiday(day, name, country, subdivision))
        return sorted(found, key=lambda holiday: (holiday.day, holiday.country))
