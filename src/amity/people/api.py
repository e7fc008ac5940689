"""REST endpoints for organizations and contacts: cursor-paginated lists with the selectors'
filters, reads, writes through the services (PATCH changes only the fields sent) and bulk
creation that keeps the good records and reports each bad one."""

from typing import Annotated, Any, Literal

import phonenumbers
from django.utils.timezone import now as utc_now
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import AfterValidator

from amity.core.api_schemas import (
    BEFORE_HELP,
    BulkIn,
    BulkResult,
    InputSchema,
    RecordId,
    Text,
    Utc,
    bulk_create,
    bulk_error,
    bulk_validate,
    list_ordering,
    page_out,
)
from amity.core.audit_hooks import audit
from amity.core.crypto import is_encrypted
from amity.core.errors import DomainError
from amity.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, keyset_page
from amity.core.permissions import Action, require
from amity.people import bulk, reachability, selectors, services
from amity.people.contracts import (
    ContactData,
    EmailData,
    IdentifierData,
    OrganizationData,
    PhoneData,
    RoleData,
)
from amity.people.identifiers import identifier_format
from amity.people.models import Contact, Organization
from amity.people.sensitive import MASK, UNREADABLE, custom_reveal
from amity.people.validation import clean_country, clean_languages

router = Router(tags=["contacts and organizations"])

ACTOR_LABEL = "api"

# Lists with q are ordered by relevance unless the caller names an ordering.
SearchOrdering = Literal["relevance", "name", "-name", "created", "-created", "updated", "-updated"]
ORDERING_HELP = (
    "relevance (the default when q is given): records where a word starts with q's first word,"
    " then those containing it inside a word, each group in index order; an exact email or"
    " phone match alone when q is a whole one. name (the default without q), created or"
    " updated, '-' for descending: every match of q in that order, however many match (a very"
    " common q costs more in this order). A cursor belongs to the ordering that produced it."
)


def _by_relevance(q: str, ordering: str | None) -> bool:
    return bool(q.strip()) and ordering in (None, "relevance")


def _forward_only(before: str | None) -> None:
    if before:
        raise DomainError(
            _(
                "Results by relevance are followed forward only (next_cursor); order them by "
                "name or date to page back."
            ),
            field="before",
        )


def _named(ordering: str | None) -> str:
    return "name" if ordering in (None, "relevance") else ordering


# Contacts


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


class ContactListQuery(Schema):
    q: Text = Field("", max_length=200, description="Any part of a name, email or phone.")
    country: Text = ""
    language: Text = ""
    tag: Text = ""
    owner_id: RecordId | None = None
    organization_id: RecordId | None = None
    do_not_contact: bool | None = None
    reachable: bool | None = Field(
        None, description="true: only contacts in working hours where they are now."
    )
    ordering: SearchOrdering | None = Field(None, description=ORDERING_HELP)
    cursor: Text | None = None
    before: Text | None = Field(None, description=BEFORE_HELP)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def _language_filter(tag: str) -> str:
    if not tag:
        return ""
    try:
        return clean_languages([tag])[0]
    except DomainError as error:
        error.field = "language"
        raise


@router.get("/contacts", response=ContactPage)
def contacts_list(request, params: Query[ContactListQuery]):
    """Contacts passing every filter, one page at a time; follow `next_cursor`."""
    require(request.auth, Action.VIEW_RECORDS)
    filters = selectors.ContactFilters(
        q=params.q,
        country=clean_country(params.country),
        language=_language_filter(params.language),
        tag=params.tag,
        owner_id=params.owner_id,
        organization_id=params.organization_id,
        do_not_contact=params.do_not_contact,
    )
    if _by_relevance(params.q, params.ordering):
        _forward_only(params.before)
        page = selectors.contacts_ranked(
            filters,
            cursor=params.cursor,
            limit=params.limit,
            user=request.auth,
            narrow=None
            if params.reachable is None
            else lambda listed: reachability.contacts_reachable_now(
                listed, now=utc_now(), reachable=params.reachable
            ),
        )
        return page_out(page)
    contacts = selectors.contacts_listed(filters, user=request.auth)
    if params.reachable is not None:
        contacts = reachability.contacts_reachable_now(
            contacts, now=utc_now(), reachable=params.reachable
        )
    page = keyset_page(
        contacts,
        ordering=list_ordering(selectors.CONTACT_ORDERINGS, _named(params.ordering)),
        cursor=params.cursor,
        before=params.before,
        limit=params.limit,
    )
    return page_out(page)


