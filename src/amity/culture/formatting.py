"""Dates as a reader expects to read them: the active language's date formats, with the year in
the era the reader chose (Thai readers commonly count years in the Buddhist era: 2026 is 2569).

Machine-readable forms (ISO 8601 in ``<time datetime>``, API values, exports) stay Gregorian.
"""

from datetime import date, datetime

from django.utils import dateformat, timezone
from django.utils.formats import get_format

# Years added to the Gregorian year in each era Amity can show.
ERA_OFFSETS = {"gregorian": 0, "buddhist": 543}


def era_year(year: int, era: str) -> int:
    """The year as counted in ``era`` (2026 -> 2569 in the Buddhist era)."""
    return year + ERA_OFFSETS.get(era, 0)


def _escaped(text: str) -> str:
    return "".join("\\" + character for character in text)


def _format_in_era(pattern: str, year: int) -> str:
    """A Django date pattern whose year letters (Y, y) print ``year`` instead."""
    out = []
    characters = iter(pattern)
    for character in characters:
        if character == "\\":
            out.append(character + next(characters, ""))
        elif character == "Y":
            out.append(_escaped(str(year)))
        elif character == "y":
            out.append(_escaped(f"{year % 100:02d}"))
        else:
            out.append(character)
    return "".join(out)


def format_date_for(
    value: date | datetime | None, *, era: str = "gregorian", format_name: str | None = None
) -> str:
    """``value`` in the active language's ``format_name`` (DATE_FORMAT for a date,
    DATETIME_FORMAT for a datetime, shown in the current time zone), years in ``era``."""
    if value is None or value == "":
        return ""
    is_moment = isinstance(value, datetime)
    if is_moment and timezone.is_aware(value):
        value = timezone.localtime(value)
    pattern = get_format(format_name or ("DATETIME_FORMAT" if is_moment else "DATE_FORMAT"))
    if ERA_OFFSETS.get(era, 0):
        pattern = _format_in_era(pattern, era_year(value.year, era))
    return dateformat.format(value, pattern)


def viewer_era(viewer: object) -> str:
    """The era a viewer chose (a user's ``calendar_era``, or an era name), else Gregorian."""
    if isinstance(viewer, str):
        return viewer if viewer in ERA_OFFSETS else "gregorian"
    era = getattr(viewer, "calendar_era", "gregorian")
    return era if era in ERA_OFFSETS else "gregorian"


def era_date(value: date | datetime | None, viewer: object = None) -> str:
    """A date or datetime in the active language's format, the year in the viewer's era."""
    return format_date_for(value, era=viewer_era(viewer))


def era_short_date(value: date | datetime | None, viewer: object = None) -> str:
    """The short date form (SHORT_DATE_FORMAT), the year in the viewer's era."""
    return format_date_for(value, era=viewer_era(viewer), format_name="SHORT_DATE_FORMAT")
