"""What a country is like to do business with, derived from well-kept data: CLDR (via Babel)
for names, languages, currencies, working week and first day of the week; the IANA time zone
database (tzdata's zone.tab) for zones; the ``holidays`` package for public holidays."""

import importlib.resources
from dataclasses import dataclass
from datetime import date, time
from functools import cache

import holidays as holidays_data
from babel import Locale
from babel.languages import get_official_languages
from babel.numbers import get_territory_currencies

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


@dataclass(frozen=True)
class CountryProfile:
    code: str
    name: str
    languages: tuple[str, ...]
    currencies: tuple[str, ...]
    time_zones: tuple[str, ...]
    weekend: tuple[int, ...]  # ISO weekdays, Monday = 0
    first_day_of_week: int
    business_hours: tuple[time, time]
    family_name_first: bool
    era: str
    has_holidays: bool


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
    from babel.core import UnknownLocaleError, get_global

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


def weekend_days(code: str) -> tuple[int, ...]:
    """The weekend in CLDR (Friday-Saturday in Saudi Arabia, Sunday only in India)."""
    region = _region_locale(code.upper())
    start, end = region.weekend_start, region.weekend_end
    days = [start]
    while days[-1] != end:
        days.append((days[-1] + 1) % 7)
    return tuple(days)


def country_name(code: str, *, locale: str = "en") -> str:
    return Locale.parse(locale).territories.get(code.upper(), code.upper())


@cache
def country_profile(code: str, *, locale: str = "en") -> CountryProfile:
    """Everything Amity knows about a country, with names in ``locale``."""
    code = code.upper()
    if code not in country_codes():
        raise LookupError(code)
    return CountryProfile(
        code=code,
        name=country_name(code, locale=locale),
        languages=tuple(get_official_languages(code, de_facto=True)),
        currencies=tuple(get_territory_currencies(code, date.today())),  # noqa: DTZ011
        time_zones=country_time_zones(code),
        weekend=weekend_days(code),
        first_day_of_week=_region_locale(code).first_week_day,
        business_hours=BUSINESS_HOURS.get(code, (time(9), time(17))),
        family_name_first=code in FAMILY_NAME_FIRST,
        era=ERAS.get(code, "gregorian"),
        has_holidays=code in holidays_data.list_supported_countries(),
    )