@router.post("/contacts", response={201: ContactOut})
def contacts_create(request, payload: ContactIn):
    contact = services.contact_create(
        actor=request.auth, data=as_contact_data(payload), actor_label=ACTOR_LABEL
    )
    return Status(201, selectors.contact_get(contact.pk))


@router.post("/contacts/bulk", response=BulkResult)
def contacts_bulk_create(request, payload: BulkIn):
    """Create up to 1000 contacts; each bad record is reported by its index, the rest kept."""
    require(request.auth, Action.WRITE_RECORDS)
    valid, errors = bulk_validate(payload.records, ContactIn)
    created, refused = bulk.contacts_create_many(
        actor=request.auth,
        data=[as_contact_data(record) for _index, record in valid],
        actor_label=ACTOR_LABEL,
    )
    for position, error in refused:
        errors.append(bulk_error(valid[position][0], error))
    errors.sort(key=lambda item: item["index"])
    return {"created": [contact.pk for contact in created if contact], "errors": errors}


@router.get("/contacts/{int:contact_id}", response=ContactOut)
def contacts_get(request, contact_id: int):
    require(request.auth, Action.VIEW_RECORDS)
    contact = selectors.contact_get(contact_id, user=request.auth)
    audit(
        action="viewed", actor=request.auth, channel="api",
        subject_kind="contact", subject_id=contact.pk,
    )  # fmt: skip
    return contact


@router.patch("/contacts/{int:contact_id}", response=ContactOut)
def contacts_update(request, contact_id: int, payload: ContactIn):
    """Change the fields sent; the others keep their values."""
    require(request.auth, Action.WRITE_RECORDS)
    services.contact_update(
        actor=request.auth,
        contact=selectors.contact_get(contact_id, user=request.auth),
        data=as_contact_data(payload),
        fields={CONTACT_FIELD_NAMES.get(name, name) for name in payload.model_fields_set},
        actor_label=ACTOR_LABEL,
    )
    return selectors.contact_get(contact_id)  # the change may have moved it out of sight


@router.delete("/contacts/{int:contact_id}", response={204: None})
def contacts_delete(request, contact_id: int):
    require(request.auth, Action.WRITE_RECORDS)
    services.contact_delete(
        actor=request.auth,
        contact=selectors.contact_get(contact_id, user=request.auth),
        actor_label=ACTOR_LABEL,
    )
    return Status(204, None)


# Organizations


class IdentifierIn(InputSchema):
    scheme: Text = Field(description="pl_nip, th_tin, jp_cn, eu_vat, ...")
    value: Text = Field(max_length=64)


def _website_fits(url: str) -> str:
    # The column holds 300 characters and the service adds "https://" to a bare domain.
    full = url.strip() if "://" in url or not url.strip() else "https://" + url.strip()
    if len(full) > 300:
        raise ValueError(_("At most %(limit)s characters.") % {"limit": 300})
    return url


class OrganizationIn(InputSchema):
    """Every field is optional; a PATCH changes exactly the fields it sends."""

    name: Text = Field("", description="In the organization's own script.")
    name_latin: Text = ""
    industry: Text = Field("", description="ISIC Rev.4 section letter, A to U.")
    size_band: Text = Field("", description="1-9, 10-49, 50-249, 250-999 or 1000+.")
    country: Text = ""
    subdivision: Text = Field("", description="ISO 3166-2, e.g. TH-10.")
    street: Text = Field("", max_length=500)
    city: Text = ""
    postal_code: Text = ""
    region: Text = ""
    website: Annotated[Text, AfterValidator(_website_fits)] = ""
    owner_id: RecordId | None = None
    team_id: RecordId | None = None
    parent_id: RecordId | None = None
    identifiers: list[IdentifierIn] = Field([], max_length=20)
    tags: list[Text] = Field([], max_length=100)
    external_id: Text = ""


def as_organization_data(payload: OrganizationIn) -> OrganizationData:
    values = payload.model_dump(exclude={"identifiers", "tags"})
    return OrganizationData(
        **values,
        identifiers=tuple(IdentifierData(i.scheme, i.value) for i in payload.identifiers),
        tags=tuple(payload.tags),
    )


class IdentifierOut(Schema):
    scheme: str
    value: str = Field(description="Compacted.")
    formatted: str = Field(description="As people write it.")


