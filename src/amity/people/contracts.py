"""What callers (pages, API, import, other apps) hand to the people services: plain,
frozen data. The services validate and normalize every field."""

from dataclasses import dataclass, field, fields
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


def _names(
    contract: type, *, typed: object = None, leaving_out: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """A contract's field names in the order it declares them (only those of type ``typed``
    when it is given)."""
    return tuple(
        f.name
        for f in fields(contract)
        if (typed is None or f.type == typed) and f.name not in leaving_out
    )


# The field catalogue. The lists of contact and organization fields used elsewhere (record
# snapshots, merging, page forms, import and export columns) are derived from these, so a new
# field is declared once, above; the API schemas are written out and checked against them.
CONTACT_FIELDS = _names(ContactData)
ORGANIZATION_FIELDS = _names(OrganizationData)
# Text the record keeps as validated, in the column of the same name (not the external id:
# a blank one is stored as null).
CONTACT_TEXT = _names(ContactData, typed=str, leaving_out=("external_id",))
ORGANIZATION_TEXT = _names(OrganizationData, typed=str, leaving_out=("external_id",))
# Ids of the records this one points at: its owner, its team, an organization's parent.
CONTACT_LINKS = _names(ContactData, typed=int | None)
ORGANIZATION_LINKS = _names(OrganizationData, typed=int | None)
