"""Template filters and tags for people's data as a reader expects to see it: phone numbers in
the form dialled at home or abroad, countries and languages named in the reader's language,
and the time it is where a contact lives (working hours, weekend or a holiday there).

    {% load people_format %}
    {{ phone.number|phone_national:contact.country }}   081 234 5678 (Thai number, Thai contact)
    {{ phone.number|phone_international }}              +66 81 234 5678
    {{ contact.country|country_name }}                  ไทย for a Thai reader
    {% local_time contact.country contact.timezone as there %}
    {{ there.moment|time:"TIME_FORMAT" }} {{ there.state }} {{ there.holiday }}
"""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta

import phonenumbers
from django import template
from django.templatetags.tz import do_timezone
from django.utils import timezone, translation

from amity.culture.calendars import BusinessCalendar
from amity.culture.countries import country_name as _country_name
from amity.people.localities import country_is_known, timezone_guess, timezone_is_known
from amity.people.localities import language_name as _language_name

register = template.Library()


def current_time() -> datetime:
    """Now (a seam for tests that need a given moment: a holiday, a weekend)."""
    return timezone.now()


def reader_locale() -> str:
    """The active interface language as a CLDR locale ("pt-br" -> "pt_BR")."""
    return translation.to_locale(translation.get_language() or "en")


def _parsed(number: str):
    try:
        return phonenumbers.parse(number or "", None)
    except phonenumbers.NumberParseException:
        return None


@register.filter
def phone_national(number: str, country: str = "") -> str:
    """As dialled inside the contact's country ("081 234 5678"); international form when the
    number belongs to another country (a Thai contact's Polish mobile)."""
    parsed = _parsed(number)
    if parsed is None:
        return number
    region = phonenumbers.region_code_for_number(parsed)
    if country and region == country.upper():
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@register.filter
def phone_international(number: str) -> str:
    """As dialled from abroad ("+66 81 234 5678")."""
    parsed = _parsed(number)
    if parsed is None:
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@register.filter
def phone_uri(number: str) -> str:
    """A tel: link target (RFC 3966)."""
    parsed = _parsed(number)
    if parsed is None:
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.RFC3966)


@register.filter
def country_name(code: str) -> str:
    """An ISO 3166-1 code named in the reader's language ("TH" -> "Tajlandia" in Polish)."""
    if not code:
        return ""
    return _country_name(code, locale=reader_locale())


@register.filter
def language_name(tag: str) -> str:
    """A BCP 47 tag named in the reader's language ("ja" -> "ญี่ปุ่น" for a Thai reader)."""
    if not tag:
        return ""
    return _language_name(tag, locale=reader_locale())


@register.filter
def minutes(duration: timedelta | None) -> int | None:
    """A duration in whole minutes (for "12 minutes" with plural forms in the template)."""
    if duration is None:
        return None
    return int(duration.total_seconds() // 60)


@register.filter
def in_zone(moment: datetime | None, zone: str):
    """``moment`` shown in ``zone`` rather than the reader's (None for an unknown zone), so
    ``{{ entry.occurred_at|in_zone:contact.timezone|time }}`` is the time it was there."""
    if moment is None or not zone or not timezone_is_known(zone):
        return None
    return do_timezone(moment, zone)


@dataclass(frozen=True)
class LocalTime:
    """The moment it is where someone is, and what kind of moment it is there."""

    moment: datetime  # aware, in ``zone``; templates show it without converting it back
    zone: str
    state: str  # "working", "outside", "weekend", "holiday" or "" (no country to judge by)
    holiday: str = ""

    @property
    def is_working(self) -> bool:
        return self.state == "working"


def local_time_at(country: str, zone: str, *, now: datetime | None = None) -> LocalTime | None:
    """What time it is for a contact in ``country`` living in ``zone`` (guessed from the
    country when blank), and whether that is working time there; None when the zone is
    unknown (a country spanning several zones, nothing recorded)."""
    country = (country or "").upper()
    if country and not country_is_known(country):
        country = ""
    zone = zone or (timezone_guess(country=country) if country else "")
    if not zone or not timezone_is_known(zone):
        return None
    now = now or current_time()
    moment = do_timezone(now, zone)
    if not country:
        return LocalTime(moment, zone, "")
    calendar = BusinessCalendar.for_country(country, zone=zone)
    local = now.astimezone(zoneinfo.ZoneInfo(zone))
    holidays = calendar.holidays_on(local.date(), language=reader_locale())
    if holidays:
        return LocalTime(moment, zone, "holiday", holidays[0].name)
    if local.weekday() not in calendar.working_days:
        return LocalTime(moment, zone, "weekend")
    if calendar.is_working_moment(now):
        return LocalTime(moment, zone, "working")
    return LocalTime(moment, zone, "outside")


@register.simple_tag
def local_time(country: str, zone: str) -> LocalTime | None:
    """``{% local_time contact.country contact.timezone as there %}``"""
    return local_time_at(country, zone)
