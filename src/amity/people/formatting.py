"""People's data as a reader expects to see it: phone numbers in the form dialled at home or
abroad, countries and languages named in the reader's language, and the time it is where a
contact lives (working hours, weekend or a holiday there).

Plain functions, so forms, segment sentences and exports use them as the ``people_format``
template tags do (the tags only register these).
"""

from dataclasses import replace
from datetime import datetime, timedelta

import phonenumbers
from django.templatetags.tz import do_timezone
from django.utils import translation

from amity.core import clock
from amity.culture.countries import country_name as _country_name
from amity.culture.local_time import LocalTime, user_local_time
from amity.culture.local_time import local_time_at as culture_local_time_at
from amity.people.localities import language_name as _language_name
from amity.people.localities import timezone_is_known


def current_time() -> datetime:
    """Now, by Amity's one clock (core.clock), so a test or a demo sets the moment (a holiday,
    a weekend) in one place."""
    return clock.now()


def reader_locale() -> str:
    """The active interface language as a CLDR locale ("pt-br" -> "pt_BR")."""
    return translation.to_locale(translation.get_language() or "en")


def _parsed(number: str):
    try:
        return phonenumbers.parse(number or "", None)
    except phonenumbers.NumberParseException:
        return None


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


def phone_international(number: str) -> str:
    """As dialled from abroad ("+66 81 234 5678")."""
    parsed = _parsed(number)
    if parsed is None:
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_uri(number: str) -> str:
    """A tel: link target (RFC 3966)."""
    parsed = _parsed(number)
    if parsed is None:
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.RFC3966)


def country_name(code: str) -> str:
    """An ISO 3166-1 code named in the reader's language ("TH" -> "Tajlandia" in Polish)."""
    if not code:
        return ""
    return _country_name(code, locale=reader_locale())


def language_name(tag: str) -> str:
    """A BCP 47 tag named in the reader's language ("ja" -> "ญี่ปุ่น" for a Thai reader)."""
    if not tag:
        return ""
    return _language_name(tag, locale=reader_locale())


def minutes(duration: timedelta | None) -> int | None:
    """A duration in whole minutes (for "12 minutes" with plural forms in the template)."""
    if duration is None:
        return None
    return int(duration.total_seconds() // 60)


def in_zone(moment: datetime | None, zone: str):
    """``moment`` shown in ``zone`` rather than the reader's (None for an unknown zone), so
    ``{{ entry.occurred_at|in_zone:contact.timezone|time }}`` is the time it was there."""
    if moment is None or not zone or not timezone_is_known(zone):
        return None
    return do_timezone(moment, zone)


def local_time_at(
    country: str, zone: str, *, now: datetime | None = None, subdivision: str = ""
) -> LocalTime | None:
    """What time it is for someone in ``country`` (and ``subdivision``) living in ``zone``,
    judged in the reader's language (see amity.culture.local_time)."""
    there = culture_local_time_at(
        country=country,
        zone=zone,
        now=now or current_time(),
        language=_reader_language(),
        subdivision=subdivision or "",
    )
    return _shown_there(there)


def zone_local_time(zone: str) -> LocalTime | None:
    """A colleague's time now: users record a zone only, their country is the one the zone
    belongs to."""
    return _shown_there(user_local_time(zone=zone, now=current_time(), language=_reader_language()))


def _reader_language() -> str:
    return translation.get_language() or "en"


def _shown_there(there: LocalTime | None) -> LocalTime | None:
    # do_timezone marks the moment so templates show it in its own zone, not the reader's.
    if there is None:
        return None
    return replace(there, moment=do_timezone(there.moment, there.zone))
