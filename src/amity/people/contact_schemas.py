"""How the REST API reads and shows a contact: what a create or PATCH may send (turned into
the services' ContactData) and what a read returns, sensitive custom values masked for those
who may not see them."""

from typing import Any

import phonenumbers
from ninja import Field, Schema

from amity.core.api_schemas import InputSchema, RecordId, Text, Utc
from amity.core.crypto import is_encrypted
from amity.people import selectors
from amity.people.contracts import ContactData, EmailData, PhoneData, RoleData
from amity.people.models import Contact
from amity.people.sensitive import MASK, UNREADABLE, custom_reveal


class EmailIn(InputSchema):
    address: Text = Field(max_length=254)
    label: Text = ""


class PhoneIn(InputSchema):
    number: Text = Field(max_length=64, description="E.164, or national in the contact's country.")
    label: Text = ""


class RoleIn(InputSchema):
    organization_id: RecordId
    title: Text = ""


CustomValue = Text | int | float | bool | None


class ContactIn(InputSchema):
    """Every field is optional; a PATCH changes exactly the fields it sends. The first email
    and phone are the primary ones."""

    given_name: Text = ""
    family_name: Text = ""
    middle_name: Text = ""
    honorific_prefix: Text = ""
    name_order: Text = Field("", description="given_family or family_given; blank: the country's.")
    preferred_name: Text = ""
    name_latin: Text = ""
    form_of_address: Text = ""
    languages: list[Text] = Field([], max_length=20, description="BCP 47, preferred first.")
    country: Text = Field("", description="ISO 3166-1 alpha-2.")
    timezone: Text = Field("", description="IANA zone; blank: guessed when not in doubt.")
    emails: list[EmailIn] = Field([], max_length=50)
    phones: list[PhoneIn] = Field([], max_length=50)
    preferred_channels: list[Text] = Field([], max_length=20)
    do_not_contact: bool = False
    owner_id: RecordId | None = None
    team_id: RecordId | None = None
    organizations: list[RoleIn] = Field([], max_length=100)
    tags: list[Text] = Field([], max_length=100)
    custom: dict[Text, CustomValue] = {}
    external_id: Text = ""


# Where the API's name differs from the ContactData field it sets.
CONTACT_FIELD_NAMES = {"organizations": "roles"}


def as_contact_data(payload: ContactIn) -> ContactData:
    values = payload.model_dump(exclude={"emails", "phones", "organizations"})
    return ContactData(
        **{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()},
        emails=tuple(EmailData(e.address, e.label) for e in payload.emails),
        phones=tuple(PhoneData(p.number, p.label) for p in payload.phones),
        roles=tuple(RoleData(r.organization_id, r.title) for r in payload.organizations),
    )


class EmailOut(Schema):
    address: str
    label: str
    is_primary: bool


class PhoneOut(Schema):
    number: str = Field(description="E.164.")
    national: str = Field(description="As written in its own country.")
    label: str
    is_primary: bool


class RoleOut(Schema):
    organization_id: int
    name: str
    title: str


def _national(number: str) -> str:
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


class ContactOut(Schema):
    id: int
    given_name: str
    family_name: str
    middle_name: str
    honorific_prefix: str
    full_name: str
    name_order: str
    preferred_name: str
    name_latin: str
    form_of_address: str
    languages: list[str]
    country: str
    timezone: str
    emails: list[EmailOut]
    phones: list[PhoneOut]
    preferred_channels: list[str]
    do_not_contact: bool
    owner_id: int | None
    team_id: int | None
    organizations: list[RoleOut]
    tags: list[str]
    custom: dict[str, Any]
    external_id: str | None
    created_at: Utc
    updated_at: Utc

    @staticmethod
    def resolve_custom(obj: Contact, context) -> dict:
        """Sensitive values decrypted for administrators and managers, masked for others; the
        field definitions are read only when a value is encrypted, once per request."""
        if not any(is_encrypted(value) for value in obj.custom.values()):
            return dict(obj.custom)
        request = context["request"]
        definitions = getattr(request, "_amity_custom_fields", None)
        if definitions is None:
            definitions = request._amity_custom_fields = selectors.custom_fields()
        shown = custom_reveal(obj, reader=request.auth, definitions=definitions, channel="api")
        # A hidden value is null (sending it back keeps the stored value, see contact_update).
        return {
            key: None if value is MASK else str(value) if value is UNREADABLE else value
            for key, value in shown.items()
        }

    @staticmethod
    def resolve_emails(obj: Contact) -> list[dict]:
        return [
            {"address": e.address, "label": e.label, "is_primary": e.is_primary}
            for e in obj.emails.all()
        ]

    @staticmethod
    def resolve_phones(obj: Contact) -> list[dict]:
        return [
            {
                "number": p.number,
                "national": _national(p.number),
                "label": p.label,
                "is_primary": p.is_primary,
            }
            for p in obj.phones.all()
        ]

    @staticmethod
    def resolve_organizations(obj: Contact) -> list[dict]:
        return [
            {"organization_id": r.organization_id, "name": r.organization.name, "title": r.title}
            for r in obj.roles.all()
        ]

    @staticmethod
    def resolve_tags(obj: Contact) -> list[str]:
        return [tag.name for tag in obj.tags.all()]


class ContactPage(Schema):
    items: list[ContactOut]
    next_cursor: str | None
    previous_cursor: str | None = None
