"""Meeting slots: when can these people, each in their own zone and calendar, meet?

Candidates are generated in UTC on a fixed step, so daylight-saving changes and zones on the
other side of midnight need no special case: each candidate is looked at through every
participant's own zone. A slot never falls on anyone's weekend, public holiday or closure.
Slots inside everyone's preferred hours come first; when there are none, the slots that keep
the fewest people (and the fewest hours) outside their hours are offered, flagged with who
and by how much.
"""

import importlib.resources
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.utils.translation import gettext as _

from amity.core.errors import DomainError
from amity.culture.calendars import BusinessCalendar

MIN_DAYS, MAX_DAYS = 1, 60
MIN_DURATION, MAX_DURATION = 15, 240  # minutes
STEP = timedelta(minutes=30)
MINUTE = timedelta(minutes=1)
DEFAULT_LIMIT = 10
# Where nothing is known about a person's week: the most common office week, in UTC.
ASSUMED_HOURS = (time(9), time(17))
ASSUMED_WORKING_DAYS = frozenset(range(5))


@cache
def zone_country(zone: str) -> str:
    """The country tzdata's zone.tab gives for a zone ("Europe/Warsaw" -> "PL"), or ""."""
    table = importlib.resources.files("tzdata").joinpath("zoneinfo", "zone.tab")
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            country, _coordinates, name, *_rest = line.split("\t")
            if name == zone:
                return country
    return ""


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


@dataclass(frozen=True)
class Participant:
    """One person looked for: ``key`` is the caller's id ("contact:7"), ``hours`` their
    preferred local hours (the calendar's office hours unless they said otherwise)."""

    key: str
    name: str
    calendar: BusinessCalendar
    hours: tuple[time, time]
    assumed: str = ""  # why the calendar is a guess ("" when it is known)

    @property
    def zone(self) -> str:
        return self.calendar.zone


def meeting_participant(
    *,
    key: str,
    name: str,
    zone: str,
    country: str = "",
    subdivision: str | None = None,
    hours: tuple[time, time] | None = None,
    company_closures: bool = False,
) -> Participant:
    """A participant from what is known of them: the country's calendar (the zone's country
    when none is given); Monday-Friday 09:00-17:00 when neither tells, said in ``assumed``.
    ``company_closures``: the company's own closed days count too (for colleagues)."""
    if zone and zone not in _known_zones():
        raise DomainError(
            _("%(name)s has a time zone that does not exist: %(zone)s.")
            % {"name": name, "zone": zone},
            code="invalid_zone",
        )
    assumed = ""
    if not zone:
        zone, assumed = "UTC", _("time zone unknown: UTC, Monday to Friday 09:00-17:00 assumed")
    country = (country or zone_country(zone)).upper()
    calendar = None
    if country:
        try:
            calendar = BusinessCalendar.for_country(
                country, subdivision=subdivision, zone=zone, company_closures=company_closures
            )
        except LookupError:  # a country code tzdata does not know
            calendar = None
    if calendar is None:
        calendar = BusinessCalendar(
            zone=zone,
            working_days=ASSUMED_WORKING_DAYS,
            opens=ASSUMED_HOURS[0],
            closes=ASSUMED_HOURS[1],
        )
        assumed = assumed or _(
            "country unknown: Monday to Friday 09:00-17:00 without holidays assumed"
        )
    return Participant(
        key=key,
        name=name,
        calendar=calendar,
        hours=hours or (calendar.opens, calendar.closes),
        assumed=assumed,
    )


@dataclass(frozen=True)
class LocalTime:
    """A slot as one participant lives it. ``day_offset`` is their local date minus the first
    participant's (+1: already tomorrow for them); ``outside_minutes`` how far the slot
    reaches before their opening (``side`` "before") or after their closing ("after")."""

    key: str
    name: str
    zone: str
    start: datetime
    end: datetime
    day_offset: int
    outside_minutes: int = 0
    side: str = ""

    @property
    def inside(self) -> bool:
        return self.outside_minutes == 0


@dataclass(frozen=True)
class Slot:
    start: datetime  # UTC
    end: datetime
    times: tuple[LocalTime, ...]

    @property
    def outside(self) -> tuple[LocalTime, ...]:
        return tuple(local for local in self.times if not local.inside)

    @property
    def inside_everyone(self) -> bool:
        return not self.outside


@dataclass(frozen=True)
class MeetingSearch:
    slots: tuple[Slot, ...]
    participants: tuple[Participant, ...]
    days: int
    duration_minutes: int
    after: datetime
    inside_everyone: bool  # False: no slot fits everyone's hours; the best compromises follow


