"""What a country is like to do business with, derived from well-kept data: CLDR (via Babel)
for names, languages, currencies, working week, first day of the week and date/number formats;
the IANA time zone database (tzdata's zone.tab) for zones; the ``holidays`` package for public
holidays and the subdivisions that have their own.

Forms of address (Khun, Pan/Pani, -san, Sayyid) are not here: no well-kept data set covers them
per country, and Amity does not invent such tables."""

import importlib.resources
from dataclasses import dataclass
from datetime import date, time
from functools import cache

import holidays as holidays_data
from babel import Locale
from babel.core import UnknownLocaleError, get_global
from babel.dates import format_date
from babel.languages import get_official_languages
from babel.numbers import format_currency, format_decimal, get_territory_currencies

# CLDR has no business hours; these are the usual office hours, editable per organization and
# calendar. Countries not listed keep 09:00-17:00.
BUSINESS_HOURS = {
    "JP": (time(9), time(18)),
    "KR": (time(9), time(18)),
    "CN": (time(9), time(18)),
    "TH": (time(8, 30), time(17, 30)),
    "SA": (time(8), time(16)),
    "AE": (time(8), time(17)),
    "IL": (time(8, 30), time(17, 30)),
    "PL": (time(8), time(16)),
    "DE": (time(8), time(17)),
    "BR": (time(9), time(18)),
    "MX": (time(9), time(18)),
    "IN": (time(9, 30), time(18, 30)),
}
# Where the family name usually comes first in speech and writing.
FAMILY_NAME_FIRST = {"CN", "HK", "HU", "JP", "KH", "KP", "KR", "MO", "SG", "TW", "VN"}
# Countries whose people commonly read dates in another era than the Gregorian one.
ERAS = {"TH": "buddhist"}
# A language counts as commonly spoken from this share of the population (CLDR's figures).
COMMON_LANGUAGE_PERCENT = 10.0
# What the format samples show: a date with a two-digit day and month, a long number, a price.
SAMPLE_DAY = date(2026, 12, 31)
SAMPLE_NUMBER = 1234567.891
SAMPLE_PRICE = 1234.5


@dataclass(frozen=True)
class FormatSamples:
    """How the country's main locale writes dates and numbers (CLDR patterns and examples)."""

    locale: str
    short_date_pattern: str
    medium_date_pattern: str
    short_date: str
    medium_date: str
    decimal_pattern: str
    decimal: str
    currency_pattern: str
    currency: str


@dataclass(frozen=True)
class CountryProfile:
    code: str
    name: str
    languages: tuple[str, ...]  # official (de jure or de facto), most important first
    common_languages: tuple[str, ...]  # spoken by 10% or more, most spoken first
    currencies: tuple[str, ...]
    time_zones: tuple[str, ...]
    weekend: tuple[int, ...]  # ISO weekdays, Monday = 0
    first_day_of_week: int
    business_hours: tuple[time, time]
    family_name_first: bool
    era: str
    has_holidays: bool
    subdivisions: tuple[str, ...]  # codes the holidays package has own holidays for
    holiday_languages: tuple[str, ...]  # languages the package names holidays in
    holiday_language: str  # the local one ("th", "pl", "ja"); "" without holidays
    formats: FormatSamples


@cache
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    table = importlib.resources.files("tzdata").joinpath("zoneinfo", "zone.tab")
    zones: dict[str, list[str]] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            country, _coordinates, zone, *_ = line.split("\t")
            zones.setdefault(country, []).append(zone)
    return {country: tuple(sorted(names)) for country, names in zones.items()}


def country_time_zones(code: str) -> tuple[str, ...]:
    """IANA zones in use in a country (one for Thailand, several for the United States)."""
    return _zones_by_country().get(code.upper(), ())


