"""What time it is where someone is, and what kind of moment that is there: working hours,
outside hours, the weekend or a public holiday, with the reason in the viewer's language
("Saturday is the weekend in Poland", "Songkran Festival (public holiday in Thailand)").

Contacts and organizations are judged by their country's calendar in their zone; users, who
record only a zone, by the country tzdata's zone.tab places that zone in.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, time
from functools import cache

import holidays as holidays_data
from babel import Locale, UnknownLocaleError
from babel.dates import format_time, get_day_names
from django.utils.translation import gettext as _
from django.utils.translation import override

from amity.culture.calendars import BusinessCalendar
from amity.culture.countries import country_codes, country_name, country_time_zones

WORKING = "working"
OUTSIDE = "outside"
WEEKEND = "weekend"
HOLIDAY = "holiday"
CLOSED = "closed"  # a calendar's own closure day (company shutdown)
UNKNOWN = ""  # no country to judge by: the time is known, the working week is not


@dataclass(frozen=True)
class LocalTime:
    """The moment it is where someone is, and what kind of moment it is there."""

    moment: datetime  # aware, in ``zone``; pages show it without converting it back
    zone: str
    country: str  # ISO 3166-1 code judged by, "" when none
    state: str  # WORKING, OUTSIDE, WEEKEND, HOLIDAY, CLOSED or UNKNOWN
    holiday: str = ""  # the holiday's name in the viewer's language when state is HOLIDAY
    reason: str = ""  # why, in the viewer's language

    @property
    def is_working(self) -> bool:
        return self.state == WORKING


@cache
def _available_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@cache
def zone_info(zone: str) -> zoneinfo.ZoneInfo:
    """The zone, kept alive: ZoneInfo caches instances only weakly, so a zone built for a
    short-lived calendar is read from tzdata again next time (0.2 ms each, which a few
    hundred calendars per request turn into a noticeable cost)."""
    return zoneinfo.ZoneInfo(zone)


def zone_is_known(zone: str) -> bool:
    """Whether ``zone`` is an IANA zone name tzdata knows."""
    return zone in _available_zones()


@cache
def _countries_by_zone() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for code in country_codes():
        for zone in country_time_zones(code):
            found.setdefault(zone, []).append(code)
    return {zone: tuple(codes) for zone, codes in found.items()}


def country_for_zone(zone: str) -> str:
    """The country tzdata's zone.tab places ``zone`` in ("Europe/Warsaw" -> "PL"); "" for
    zones of no single country ("UTC", "Etc/GMT+3") or not listed there."""
    codes = _countries_by_zone().get(zone, ())
    return codes[0] if len(codes) == 1 else ""


def zone_for_country(country: str) -> str:
    """The country's zone when it has only one (Thailand), "" when it has several (USA)."""
    zones = country_time_zones(country) if country else ()
    return zones[0] if len(zones) == 1 else ""


def holiday_subdivision(country: str, subdivision: str) -> str | None:
    """The subdivision code the holidays data uses ("US-CA" or "CA" -> "CA"), None when it has
    no holidays of its own there (so the national calendar applies, rather than none)."""
    code = (subdivision or "").strip().upper()
    if code.startswith(f"{country}-"):
        code = code[len(country) + 1 :]
    if not code or code not in holidays_data.list_supported_countries().get(country, ()):
        return None
    return code


def babel_locale(language: str) -> Locale:
    """A CLDR locale for an interface language ("pt-br" -> pt_BR), English when unknown."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en")


def short_time(value: time, language: str) -> str:
    """A time of day as the viewer writes it ("17:30" in Polish, "5:30 PM" in English)."""
    return format_time(value, format="short", locale=babel_locale(language))


def _reason_outside(local: datetime, calendar: BusinessCalendar, language: str) -> str:
    hours = {
        "opens": short_time(calendar.opens, language),
        "closes": short_time(calendar.closes, language),
    }
    if local.time() < calendar.opens:
        return _("before %(opens)s, business hours %(opens)s-%(closes)s") % hours
    return _("after %(closes)s, business hours %(opens)s-%(closes)s") % hours


def local_time_at(
    *, country: str, zone: str, now: datetime, language: str = "en", subdivision: str = ""
) -> LocalTime | None:
    """What time it is at ``now`` for someone in ``country`` living in ``zone`` (the
    country's only zone when blank), and whether that is working time there; None when the
    zone is unknown (a country spanning several zones and nothing recorded). Holiday names,
    weekday and country names are in ``language``; an ISO 3166-2 ``subdivision`` ("US-CA")
    adds its own holidays."""
    country = (country or "").upper()
    if country and country not in country_codes():
        country = ""
    zone = zone or zone_for_country(country)
    if not zone or not zone_is_known(zone):
        return None
    local = now.astimezone(zone_info(zone))
    with override(language):
        if not country:
            reason = _("no country recorded, so no working week to judge by")
            return LocalTime(local, zone, "", UNKNOWN, reason=reason)
        region = holiday_subdivision(country, subdivision)
        calendar = BusinessCalendar.for_country(country, subdivision=region, zone=zone)
        return _judged(local, calendar, language)


def _judged(local: datetime, calendar: BusinessCalendar, language: str) -> LocalTime:
    country, zone = calendar.regions[0][0], calendar.zone
    place = country_name(country, locale=str(babel_locale(language)))
    day = local.date()
    holidays = calendar.holidays_on(day, language=str(babel_locale(language)))
    if holidays:
        name = holidays[0].name
        reason = _("%(holiday)s (public holiday in %(country)s)") % {
            "holiday": name,
            "country": place,
        }
        return LocalTime(local, zone, country, HOLIDAY, name, reason)
    if day.weekday() not in calendar.working_days:
        weekday = get_day_names("wide", context="stand-alone", locale=babel_locale(language))
        reason = _("%(weekday)s is the weekend in %(country)s") % {
            "weekday": weekday[day.weekday()],
            "country": place,
        }
        return LocalTime(local, zone, country, WEEKEND, reason=reason)
    if not calendar.is_working_day(day):
        return LocalTime(local, zone, country, CLOSED, reason=_("closed on this day"))
    if calendar.is_working_moment(local):
        reason = _("business hours %(opens)s-%(closes)s") % {
            "opens": short_time(calendar.opens, language),
            "closes": short_time(calendar.closes, language),
        }
        return LocalTime(local, zone, country, WORKING, reason=reason)
    reason = _reason_outside(local, calendar, language)
    return LocalTime(local, zone, country, OUTSIDE, reason=reason)


def user_local_time(*, zone: str, now: datetime, language: str = "en") -> LocalTime | None:
    """A colleague's local time: users record a zone only, so their country is the one
    zone.tab gives that zone (unknown for "UTC")."""
    return local_time_at(country=country_for_zone(zone), zone=zone, now=now, language=language)
