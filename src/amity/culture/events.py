"""The culture app's domain events: administrators' changes to the company's calendar and to
countries' guidance (``amity.core.events``). They touch no person's data: not audited."""

from dataclasses import dataclass

from amity.core.events import Event


@dataclass(frozen=True, kw_only=True)
class CountrySettingEvent(Event):
    country: str  # ISO 3166-1 code; empty for a company-wide closure


@dataclass(frozen=True, kw_only=True)
class CountryGuidanceEdited(CountrySettingEvent):
    name = "culture.guidance_edited"
    field: str


@dataclass(frozen=True, kw_only=True)
class CountryGuidanceReverted(CountrySettingEvent):
    name = "culture.guidance_reverted"
    field: str


@dataclass(frozen=True, kw_only=True)
class BusinessHoursSet(CountrySettingEvent):
    name = "culture.business_hours_set"


@dataclass(frozen=True, kw_only=True)
class BusinessHoursReset(CountrySettingEvent):
    name = "culture.business_hours_reset"


@dataclass(frozen=True, kw_only=True)
class ClosureCreated(CountrySettingEvent):
    name = "culture.closure_created"
    closure_id: int


@dataclass(frozen=True, kw_only=True)
class ClosureDeleted(Event):
    name = "culture.closure_deleted"
    closure_id: int
