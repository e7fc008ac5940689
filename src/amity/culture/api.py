"""REST endpoints for countries: the list with names in the reader's language, and one
country's profile with its public holidays of a year."""

from django.utils import timezone, translation
from ninja import Query, Router, Schema

from amity.core.permissions import Action, require
from amity.culture.selectors import (
    MAX_YEAR,
    MIN_YEAR,
    country_detail,
    country_detail_data,
    country_list,
)

router = Router(tags=["countries"])


class CountryOut(Schema):
    code: str
    name: str


class HoursOut(Schema):
    opens: str
    closes: str
    set_by_company: bool


class FormatsOut(Schema):
    locale: str
    short_date_pattern: str
    medium_date_pattern: str
    short_date: str
    medium_date: str
    decimal_pattern: str
    decimal: str
    currency_pattern: str
    currency: str


class HolidayOut(Schema):
    date: str
    name: str
    local_name: str
    english_name: str


class CountryDetailOut(Schema):
    code: str
    name: str
    official_languages: list[str]
    common_languages: list[str]
    currencies: list[str]
    time_zones: list[str]
    weekend: list[int]
    first_day_of_week: int
    business_hours: HoursOut
    name_order: str
    era: str
    formats: FormatsOut
    subdivisions: list[str]
    holiday_languages: list[str]
    year: int
    subdivision: str | None
    holidays: list[HolidayOut]


class ListQuery(Schema):
    language: str | None = None


class DetailQuery(Schema):
    year: int | None = None
    subdivision: str | None = None
    language: str | None = None


def _language(asked: str | None) -> str:
    return asked or translation.get_language() or "en"


@router.get("/countries", response=list[CountryOut])
def countries(request, filters: Query[ListQuery]):
    """Every ISO 3166-1 country: code and name in ``language`` (default: yours), by name."""
    require(request.auth, Action.VIEW_RECORDS)
    return [
        {"code": code, "name": name}
        for code, name in country_list(language=_language(filters.language))
    ]


@router.get(
    "/countries/{code}",
    response=CountryDetailOut,
    description=(
        f"Weekdays are numbered Monday = 0. `year` defaults to this year ({MIN_YEAR}-{MAX_YEAR});"
        " `subdivision` is one of the country's `subdivisions` (CA for California)."
    ),
)
def country(request, code: str, filters: Query[DetailQuery]):
    """A country's profile, office hours, formats and public holidays of a year."""
    require(request.auth, Action.VIEW_RECORDS)
    detail = country_detail(
        code,
        year=timezone.now().year if filters.year is None else filters.year,
        language=_language(filters.language),
        subdivision=filters.subdivision,
    )
    return country_detail_data(detail)
