"""Reads of the culture app: the company's calendar settings (cached, because every send
window and meeting slot asks for them) and the rows admins edit."""

import time as clock
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from amity.core.errors import DomainError, NotFound
from amity.culture.calendars import Closure, NamedHoliday, public_holidays
from amity.culture.countries import CountryProfile, country_codes, country_name, country_profile
from amity.culture.models import BusinessHoursOverride, CompanyClosure

# Another process (a worker) sees an admin's change after at most this long; the process that
# saved it sees it at once (services forget the cached copy).
SETTINGS_SECONDS = 30.0
# Years the holiday data answers for (lunar and Buddhist calendars are computed to 2099).
MIN_YEAR = 1970
MAX_YEAR = 2099


@dataclass(frozen=True)
class CompanyCalendarSettings:
    hours: dict[str, tuple[time, time]]
    closures: tuple[Closure, ...]


_cached: tuple[float, CompanyCalendarSettings] | None = None


def company_calendar_settings() -> CompanyCalendarSettings:
    """Office hours per country and closures as admins set them (two queries a
    ``SETTINGS_SECONDS`` window at most; none in between)."""
    global _cached
    now = clock.monotonic()
    if _cached is not None and _cached[0] > now:
        return _cached[1]
    settings = CompanyCalendarSettings(
        hours={row.country: (row.opens, row.closes) for row in BusinessHoursOverride.objects.all()},
        closures=tuple(
            Closure(row.first_day, row.last_day, row.name, row.country)
            for row in CompanyClosure.objects.all()
        ),
    )
    _cached = (now + SETTINGS_SECONDS, settings)
    return settings


def forget_company_calendar_settings(*, replacement: CompanyCalendarSettings | None = None) -> None:
    """Drop the cached settings (after a write); tests may pin a ``replacement`` instead."""
    global _cached
    _cached = None if replacement is None else (float("inf"), replacement)


def business_hours_overrides() -> QuerySet[BusinessHoursOverride]:
    """Every country whose office hours the company set, by country code."""
    return BusinessHoursOverride.objects.order_by("country")


def company_closures() -> QuerySet[CompanyClosure]:
    """The company's closures, earliest first."""
    return CompanyClosure.objects.order_by("first_day", "id")


@dataclass(frozen=True)
class CountryDetail:
    """What a country page, ``amity country`` and the API show about one country."""

    profile: CountryProfile
    year: int
    subdivision: str | None
    business_hours: tuple[time, time]  # the company's own when set, else the default
    hours_are_company_set: bool
    holidays: list[NamedHoliday]


def reader_locale(language: str | None) -> str:
    """A CLDR locale name for a language code ("pt-br" -> "pt_BR"); DomainError when CLDR has
    no such language."""
    candidate = translation.to_locale((language or "en").strip() or "en")
    try:
        return str(Locale.parse(candidate))
    except (UnknownLocaleError, ValueError, TypeError) as error:
        raise DomainError(
            _("%(language)s is not a language code (for example th, pl or en).")
            % {"language": language},
            code="unknown_language",
            field="language",
        ) from error


def country_list(*, language: str = "en") -> list[tuple[str, str]]:
    """(code, name in ``language``) of every ISO 3166-1 country, sorted by name."""
    language = reader_locale(language)
    names = [(code, country_name(code, locale=language)) for code in country_codes()]
    return sorted(names, key=lambda pair: (pair[1].casefold(), pair[0]))


def country_detail(
    code: str, *, year: int, language: str = "en", subdivision: str | None = None
) -> CountryDetail:
    """A country's profile, office hours and public holidays of ``year``; NotFound for an
    unknown code, DomainError for a year or subdivision the holiday data cannot answer."""
    code = (code or "").strip().upper()
    language = reader_locale(language)
    try:
        profile = country_profile(code, locale=language)
    except (LookupError, ValueError) as error:
        raise NotFound(
            _("%(code)s is not an ISO 3166-1 country code (for example TH or PL).")
            % {"code": code or "-"}
        ) from error
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError(
            _("The year must be between %(first)s and %(last)s.")
            % {"first": MIN_YEAR, "last": MAX_YEAR},
            code="invalid_year",
            field="year",
        )
    subdivision = (subdivision or "").strip().upper() or None
    if subdivision is not None and subdivision not in profile.subdivisions:
        raise DomainError(
            _("%(subdivision)s is not a subdivision with its own holidays in %(country)s.")
            % {"subdivision": subdivision, "country": profile.name},
            code="unknown_subdivision",
            field="subdivision",
        )
    company_hours = company_calendar_settings().hours.get(code)
    return CountryDetail(
        profile=profile,
        year=year,
        subdivision=subdivision,
        business_hours=company_hours or profile.business_hours,
        hours_are_company_set=company_hours is not None,
        holidays=public_holidays(code, year, subdivision=subdivision, language=language),
    )


def country_detail_data(detail: CountryDetail) -> dict[str, Any]:
    """The plain, JSON-ready form of a country's detail (the API and ``amity country --json``)."""
    profile = detail.profile
    formats = profile.formats
    return {
        "code": profile.code,
        "name": profile.name,
        "official_languages": list(profile.languages),
        "common_languages": list(profile.common_languages),
        "currencies": list(profile.currencies),
        "time_zones": list(profile.time_zones),
        "weekend": list(profile.weekend),
        "first_day_of_week": profile.first_day_of_week,
        "business_hours": {
            "opens": detail.business_hours[0].strftime("%H:%M"),
            "closes": detail.business_hours[1].strftime("%H:%M"),
            "set_by_company": detail.hours_are_company_set,
        },
        "name_order": "family_first" if profile.family_name_first else "given_first",
        "era": profile.era,
        "formats": {
            "locale": formats.locale,
            "short_date_pattern": formats.short_date_pattern,
            "medium_date_pattern": formats.medium_date_pattern,
            "short_date": formats.short_date,
            "medium_date": formats.medium_date,
            "decimal_pattern": formats.decimal_pattern,
            "decimal": formats.decimal,
            "currency_pattern": formats.currency_pattern,
            "currency": formats.currency,
        },
        "subdivisions": list(profile.subdivisions),
        "holiday_languages": list(profile.holiday_languages),
        "year": detail.year,
        "subdivision": detail.subdivision,
        "holidays": [
            {
                "date": holiday.day.isoformat(),
                "name": holiday.name,
                "local_name": holiday.local_name,
                "english_name": holiday.english_name,
            }
            for holiday in detail.holidays
        ],
    }


def weekday_names(days: Iterable[int], *, language: str = "en") -> list[str]:
    """Names of weekdays (Monday = 0) in ``language``, as CLDR writes them."""
    names = get_day_names("wide", locale=reader_locale(language))
    return [names[day] for day in days]


def language_names(codes: Iterable[str], *, language: str = "en") -> list[str]:
    """Names of languages ("th", "pl") in ``language``; the code where CLDR has no name."""
    locale = Locale.parse(reader_locale(language))
    return [locale.languages.get(code, code) for code in codes]
