"""What callers (pages, API, import, other apps) hand to the people services: plain,
frozen data. The services validate and normalize every field."""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class EmailData:
    address: str
    label: str = ""


@dataclass(frozen=True)
class PhoneData:
    number: str
    label: str = ""


@dataclass(frozen=True)
class RoleData:
    organization_id: int
    title: str = ""


@dataclass(frozen=True)
class ContactData:
    given_name: str = ""
    family_name: str = ""
    middle_name: str = ""
    honorific_prefix: str = ""
    name_order: str = ""  # "" = the usual order in the contact's country
    preferred_name: str = ""
    name_latin: str = ""
    form_of_address: str = ""
    languages: tuple[str, ...] = ()
    country: str = ""
    timezone: str = ""  # "" = the country's or phone's only zone, when there is one
    emails: tuple[EmailData, ...] = ()
    phones: tuple[PhoneData, ...] = ()
    preferred_channels: tuple[str, ...] = ()
    do_not_contact: bool = False
    owner_id: int | None = None
    team_id: int | None = None
    roles: tuple[RoleData, ...] = ()
    tags: tuple[str, ...] = ()
    custom: dict[str, Any] = field(default_factory=dict)
    external_id: str = ""


@dataclass(frozen=True)
class IdentifierData:
    scheme: str
    value: str


@dataclass(frozen=True)
class OrganizationData:
    name: str = ""
    name_latin: str = ""
    industry: str = ""
    size_band: str = ""
    country: str = ""
    subdivision: str = ""
    street: str = ""
    city: str = ""
    postal_code: str = ""
    region: str = ""
    website: str = ""
    owner_id: int | None = None
    team_id: int | None = None
    parent_id: int | None = None
    identifiers: tuple[IdentifierData, ...] = ()
    tags: tuple[str, ...] = ()
    external_id: str = ""


CONTACT_FIELDS = frozenset(ContactData.__dataclass_fields__)
ORGANIZATION_FIELDS = frozenset(OrganizationData.__dataclass_fields__)
