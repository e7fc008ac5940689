"""Writes for organizations: create, change (all of it or some fields) and delete, validated
in full, in one transaction with the search entries, leaving a PeopleEvent naming its actor."""

from typing import Any, TypedDict

from django.db import transaction
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.core.errors import DomainError
from amity.core.partial_update import PartialUpdate
from amity.people import search_documents
from amity.people.contracts import (
    ORGANIZATION_LINKS,
    ORGANIZATION_TEXT,
    IdentifierData,
    OrganizationData,
)
from amity.people.history import record_event
from amity.people.models import Organization, OrganizationIdentifier, PeopleEvent
from amity.people.services.checks import clean_text, record_save, require_writer
from amity.people.services.lookups import active_user, team_get
from amity.people.services.tags import tag_names_clean, tags_get
from amity.people.validation import (
    clean_country,
    clean_identifier,
    clean_industry,
    clean_size_band,
    clean_subdivision,
    clean_website,
)


class OrganizationRelated(TypedDict):
    """A validated organization's related rows, written after the organization itself."""

    identifiers: dict[str, str]  # scheme: value
    tags: list[str]


def organization_data(organization: Organization) -> OrganizationData:
    """The record as OrganizationData (what an update starts from, what a merge keeps)."""
    stored: dict[str, Any] = {
        name: getattr(organization, name) for name in (*ORGANIZATION_TEXT, *ORGANIZATION_LINKS)
    }
    return OrganizationData(
        **stored,
        identifiers=tuple(
            IdentifierData(i.scheme, i.value) for i in organization.identifiers.all()
        ),
        tags=tuple(t.name for t in organization.tags.all()),
        external_id=organization.external_id or "",
    )


def organization_apply(organization: Organization, data: OrganizationData) -> OrganizationRelated:
    """Validate ``data`` into ``organization``'s columns (DomainError naming the field);
    returns the related rows to write. Writes nothing."""
    organization.name = clean_text(data.name, "name", 200)
    if not organization.name:
        raise DomainError(_("An organization needs a name."), field="name")
    organization.name_latin = clean_text(data.name_latin, "name_latin", 200)
    organization.industry = clean_industry(data.industry)
    organization.size_band = clean_size_band(data.size_band)
    organization.country = clean_country(data.country)
    organization.subdivision = clean_subdivision(data.subdivision, country=organization.country)
    organization.street = clean_text(data.street, "street", 500)
    organization.city = clean_text(data.city, "city", 120)
    organization.postal_code = clean_text(data.postal_code, "postal_code", 20)
    organization.region = clean_text(data.region, "region", 120)
    organization.website = clean_website(data.website)
    organization.owner = active_user(data.owner_id, "owner_id")
    organization.team = team_get(data.team_id)
    organization.external_id = clean_text(data.external_id, "external_id", 100) or None
    if data.parent_id is not None:
        parent = Organization.objects.filter(pk=data.parent_id).first()
        if parent is None:
            raise DomainError(
                _("There is no organization with id %(id)s.") % {"id": data.parent_id},
                field="parent_id",
            )
        ancestor: Organization | None = parent
        while ancestor is not None:  # a parent chain must not loop back to this organization
            if organization.pk and ancestor.pk == organization.pk:
                raise DomainError(_("An organization cannot be its own parent."), field="parent_id")
            ancestor = ancestor.parent
        organization.parent = parent
    else:
        organization.parent = None
    identifiers = {}
    for item in data.identifiers:
        if item.scheme in identifiers:
            raise DomainError(_("Give each identifier scheme once."), field="identifiers")
        identifiers[item.scheme] = clean_identifier(item.scheme, item.value)
    return {"identifiers": identifiers, "tags": tag_names_clean(data.tags)}


def _write_related(organization: Organization, related: OrganizationRelated) -> None:
    organization.identifiers.all().delete()
    OrganizationIdentifier.objects.bulk_create(
        OrganizationIdentifier(organization=organization, scheme=scheme, value=value)
        for scheme, value in related["identifiers"].items()
    )
    organization.tags.set(tags_get(related["tags"]))


def organization_create(
    *, actor: User | None, data: OrganizationData, actor_label: str = ""
) -> Organization:
    """Create an organization with validated identifiers; indexes it and records the event."""
    require_writer(actor)
    organization = Organization()
    related = organization_apply(organization, data)
    with transaction.atomic():
        record_save(organization)
        _write_related(organization, related)
        search_documents.organizations_index([organization.pk])
        record_event(
            PeopleEvent.Type.ORGANIZATION_CREATED,
            actor=actor,
            actor_label=actor_label,
            organization=organization,
            name=organization.name,
        )
    return organization


def organization_update(
    *,
    actor: User | None,
    organization: Organization,
    data: OrganizationData,
    fields: set[str] | None = None,
    actor_label: str = "",
) -> Organization:
    """Change an organization; ``fields`` limits the change (a partial update)."""
    require_writer(actor)
    update = PartialUpdate(organization, data, fields, stored=organization_data)
    working = update.working
    related = organization_apply(working, update.data)
    changed = update.changed()
    with transaction.atomic():
        record_save(working)
        _write_related(working, related)
        search_documents.organizations_index([working.pk])
        # Contacts show their organization's name in search results.
        search_documents.contacts_index(organization.roles.values_list("contact_id", flat=True))
        if changed:
            record_event(
                PeopleEvent.Type.ORGANIZATION_UPDATED,
                actor=actor,
                actor_label=actor_label,
                organization=working,
                fields=changed,
            )
    return update.done()


def organization_delete(
    *, actor: User | None, organization: Organization, actor_label: str = ""
) -> None:
    """Delete an organization; its contacts stay, without the role there."""
    require_writer(actor)
    with transaction.atomic():
        contact_ids = list(organization.roles.values_list("contact_id", flat=True))
        record_event(
            PeopleEvent.Type.ORGANIZATION_DELETED,
            actor=actor,
            actor_label=actor_label,
            organization_id=organization.pk,
            name=organization.name,
        )
        search_documents.organizations_unindex([organization.pk])
        organization.delete()
        search_documents.contacts_index(contact_ids)