class OrganizationOut(Schema):
    id: int
    name: str
    name_latin: str
    industry: str
    size_band: str
    country: str
    subdivision: str
    street: str
    city: str
    postal_code: str
    region: str
    website: str
    owner_id: int | None
    team_id: int | None
    parent_id: int | None
    identifiers: list[IdentifierOut]
    tags: list[str]
    external_id: str | None
    created_at: Utc
    updated_at: Utc

    @staticmethod
    def resolve_identifiers(obj: Organization) -> list[dict]:
        return [
            {
                "scheme": i.scheme,
                "value": i.value,
                "formatted": identifier_format(i.scheme, i.value),
            }
            for i in obj.identifiers.all()
        ]

    @staticmethod
    def resolve_tags(obj: Organization) -> list[str]:
        return [tag.name for tag in obj.tags.all()]


class OrganizationPage(Schema):
    items: list[OrganizationOut]
    next_cursor: str | None
    previous_cursor: str | None = None


class OrganizationListQuery(Schema):
    q: Text = Field("", max_length=200, description="Any part of a name, identifier or city.")
    country: Text = ""
    industry: Text = ""
    tag: Text = ""
    owner_id: RecordId | None = None
    parent_id: RecordId | None = None
    ordering: SearchOrdering | None = Field(None, description=ORDERING_HELP)
    cursor: Text | None = None
    before: Text | None = Field(None, description=BEFORE_HELP)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


@router.get("/organizations", response=OrganizationPage)
def organizations_list(request, params: Query[OrganizationListQuery]):
    """Organizations passing every filter, one page at a time; follow `next_cursor`."""
    require(request.auth, Action.VIEW_RECORDS)
    filters = selectors.OrganizationFilters(
        q=params.q,
        country=clean_country(params.country),
        industry=params.industry,
        tag=params.tag,
        owner_id=params.owner_id,
        parent_id=params.parent_id,
    )
    if _by_relevance(params.q, params.ordering):
        _forward_only(params.before)
        page = selectors.organizations_ranked(
            filters, cursor=params.cursor, limit=params.limit, user=request.auth
        )
        return page_out(page)
    page = keyset_page(
        selectors.organizations_listed(filters, user=request.auth),
        ordering=list_ordering(selectors.ORGANIZATION_ORDERINGS, _named(params.ordering)),
        cursor=params.cursor,
        before=params.before,
        limit=params.limit,
    )
    return page_out(page)


@router.post("/organizations", response={201: OrganizationOut})
def organizations_create(request, payload: OrganizationIn):
    organization = services.organization_create(
        actor=request.auth, data=as_organization_data(payload), actor_label=ACTOR_LABEL
    )
    return Status(201, selectors.organization_get(organization.pk))


@router.post("/organizations/bulk", response=BulkResult)
def organizations_bulk_create(request, payload: BulkIn):
    """Create up to 1000 organizations; each bad record is reported by its index."""
    require(request.auth, Action.WRITE_RECORDS)
    return bulk_create(
        payload.records,
        OrganizationIn,
        lambda record: services.organization_create(
            actor=request.auth, data=as_organization_data(record), actor_label=ACTOR_LABEL
        ),
    )


@router.get("/organizations/{int:organization_id}", response=OrganizationOut)
def organizations_get(request, organization_id: int):
    require(request.auth, Action.VIEW_RECORDS)
    organization = selectors.organization_get(organization_id, user=request.auth)
    audit(
        action="viewed", actor=request.auth, channel="api",
        subject_kind="organization", subject_id=organization.pk,
    )  # fmt: skip
    return organization


@router.patch("/organizations/{int:organization_id}", response=OrganizationOut)
def organizations_update(request, organization_id: int, payload: OrganizationIn):
    """Change the fields sent; the others keep their values."""
    require(request.auth, Action.WRITE_RECORDS)
    services.organization_update(
        actor=request.auth,
        organization=selectors.organization_get(organization_id, user=request.auth),
        data=as_organization_data(payload),
        fields=set(payload.model_fields_set),
        actor_label=ACTOR_LABEL,
    )
    return selectors.organization_get(organization_id)  # the change may have moved it


@router.delete("/organizations/{int:organization_id}", response={204: None})
def organizations_delete(request, organization_id: int):
    """Delete an organization; its contacts stay, without their role there."""
    require(request.auth, Action.WRITE_RECORDS)
    services.organization_delete(
        actor=request.auth,
        organization=selectors.organization_get(organization_id, user=request.auth),
        actor_label=ACTOR_LABEL,
    )
    return Status(204, None)
