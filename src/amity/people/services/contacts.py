"""Writes for contacts: create, change (all of it or some fields) and delete, each validated in
full, in one transaction with the search entry, leaving a PeopleEvent naming its actor."""

from dataclasses import replace
from typing import Any, TypedDict

from django.db import transaction
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.core import crypto
from amity.core.errors import DomainError
from amity.core.partial_update import PartialUpdate
from amity.people import search_documents
from amity.people.contracts import (
    CONTACT_LINKS,
    CONTACT_TEXT,
    ContactData,
    EmailData,
    PhoneData,
    RoleData,
)
from amity.people.history import record_event
from amity.people.localities import timezone_guess
from amity.people.models import (
    Contact,
    ContactEmail,
    ContactOrganization,
    ContactPhone,
    PeopleEvent,
)
from amity.people.names import default_name_order, full_name, match_key, sort_key
from amity.people.sensitive import custom_seal
from amity.people.services.checks import clean_text, record_save, require_writer
from amity.people.services.lookups import Lookups
from amity.people.services.tags import tag_names_clean, tags_get
from amity.people.validation import (
    clean_channels,
    clean_country,
    clean_custom,
    clean_email,
    clean_languages,
    clean_name_order,
    clean_phone_forms,
    clean_timezone,
)

MAX_TEXT = {"given_name": 120, "family_name": 120, "middle_name": 120, "preferred_name": 120}
# Columns that ContactData holds as they are stored (lists are stored as lists, held as tuples).
_AS_STORED = (*CONTACT_TEXT, "do_not_contact", *CONTACT_LINKS)


class ContactRelated(TypedDict):
    """A validated contact's related rows, written after the contact itself."""

    emails: dict[str, tuple[str, str]]  # normalized address: (address as written, label)
    phones: dict[str, str]  # E.164 number: label
    phones_national: dict[str, str]  # E.164 number: how it is written at home
    roles: list[tuple[int, str]]  # (organization id, title)
    tags: list[str]


def contact_data(contact: Contact) -> ContactData:
    """The record as ContactData (what an update starts from, what export writes)."""
    stored: dict[str, Any] = {name: getattr(contact, name) for name in _AS_STORED}
    return ContactData(
        **stored,
        languages=tuple(contact.languages),
        emails=tuple(EmailData(e.address, e.label) for e in contact.emails.all()),
        phones=tuple(PhoneData(p.number, p.label) for p in contact.phones.all()),
        preferred_channels=tuple(contact.preferred_channels),
        roles=tuple(RoleData(r.organization_id, r.title) for r in contact.roles.all()),
        tags=tuple(t.name for t in contact.tags.all()),
        custom=dict(contact.custom),
        external_id=contact.external_id or "",
    )


def contact_apply(
    contact: Contact, data: ContactData, lookups: Lookups | None = None
) -> ContactRelated:
    """Validate ``data`` into ``contact``'s columns (DomainError naming the field); returns the
    related rows to write. Writes nothing."""
    lookups = lookups or Lookups()
    for name, limit in MAX_TEXT.items():
        setattr(contact, name, clean_text(getattr(data, name), name, limit))
    contact.honorific_prefix = clean_text(data.honorific_prefix, "honorific_prefix", 40)
    contact.form_of_address = clean_text(data.form_of_address, "form_of_address", 200)
    contact.name_latin = clean_text(data.name_latin, "name_latin", 250)
    if not (contact.given_name or contact.family_name or contact.preferred_name):
        raise DomainError(
            _("A contact needs a given name, a family name or a preferred name."),
            field="given_name",
        )
    contact.country = clean_country(data.country)
    contact.name_order = clean_name_order(data.name_order) or default_name_order(contact.country)
    contact.languages = clean_languages(data.languages)
    contact.language_tags = f" {' '.join(contact.languages)} " if contact.languages else ""
    emails: dict[str, tuple[str, str]] = {}
    for item in data.emails:
        address, normalized = clean_email(item.address)
        emails.setdefault(normalized, (address, clean_text(item.label, "emails", 40)))
    phones: dict[str, str] = {}
    national: dict[str, str] = {}  # how each number is written at home, for the search entry
    for phone in data.phones:
        number, national_form = clean_phone_forms(phone.number, country=contact.country)
        phones.setdefault(number, clean_text(phone.label, "phones", 40))
        national.setdefault(number, national_form)
    contact.timezone = clean_timezone(data.timezone) or timezone_guess(
        country=contact.country, phone_numbers=list(phones)
    )
    contact.preferred_channels = clean_channels(data.preferred_channels)
    contact.do_not_contact = bool(data.do_not_contact)
    contact.owner = lookups.user(data.owner_id, "owner_id")
    contact.team = lookups.team(data.team_id)
    contact.custom = custom_seal(
        clean_custom(dict(data.custom), lookups.custom_fields),
        previous=contact.custom,
        definitions=lookups.custom_fields,
    )
    contact.external_id = clean_text(data.external_id, "external_id", 100) or None
    contact.full_name = (
        full_name(
            given=contact.given_name,
            family=contact.family_name,
            middle=contact.middle_name,
            order=contact.name_order,
        )
        or contact.preferred_name
    )
    language = contact.languages[0].split("-")[0] if contact.languages else None
    contact.match_key = match_key(contact.full_name, language=language)
    contact.sort_name = sort_key(
        family=contact.family_name, given=contact.given_name, fallback=contact.full_name
    )
    organizations = {role.organization_id: role for role in data.roles}
    lookups.require_organizations(organizations)
    return {
        "emails": emails,
        "phones": phones,
        "phones_national": national,
        "roles": [
            (org_id, clean_text(r.title, "roles", 150)) for org_id, r in organizations.items()
        ],
        "tags": tag_names_clean(data.tags),
    }


