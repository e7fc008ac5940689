"""REST endpoints for organizations and contacts: cursor-paginated lists with the selectors'
filters, reads, writes through the services (PATCH changes only the fields sent) and bulk
creation that keeps the good records and reports each bad one.

What a contact or an organization looks like in the API is ``contact_schemas`` and
``organization_schemas``."""

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from amity.core import clock
from amity.core.api_schemas import (
    BEFORE_HELP,
    BulkIn,
    BulkResult,
    RecordId,
    Text,
    bulk_create,
    bulk_error,
    bulk_validate,
    list_ordering,
    page_out,
)
from amity.core.audit_hooks import audit
from amity.core.errors import DomainError
from amity.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, keyset_page
from amity.core.permissions import Action, require
from amity.people import bulk, reachability, selectors, services
from amity.people.contact_schemas import (
    CONTACT_FIELD_NAMES,
    ContactIn,
    ContactOut,
    ContactPage,
    as_contact_data,
)
from amity.people.organization_schemas import (
    OrganizationIn,
    OrganizationOut,
    OrganizationPage,
    as_organization_data,
)
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
                listed, now=clock.now(), reachable=params.reachable
            ),
        )
        return page_out(page)
    contacts = selectors.contacts_listed(filters, user=request.auth)
    if params.reachable is not None:
        contacts = reachability.contacts_reachable_now(
            contacts, now=clock.now(), reachable=params.reachable
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