@cache
def country_codes() -> tuple[str, ...]:
    """Every ISO 3166-1 country that has a time zone (what tzdata's iso3166.tab lists)."""
    table = importlib.resources.files("tzdata").joinpath("zoneinfo", "iso3166.tab")
    codes = [
        line.split("\t")[0]
        for line in table.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return tuple(sorted(codes))


@cache
def _region_locale(code: str) -> Locale:
    """A CLDR locale carrying the territory's week data ("und_SA"); for territories CLDR has
    no such locale for (Bonaire), the locale of its most spoken language, else the root."""
    try:
        return Locale.parse(f"und_{code}")
    except UnknownLocaleError:
        spoken = get_global("territory_languages").get(code, {})
        for language in sorted(spoken, key=lambda lang: -spoken[lang]["population_percent"]):
            try:
                return Locale.parse(f"{language}_{code}")
            except UnknownLocaleError:
                continue
    return Locale.parse("und")


@cache
def weekend_days(code: str) -> tuple[int, ...]:
    """The weekend in CLDR (Friday-Saturday in Saudi Arabia, Sunday only in India)."""
    region = _region_locale(code.upper())
    start, end = region.weekend_start, region.weekend_end
    days = [start]
    while days[-1] != end:
        days.append((days[-1] + 1) % 7)
    return tuple(days)


def default_business_hours(code: str) -> tuple[time, time]:
    """The usual office hours of a country (built in; the company may set its own)."""
    return BUSINESS_HOURS.get(code.upper(), (time(9), time(17)))


def country_name(code: str, *, locale: str = "en") -> str:
    return Locale.parse(locale).territories.get(code.upper(), code.upper())


def common_languages(code: str) -> tuple[str, ...]:
    """Languages spoken by at least COMMON_LANGUAGE_PERCENT of the people (CLDR)."""
    spoken = get_global("territory_languages").get(code.upper(), {})
    shares = [(info["population_percent"], language) for language, info in spoken.items()]
    return tuple(
        language
        for share, language in sorted(shares, key=lambda pair: (-pair[0], pair[1]))
        if share >= COMMON_LANGUAGE_PERCENT and language != "und"
    )


@cache
def main_locale(code: str) -> Locale:
    """The locale whose formats people in the country meet most: the first official (else the
    most spoken) language with this territory ("th_TH", "ar_SA", "hi_IN"), else English."""
    code = code.upper()
    for language in (*get_official_languages(code, de_facto=True), *common_languages(code)):
        try:
            return Locale.parse(f"{language}_{code}")
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("en")


@cache
def format_samples(code: str) -> FormatSamples:
    """Date, number and currency patterns of the country's main locale, with examples."""
    locale = main_locale(code)
    currencies = get_territory_currencies(code.upper(), SAMPLE_DAY)
    currency = currencies[0] if currencies else "USD"
    return FormatSamples(
        locale=str(locale),
        short_date_pattern=locale.date_formats["short"].pattern,
        medium_date_pattern=locale.date_formats["medium"].pattern,
        short_date=format_date(SAMPLE_DAY, format="short", locale=locale),
        medium_date=format_date(SAMPLE_DAY, format="medium", locale=locale),
        decimal_pattern=locale.decimal_formats[None].pattern,
        decimal=format_decimal(SAMPLE_NUMBER, locale=locale),
        currency_pattern=locale.currency_formats["standard"].pattern,
        currency=format_currency(SAMPLE_PRICE, currency, locale=locale),
    )


@cache
def _holiday_table(code: str):
    if code not in holidays_data.list_supported_countries():
        return None
    return holidays_data.country_holidays(code)


@cache
def country_profile(code: str, *, locale: str = "en") -> CountryProfile:
    """Everything Amity knows about a country, with names in ``locale``."""
    code = code.upper()
    if code not in country_codes():
        raise LookupError(code)
    table = _holiday_table(code)
    return CountryProfile(
        code=code,
        name=country_name(code, locale=locale),
        languages=tuple(get_official_languages(code, de_facto=True)),
        common_languages=common_languages(code),
        currencies=tuple(get_territory_currencies(code, date.today())),  # noqa: DTZ011
        time_zones=country_time_zones(code),
        weekend=weekend_days(code),
        first_day_of_week=_region_locale(code).first_week_day,
        business_hours=default_business_hours(code),
        family_name_first=code in FAMILY_NAME_FIRST,
        era=ERAS.get(code, "gregorian"),
        has_holidays=table is not None,
        subdivisions=tuple(table.subdivisions) if table is not None else (),
        holiday_languages=tuple(table.supported_languages) if table is not None else (),
        holiday_language=(table.default_language or "") if table is not None else "",
        formats=format_samples(code),
    )