def _write_related(contact: Contact, related: ContactRelated) -> None:
    contact.emails.all().delete()
    ContactEmail.objects.bulk_create(
        ContactEmail(
            contact=contact,
            address=address,
            normalized=normalized,
            label=label,
            is_primary=index == 0,
        )
        for index, (normalized, (address, label)) in enumerate(related["emails"].items())
    )
    contact.phones.all().delete()
    ContactPhone.objects.bulk_create(
        ContactPhone(contact=contact, number=number, label=label, is_primary=index == 0)
        for index, (number, label) in enumerate(related["phones"].items())
    )
    contact.roles.all().delete()
    ContactOrganization.objects.bulk_create(
        ContactOrganization(
            contact=contact, organization_id=org_id, title=title, is_primary=index == 0
        )
        for index, (org_id, title) in enumerate(related["roles"])
    )
    contact.tags.set(tags_get(related["tags"]))


def contact_create(*, actor: User | None, data: ContactData, actor_label: str = "") -> Contact:
    """Create a contact from validated data; indexes it for search and records the event."""
    require_writer(actor)
    contact = Contact()
    related = contact_apply(contact, data)
    with transaction.atomic():
        record_save(contact)
        _write_related(contact, related)
        search_documents.contacts_index([contact.pk])
        record_event(
            PeopleEvent.Type.CONTACT_CREATED,
            actor=actor,
            actor_label=actor_label,
            contact=contact,
            name=contact.full_name,
        )
    return contact


def contact_update(
    *,
    actor: User | None,
    contact: Contact,
    data: ContactData,
    fields: set[str] | None = None,
    actor_label: str = "",
) -> Contact:
    """Change a contact; ``fields`` limits the change to those fields (a partial update)."""
    require_writer(actor)
    update = PartialUpdate(contact, data, fields, stored=contact_data)
    merged = _keep_hidden_values(actor, contact, update.data)
    working = update.working
    related = contact_apply(working, merged)
    changed = update.changed(merged)
    if "custom" in changed and working.custom == contact.custom:
        changed.remove("custom")  # the same values handed back (decrypted by the form)
    with transaction.atomic():
        record_save(working)
        _write_related(working, related)
        search_documents.contacts_index([working.pk])
        if changed:
            record_event(
                PeopleEvent.Type.CONTACT_UPDATED,
                actor=actor,
                actor_label=actor_label,
                contact=working,
                fields=changed,
            )
    return update.done()


def _keep_hidden_values(actor: User | None, contact: Contact, data: ContactData) -> ContactData:
    """Someone who may not read sensitive values (they saw them masked) replaces them but
    never clears them by sending them back empty or leaving them out."""
    if actor is None or crypto.sensitive_readable_by(actor):
        return data
    hidden = {
        key: value
        for key, value in contact.custom.items()
        if crypto.is_encrypted(value) and data.custom.get(key) in (None, "")
    }
    return replace(data, custom={**dict(data.custom), **hidden}) if hidden else data


def contact_delete(*, actor: User | None, contact: Contact, actor_label: str = "") -> None:
    """Delete a contact and its search entry; the event keeps only the id."""
    require_writer(actor)
    with transaction.atomic():
        record_event(
            PeopleEvent.Type.CONTACT_DELETED,
            actor=actor,
            actor_label=actor_label,
            contact=None,
            contact_id=contact.pk,
        )
        search_documents.contacts_unindex([contact.pk])
        contact.delete()
