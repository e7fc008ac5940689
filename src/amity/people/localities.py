"""Where people are and what they speak: countries (CLDR territories via Babel), ISO 3166-2
subdivision codes, BCP 47 language tags and the time zone a contact most likely lives in."""

import re
import zoneinfo
from functools import cache

import phonenumbers
from babel import Locale, UnknownLocaleError
from phonenumbers import timezone as phone_timezones

from amity.culture.countries import country_codes, country_name, country_time_zones

_SUBDIVISION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


def country_is_known(code: str) -> bool:
    return code.upper() in country_codes()


@cache
def country_choices(locale: str = "en") -> list[tuple[str, str]]:
    """(code, name in the reader's language) for every country, in alphabetical order by the
    Unicode Collation Algorithm (Thai names starting with เ/แ/ไ sort by their consonant)."""
    collator = _collator()
    return sorted(
        ((code, country_name(code, locale=locale)) for code in country_codes()),
        key=lambda item: collator.sort_key(item[1]),
    )


@cache
def _collator():
    from pyuca import Collator

    return Collator()


def subdivision_is_well_formed(code: str) -> bool:
    """ISO 3166-2 shape: the country code, a dash, one to three letters or digits ("TH-10")."""
    return bool(_SUBDIVISION.match(code))


def language_tag_normalize(tag: str) -> str:
    """A canonical BCP 47 tag ("ja_jp" -> "ja-JP", "zh-hant-tw" -> "zh-Hant-TW") for a language
    CLDR knows, or ValueError."""
    cleaned = tag.strip().replace("_", "-")
    if not cleaned or not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", cleaned):
        raise ValueError(tag)
    try:
        locale = Locale.parse(cleaned, sep="-")
    except (UnknownLocaleError, ValueError, TypeError) as error:
        raise ValueError(tag) from error
    return "-".join(p for p in (locale.language, locale.script, locale.territory) if p)


def language_name(tag: str, *, locale: str = "en") -> str:
    """A language tag in the reader's language ("th" -> "ไทย" for a Thai reader)."""
    try:
        return Locale.parse(tag, sep="-").get_display_name(locale) or tag
    except (UnknownLocaleError, ValueError, TypeError):
        return tag


def timezone_is_known(name: str) -> bool:
    return name in _available_zones()


@cache
def _available_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def timezone_guess(*, country: str = "", phone_numbers: list[str] | tuple[str, ...] = ()) -> str:
    """The contact's zone when it is not in doubt: the country's only zone, else the one zone
    a phone number's area belongs to; "" when still ambiguous (the UI then asks)."""
    if country:
        zones = country_time_zones(country)
        if len(zones) == 1:
            return zones[0]
    for number in phone_numbers:
        try:
            parsed = phonenumbers.parse(number, None)
        except phonenumbers.NumberParseException:
            continue
        zones = [
            z for z in phone_timezones.time_zones_for_number(parsed) if z in _available_zones()
        ]
        if len(zones) == 1:
            return zones[0]
    return ""
