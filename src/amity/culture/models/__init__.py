"""Culture data Amity keeps in its own tables (the rest comes from CLDR, tzdata and holidays)."""

from amity.culture.models.calendars import BusinessHoursOverride, CompanyClosure
from amity.culture.models.guidance import CountryGuidanceOverride, GuidanceField  # noqa: F401

__all__ = ["BusinessHoursOverride", "CompanyClosure"]
