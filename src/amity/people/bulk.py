"""Creating many contacts at once (imports, the API's bulk endpoint): exactly the validation
of ``contact_create``, with lookups shared by the batch, and the rows of a whole batch written
with a handful of queries (contacts, emails, phones, roles, tags, events, search entries)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.core import search
from amity.core.bulk_insert import insert_returning_ids, insert_rows
from amity.core.errors import Conflict, DomainError
from amity.people import search_documents
from amity.people.contracts import ContactData, OrganizationData
from amity.people.models import (
    Contact,
    ContactEmail,
    ContactOrganization,
    ContactPhone,
    Organization,
    PeopleEvent,
)
from amity.people.services.checks import clean_text, require_writer
from amity.people.services.contacts import contact_apply
from amity.people.services.lookups import Lookups
from amity.people.services.organizations import organization_apply
from amity.people.services.tags import tags_get


@dataclass
class PreparedContact:
    """A validated, unsaved contact, the rows that go with it and its folded search text
    (the costly part of its search entry, made while validating: an import does that in
    worker processes)."""

    contact: Contact
    related: dict
    search_text: tuple[str, str]


def contact_prepare(data: ContactData, *, lookups: Lookups) -> PreparedContact:
    """Validate one contact as ``contact_create`` would (raises DomainError); writes nothing."""
    contact = Contact()
    related = contact_apply(contact, data, lookups)
    return PreparedContact(contact, related, search.document_text(_document(contact, related)))


def prepared_role_set(prepared: PreparedContact, *, organization_id: int, title: str) -> None:
    """Give a prepared contact its role at an organization that exists (validated as
    ``contact_create`` validates roles; raises DomainError)."""
    prepared.related["roles"] = [(organization_id, clean_text(title, "roles", 150))]


def _document(contact: Contact, related: dict) -> search.SearchDocument:
    return search_documents.contact_document_from(
        contact,
        emails=[address for address, _label in related["emails"].values()],
        phones=list(related["phones"]),
        phones_national=related.get("phones_national"),
        organizations=[],  # the subtitle is made when the contact is written
    )


def contacts_insert(
    *,
    actor: User | None,
    prepared: list[PreparedContact],
    lookups: Lookups,
    actor_label: str = "",
) -> list[Contact]:
    """Write prepared contacts, their related rows, events and search entries in one
    transaction. An external id taken meanwhile raises IntegrityError for the whole batch."""
    require_writer(actor)
    if not prepared:
        return []
    contacts = [item.contact for item in prepared]
    with transaction.atomic():
        insert_returning_ids(Contact, contacts)
        emails, phones, roles, tag_rows, events, documents, texts = [], [], [], [], [], [], []
        tag_names = {name for item in prepared for name in item.related["tags"]}
        tags = {tag.name: tag for tag in tags_get(sorted(tag_names))}
        label = actor_label or (actor.username if actor else "system")
        actor_id = actor.pk if actor else None
        for item in prepared:
            contact, related = item.contact, item.related
            contact_id = contact.pk
            emails += [
                {
                    "contact_id": contact_id,
                    "address": address,
                    "normalized": normalized,
                    "label": email_label,
                    "is_primary": index == 0,
                }
                for index, (normalized, (address, email_label)) in enumerate(
                    related["emails"].items()
                )
            ]
            phones += [
                {
                    "contact_id": contact_id,
                    "number": number,
                    "label": phone_label,
                    "is_primary": index == 0,
                }
                for index, (number, phone_label) in enumerate(related["phones"].items())
            ]
            roles += [
                {
                    "contact_id": contact_id,
                    "organization_id": org_id,
                    "title": title,
                    "is_primary": index == 0,
                }
                for index, (org_id, title) in enumerate(related["roles"])
            ]
            tag_rows += [
                {"contact_id": contact_id, "tag_id": tags[name].pk} for name in related["tags"]
            ]
            events.append(
                {
                    "type": PeopleEvent.Type.CONTACT_CREATED,
                    "actor_id": actor_id,
                    "actor_label": label,
                    "contact_id": contact_id,
                    "data": {"name": contact.full_name},
                }
            )
            # The entry's text was made with the contact (item.search_text).
            subtitle = search_documents.contact_subtitle(
                [lookups.organization_names[o] for o, _title in related["roles"]],
                [address for address, _label in related["emails"].values()],
            )
            documents.append(
                search.SearchDocument(
                    search_documents.CONTACT, contact_id, contact.full_name, subtitle
                )
            )
            texts.append(item.search_text)
        insert_rows(ContactEmail, emails)
        insert_rows(ContactPhone, phones)
        insert_rows(ContactOrganization, roles)
        insert_rows(Contact.tags.through, tag_rows)
        insert_rows(PeopleEvent, events)
        search.index_new(documents, texts=texts)
    return contacts


def organizations_create_named(
    *, actor: User | None, names: list[str], actor_label: str = ""
) -> tuple[dict[str, Organization], dict[str, DomainError]]:
    """Create organizations known only by their names (what a contact import names as
    employers), validated as ``organization_create`` would, written together with their
    events and search entries. Returns the created ones by name and the refused names."""
    require_writer(actor)
    created: dict[str, Organization] = {}
    refused: dict[str, DomainError] = {}
    for name in dict.fromkeys(names):
        organization = Organization()
        try:
            organization_apply(organization, OrganizationData(name=name))
        except DomainError as error:
            refused[name] = error
            continue
        created[name] = organization
    if not created:
        return created, refused
    organizations = list(created.values())
    label = actor_label or (actor.username if actor else "system")
    with transaction.atomic():
        insert_returning_ids(Organization, organizations)
        insert_rows(
            PeopleEvent,
            [
                {
                    "type": PeopleEvent.Type.ORGANIZATION_CREATED,
                    "actor_id": actor.pk if actor else None,
                    "actor_label": label,
                    "organization_id": organization.pk,
                    "data": {"name": organization.name},
                }
                for organization in organizations
            ],
        )
        search.index_new(
            search_documents.organization_document(organization, identifiers=[])
            for organization in organizations
        )
    return created, refused


def contacts_create_many(
    *, actor: User | None, data: list[ContactData], actor_label: str = ""
) -> tuple[list[Contact | None], list[tuple[int, DomainError]]]:
    """Create many contacts: each valid one is written, each invalid one reported with its
    position (an external id already taken, or given twice, is a conflict). Returns the
    contacts in input order (None where refused) and the refusals."""
    require_writer(actor)
    lookups = Lookups()
    wanted = [item.external_id.strip() for item in data if item.external_id.strip()]
    taken = set(
        Contact.objects.filter(external_id__in=wanted).values_list("external_id", flat=True)
    )
    seen: set[str] = set()
    prepared: dict[int, PreparedContact] = {}
    refused: list[tuple[int, DomainError]] = []
    for index, item in enumerate(data):
        external_id = item.external_id.strip()
        if external_id and (external_id in taken or external_id in seen):
            refused.append(
                (
                    index,
                    Conflict(
                        _("Another record already has this external id."), field="external_id"
                    ),
                )
            )
            continue
        try:
            prepared[index] = contact_prepare(item, lookups=lookups)
        except DomainError as error:
            refused.append((index, error))
            continue
        if external_id:
            seen.add(external_id)
    contacts_insert(
        actor=actor, prepared=list(prepared.values()), lookups=lookups, actor_label=actor_label
    )
    created = [prepared[i].contact if i in prepared else None for i in range(len(data))]
    return created, refused
