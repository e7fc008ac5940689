"""Reads for contacts and organizations: filtered lists, lookups by the names people use for
a record (an id, an email, a phone number), and search-backed matching."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from dataclasses import fields as dataclass_fields
from typing import Any

import phonenumbers
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.accounts.visibility import (
    sees_everything,
    visible_contacts_q,
    visible_organizations_q,
)
from amity.core import search
from amity.core.bulk_read import values_in
from amity.core.errors import DomainError, NotFound
from amity.core.pagination import DEFAULT_LIMIT, Page
from amity.core.records import record_kind
from amity.people.contracts import ContactData, EmailData, PhoneData, RoleData
from amity.people.localities import language_tag_normalize
from amity.people.models import (
    Contact,
    ContactEmail,
    ContactOrganization,
    ContactPhone,
    CustomField,
    Organization,
)
from amity.people.search_documents import CONTACT, ORGANIZATION
from amity.people.validation import clean_email, phone_readings

CONTACT_ORDERINGS = {
    "name": ("sort_name", "id"),
    "created": ("created_at", "id"),
    "updated": ("updated_at", "id"),
}
ORGANIZATION_ORDERINGS = {
    "name": ("name", "id"),
    "created": ("created_at", "id"),
    "updated": ("updated_at", "id"),
}


@dataclass(frozen=True)
class ContactFilters:
    q: str = ""
    country: str = ""
    language: str = ""
    tag: str = ""
    owner_id: int | None = None
    organization_id: int | None = None
    do_not_contact: bool | None = None


def _with_related(contacts: QuerySet[Contact]) -> QuerySet[Contact]:
    return contacts.select_related("owner", "team").prefetch_related(
        "emails",
        "phones",
        "tags",
        Prefetch("roles", ContactOrganization.objects.select_related("organization")),
    )


def contacts_matching(filters: ContactFilters, *, user: User | None = None) -> QuerySet[Contact]:
    """Contacts that ``user`` may see (None: all) passing every filter (``q`` through the
    global search index), with what pages show of each (owner, team, emails, phones, tags,
    organizations)."""
    return contacts_listed(filters, user=user).select_related("owner", "team")


def contact_lookup(reference: str) -> Contact:
    """The contact a person or script names: ``42``, ``anna@example.pl`` or ``+48 601 234 567``.
    Raises NotFound, or DomainError when the email or phone belongs to several contacts."""
    reference = reference.strip()
    if reference.isdigit():
        found = Contact.objects.filter(pk=int(reference))
    elif "@" in reference:
        found = Contact.objects.filter(emails__normalized=reference.lower())
    else:
        try:
            parsed = phonenumbers.parse(reference, None)
            number = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            number = ""
        found = Contact.objects.filter(phones__number=number) if number else Contact.objects.none()
    matches = list(_with_related(found.distinct())[:2])
    if not matches:
        raise NotFound(_("No contact is named %(ref)s.") % {"ref": reference})
    if len(matches) > 1:
        raise DomainError(
            _("%(ref)s belongs to several contacts; name the contact by its id.")
            % {"ref": reference},
            code="ambiguous",
        )
    return matches[0]


def contact_get(contact_id: int, *, user: User | None = None) -> Contact:
    """One contact with what its page shows; NotFound also when ``user`` may not see it, so a
    hidden record looks like a missing one."""
    visible = Contact.objects.filter(visible_contacts_q(user), pk=contact_id)
    contact = _with_related(visible).first()
    if contact is None:
        raise NotFound(_("No contact has the id %(id)s.") % {"id": contact_id})
    return contact


def contacts_by_email(normalized: str) -> QuerySet[Contact]:
    return Contact.objects.filter(
        pk__in=ContactEmail.objects.filter(normalized=normalized).values("contact_id")
    )


@dataclass(frozen=True)
class OrganizationFilters:
    q: str = ""
    country: str = ""
    industry: str = ""
    tag: str = ""
    owner_id: int | None = None
    parent_id: int | None = None


def organizations_matching(
    filters: OrganizationFilters, *, user: User | None = None
) -> QuerySet[Organization]:
    """Organizations that ``user`` may see (None: all) passing every filter, with owner, team
    and parent for pages."""
    return organizations_listed(filters, user=user).select_related("owner", "team", "parent")


def organization_get(organization_id: int, *, user: User | None = None) -> Organization:
    """One organization with what its page shows; NotFound also when ``user`` may not see it."""
    organization = (
        Organization.objects.filter(visible_organizations_q(user), pk=organization_id)
        .select_related("owner", "team", "parent")
        .prefetch_related("identifiers", "tags", "subsidiaries")
        .first()
    )
    if organization is None:
        raise NotFound(_("No organization has the id %(id)s.") % {"id": organization_id})
    return organization


def organization_lookup(reference: str) -> Organization:
    """An organization by id or by exact external id."""
    reference = reference.strip()
    query = Q(external_id=reference)
    if reference.isdigit():
        query |= Q(pk=int(reference))
    organization = Organization.objects.filter(query).first()
    if organization is None:
        raise NotFound(_("No organization is named %(ref)s.") % {"ref": reference})
    return organization


def contact_exists(contact_id: int, *, user: User | None = None) -> bool:
    """Whether a contact has this id and ``user`` may see it (one cheap query, nothing
    loaded)."""
    return Contact.objects.filter(visible_contacts_q(user), pk=contact_id).exists()


def organization_exists(organization_id: int, *, user: User | None = None) -> bool:
    """Whether an organization has this id and ``user`` may see it (one cheap query)."""
    return Organization.objects.filter(visible_organizations_q(user), pk=organization_id).exists()


def contacts_listed(filters: ContactFilters, *, user: User | None = None) -> QuerySet[Contact]:
    """The contacts of ``contacts_matching``, shaped for keyset pages over a million rows: the
    tag and organization filters are semi-joins (``id IN (...)``) rather than joins, so no
    DISTINCT makes the database sort every match before returning the first page. Only those
    ``user`` may see (None: all; see ``amity.accounts.visibility``)."""
    contacts = Contact.objects.filter(visible_contacts_q(user))
    if filters.q.strip():
        matching = search.matching_records(
            filters.q, kind=CONTACT, outer_id='"people_contact"."id"'
        )
        contacts = contacts.filter(pk__in=matching) if matching else contacts.none()
    if filters.country:
        contacts = contacts.filter(country=filters.country.upper())
    if filters.language:
        try:
            tag = language_tag_normalize(filters.language)
        except ValueError:
            tag = filters.language.strip()
        # "en" also finds en-GB; tags are stored normalized (see people.localities).
        contacts = contacts.filter(
            Q(language_tags__contains=f" {tag} ") | Q(language_tags__contains=f" {tag}-")
        )
    if filters.tag:
        tagged = Contact.tags.through.objects.filter(tag__name=filters.tag)
        contacts = contacts.filter(pk__in=tagged.values("contact_id"))
    if filters.owner_id is not None:
        contacts = contacts.filter(owner_id=filters.owner_id)
    if filters.organization_id is not None:
        roles = ContactOrganization.objects.filter(organization_id=filters.organization_id)
        contacts = contacts.filter(pk__in=roles.values("contact_id"))
    if filters.do_not_contact is not None:
        contacts = contacts.filter(do_not_contact=filters.do_not_contact)
    return contacts.prefetch_related(
        "emails",
        "phones",
        "tags",
        Prefetch("roles", ContactOrganization.objects.select_related("organization")),
    )


def organizations_listed(
    filters: OrganizationFilters, *, user: User | None = None
) -> QuerySet[Organization]:
    """The organizations of ``organizations_matching`` that ``user`` may see, shaped for
    keyset pages like ``contacts_listed`` (the tag filter is a semi-join, so no DISTINCT)."""
    organizations = Organization.objects.filter(visible_organizations_q(user))
    if filters.q.strip():
        matching = search.matching_records(
            filters.q, kind=ORGANIZATION, outer_id='"people_organization"."id"'
        )
        organizations = organizations.filter(pk__in=matching) if matching else organizations.none()
    if filters.country:
        organizations = organizations.filter(country=filters.country.upper())
    if filters.industry:
        organizations = organizations.filter(industry=filters.industry.upper())
    if filters.tag:
        tagged = Organization.tags.through.objects.filter(tag__name=filters.tag)
        organizations = organizations.filter(pk__in=tagged.values("organization_id"))
    if filters.owner_id is not None:
        organizations = organizations.filter(owner_id=filters.owner_id)
    if filters.parent_id is not None:
        organizations = organizations.filter(parent_id=filters.parent_id)
    return organizations.prefetch_related("identifiers", "tags")


def custom_fields() -> dict[str, CustomField]:
    """The custom fields admins defined for contacts, by key, in label order."""
    return {field.key: field for field in CustomField.objects.order_by("label", "key")}


def contact_ids_with(reference: str) -> list[int]:
    """Ids of the contacts having exactly this email address or phone number (an equality on
    the indexed normalized columns; a national number matches its reading in any country);
    [] when it is neither or nobody has it."""
    reference = reference.strip()
    found: QuerySet[ContactEmail] | QuerySet[ContactPhone]
    if "@" in reference:
        try:
            _address, normalized = clean_email(reference)
        except DomainError:
            return []
        found = ContactEmail.objects.filter(normalized=normalized)
    else:
        numbers = phone_readings(reference)  # a national number: what it is in each country
        if not numbers:
            return []
        found = ContactPhone.objects.filter(number__in=numbers)
    return sorted(set(found.values_list("contact_id", flat=True)))


def contacts_ranked(
    filters: ContactFilters,
    *,
    cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
    narrow: Callable[[QuerySet[Contact]], QuerySet[Contact]] | None = None,
    user: User | None = None,
) -> Page[Contact]:
    """One page of the contacts matching ``filters.q`` that pass the other filters (and
    ``narrow``, a further filter of the caller's) and that ``user`` may see, best matches
    first (see ``core.search.ranked``); follow ``next_cursor`` for the rest."""
    others = replace(filters, q="")
    listed = contacts_listed(others, user=user).select_related("owner", "team")
    if narrow is not None:
        listed = narrow(listed)
    accept = None
    if others != ContactFilters() or narrow is not None or not sees_everything(user):

        def accept(ids: list[int]) -> set[int]:
            return set(listed.filter(pk__in=ids).values_list("pk", flat=True))

    ranked = search.ranked(filters.q, kind=CONTACT, cursor=cursor, limit=limit, accept=accept)
    found = listed.in_bulk(ranked.object_ids) if ranked.object_ids else {}
    return Page([found[i] for i in ranked.object_ids if i in found], ranked.next_cursor)


def organizations_ranked(
    filters: OrganizationFilters,
    *,
    cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
    user: User | None = None,
) -> Page[Organization]:
    """One page of the organizations matching ``filters.q`` that pass the other filters and
    that ``user`` may see, best matches first; follow ``next_cursor`` for the rest."""
    others = replace(filters, q="")
    listed = organizations_listed(others, user=user).select_related("owner", "team", "parent")
    accept = None
    if others != OrganizationFilters() or not sees_everything(user):

        def accept(ids: list[int]) -> set[int]:
            return set(listed.filter(pk__in=ids).values_list("pk", flat=True))

    ranked = search.ranked(filters.q, kind=ORGANIZATION, cursor=cursor, limit=limit, accept=accept)
    found = listed.in_bulk(ranked.object_ids) if ranked.object_ids else {}
    return Page([found[i] for i in ranked.object_ids if i in found], ranked.next_cursor)


def search_hits(
    query: str, *, kinds: list[str], limit: int, user: User | None = None
) -> list[search.Hit]:
    """The search box's hits (``core.search.search``) that ``user`` may see, best first, at
    most ``limit``. For a scoped user the search looks further (its whole candidate set) and
    drops the hidden records with one query per kind, so hidden names never show."""
    if sees_everything(user):
        return search.search(query, kinds=kinds, limit=limit)
    hits = search.search(query, kinds=kinds, limit=max(limit, search.CANDIDATES))
    visible: dict[str, set[int]] = {}
    for kind in kinds:
        ids = [hit.object_id for hit in hits if hit.kind == kind]
        registered = record_kind(kind)
        if ids and registered is not None and registered.visible_ids is not None:
            visible[kind] = registered.visible_ids(user, ids)
    return [hit for hit in hits if hit.object_id in visible.get(hit.kind, set())][:limit]


def contacts_visible(user: User | None, ids: list[int]) -> set[int]:
    """Those of ``ids`` that ``user`` may see (one query)."""
    found = Contact.objects.filter(visible_contacts_q(user), pk__in=ids)
    return set(found.values_list("pk", flat=True))


def organizations_visible(user: User | None, ids: list[int]) -> set[int]:
    """Those of ``ids`` that ``user`` may see (one query)."""
    found = Organization.objects.filter(visible_organizations_q(user), pk__in=ids)
    return set(found.values_list("pk", flat=True))


def _primary_first(row: tuple[Any, ...]) -> tuple[int, bool, int]:
    contact_id, is_primary, pk, *_values = row
    return (contact_id, not is_primary, pk)


def contacts_data(contact_ids: Iterable[int]) -> dict[int, ContactData]:
    """Many contacts as ``services.contact_data`` gives each one, from five queries and no
    model instances (an import's re-run compares each row with the contact it describes)."""
    ids = list(contact_ids)
    if not ids:  # (a first import's batches find nobody)
        return {}
    # Each list holds one field's values (EmailData, PhoneData, RoleData, tag names).
    related: dict[str, dict[int, list[Any]]] = {"emails": {}, "phones": {}, "roles": {}, "tags": {}}
    read = {
        "emails": (ContactEmail, ("address", "label"), EmailData),
        "phones": (ContactPhone, ("number", "label"), PhoneData),
        "roles": (ContactOrganization, ("organization_id", "title"), RoleData),
    }
    for name, (model, kind_columns, kind) in read.items():
        kind_rows = values_in(
            model, ("contact_id", "is_primary", "id", *kind_columns), "contact", ids
        )
        # In the models' own order, as ``contact_data`` reads them: the primary one first.
        for contact_id, _primary, _pk, *values in sorted(kind_rows, key=_primary_first):
            related[name].setdefault(contact_id, []).append(kind(*values))
    tags = Contact.tags.through.objects.filter(contact_id__in=ids).order_by("tag__name")
    for contact_id, tag in tags.values_list("contact_id", "tag__name"):
        related["tags"].setdefault(contact_id, []).append(tag)
    columns = [f.name for f in dataclass_fields(ContactData) if f.name not in related]
    found: dict[int, ContactData] = {}
    for values in Contact.objects.filter(pk__in=ids).values("pk", *columns):
        pk = values.pop("pk")
        values["languages"] = tuple(values["languages"])
        values["preferred_channels"] = tuple(values["preferred_channels"])
        values["external_id"] = values["external_id"] or ""
        parts: dict[str, Any] = {name: tuple(rows.get(pk, ())) for name, rows in related.items()}
        found[pk] = ContactData(**values, **parts)
    return found
