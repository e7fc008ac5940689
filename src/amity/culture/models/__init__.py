"""Culture data Amity keeps in its own tables (the rest comes from CLDR, tzdata and holidays)."""

from amity.culture.models.calendars import BusinessHoursOverride, CompanyClosure

__all__ = ["BusinessHoursOverride", "CompanyClosure"]