def _validate(participants, days: int, duration_minutes: int, after: datetime) -> None:
    if not participants:
        raise DomainError(_("Choose at least one participant."), code="no_participants")
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise DomainError(
            _("Look between %(low)s and %(high)s days ahead.")
            % {"low": MIN_DAYS, "high": MAX_DAYS},
            code="invalid_days",
            field="days",
        )
    if not MIN_DURATION <= duration_minutes <= MAX_DURATION or duration_minutes % 15:
        raise DomainError(
            _("A meeting lasts %(low)s to %(high)s minutes, in steps of 15.")
            % {"low": MIN_DURATION, "high": MAX_DURATION},
            code="invalid_duration",
            field="duration_minutes",
        )
    if after.utcoffset() is None:
        raise DomainError(
            _("Give the time with its zone or offset (for example 2026-04-13T09:30+07:00)."),
            code="naive_datetime",
            field="after",
        )


def _first_candidate(after: datetime) -> datetime:
    """The first step boundary (:00 or :30 UTC) at or after ``after``."""
    after = after.astimezone(UTC)
    floor = after.replace(minute=0, second=0, microsecond=0)
    while floor < after:
        floor += STEP
    return floor


class _Person:
    """A participant with per-day answers cached: a month of half-hour candidates asks each
    calendar about the same thirty days many times."""

    def __init__(self, participant: Participant):
        self.participant = participant
        self.tz = ZoneInfo(participant.zone)
        self.working: dict[date, bool] = {}
        self.window: dict[date, tuple[datetime, datetime]] = {}

    def is_working_day(self, day: date) -> bool:
        answer = self.working.get(day)
        if answer is None:
            answer = self.working[day] = self.participant.calendar.is_working_day(day)
        return answer

    def hours_on(self, day: date) -> tuple[datetime, datetime]:
        """Preferred hours of a local day, in UTC (so a DST day keeps its real length)."""
        window = self.window.get(day)
        if window is None:
            opens, closes = self.participant.hours
            window = self.window[day] = (
                datetime.combine(day, opens, tzinfo=self.tz).astimezone(UTC),
                datetime.combine(day, closes, tzinfo=self.tz).astimezone(UTC),
            )
        return window


def _fit(person: _Person, start: datetime, end: datetime) -> tuple[int, str] | None:
    """(minutes outside the person's hours, "before"/"after"/""), or None when the slot
    touches one of their days off."""
    local_start = start.astimezone(person.tz)
    first = local_start.date()
    # The last minute of the meeting decides its last local day (ending at 00:00 is not the
    # next day).
    last = (end - MINUTE).astimezone(person.tz).date()
    if not person.is_working_day(first) or (last != first and not person.is_working_day(last)):
        return None
    opens, closes = person.hours_on(first)
    if start < opens:
        return int((opens - start).total_seconds() // 60), "before"
    if end > closes:
        return int((end - closes).total_seconds() // 60), "after"
    return 0, ""


def _slot(people: list[_Person], start: datetime, end: datetime) -> Slot:
    """The slot as each participant lives it (built only for the slots returned)."""
    reference = start.astimezone(people[0].tz).date()
    times = []
    for person in people:
        outside, side = _fit(person, start, end) or (0, "")
        local_start = start.astimezone(person.tz)
        participant = person.participant
        times.append(
            LocalTime(
                key=participant.key,
                name=participant.name,
                zone=participant.zone,
                start=local_start,
                end=end.astimezone(person.tz),
                day_offset=(local_start.date() - reference).days,
                outside_minutes=outside,
                side=side,
            )
        )
    return Slot(start=start, end=end, times=tuple(times))


def meeting_slots(
    participants: list[Participant] | tuple[Participant, ...],
    *,
    after: datetime,
    days: int,
    duration_minutes: int,
    limit: int = DEFAULT_LIMIT,
) -> MeetingSearch:
    """The best ``limit`` slots in the ``days`` after ``after``: inside everyone's hours,
    earliest first; when none exists, the fewest people (then minutes) outside their hours."""
    _validate(participants, days, duration_minutes, after)
    people = [_Person(participant) for participant in participants]
    duration = timedelta(minutes=duration_minutes)
    start = _first_candidate(after)
    horizon = after.astimezone(UTC) + timedelta(days=days)
    inside: list[datetime] = []
    compromises: list[tuple[int, int, datetime]] = []  # (people outside, minutes, start)
    while start + duration <= horizon:
        end = start + duration
        count = minutes = 0
        for person in people:
            fit = _fit(person, start, end)
            if fit is None:
                break
            if fit[0]:
                count, minutes = count + 1, minutes + fit[0]
        else:
            if not count:
                inside.append(start)
                if len(inside) >= limit:
                    break  # candidates come in time order: the earliest ones are the best
            elif not inside:
                compromises.append((count, minutes, start))
        start += STEP
    starts = inside[:limit] if inside else [c[2] for c in sorted(compromises)[:limit]]
    chosen = [_slot(people, begin, begin + duration) for begin in starts]
    return MeetingSearch(
        slots=tuple(chosen),
        participants=tuple(participants),
        days=days,
        duration_minutes=duration_minutes,
        after=after,
        inside_everyone=bool(inside),
    )
