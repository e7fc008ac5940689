"""How contacts and organizations appear in the one search index (``core.search``): every
name part, romanized forms, emails, phones (E.164 and as written at home) and identifiers."""

from collections.abc import Iterable

import phonenumbers

from amity.core import search
from amity.people.identifiers import identifier_format
from amity.people.models import Contact, Organization
from amity.people.names import romanized

CONTACT = "contact"
ORGANIZATION = "organization"


def _phone_forms(number: str) -> list[str]:
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return [number]
    return [number, phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)]


def contact_document(contact: Contact) -> search.SearchDocument:
    return contact_document_from(
        contact,
        emails=[e.address for e in contact.emails.all()],
        phones=[p.number for p in contact.phones.all()],
        organizations=[r.organization.name for r in contact.roles.all()],
    )


def contact_document_from(
    contact: Contact,
    *,
    emails: list[str],
    phones: list[str],
    organizations: list[str],
    phones_national: dict[str, str] | None = None,
) -> search.SearchDocument:
    """The document of a contact from its related values in hand (no queries);
    ``phones_national`` spares parsing numbers whose home format the caller already has."""
    language = contact.languages[0].split("-")[0] if contact.languages else None
    values = [
        contact.given_name,
        contact.family_name,
        contact.middle_name,
        contact.preferred_name,
        contact.name_latin,
        romanized(contact.full_name, language=language),
        romanized(contact.preferred_name, language=language),
        *emails,
        *(
            form
            for number in phones
            for form in (
                (number, phones_national[number])
                if phones_national and number in phones_national
                else _phone_forms(number)
            )
        ),
        contact.external_id or "",
    ]
    return search.SearchDocument(
        CONTACT, contact.pk, contact.full_name, contact_subtitle(organizations, emails), values
    )


def contact_subtitle(organizations: list[str], emails: list[str]) -> str:
    """What a search hit shows under a contact's name: the employer and the first address."""
    return " · ".join([*organizations[:1], *emails[:1]])


def organization_document(
    organization: Organization, *, identifiers: list[tuple[str, str]] | None = None
) -> search.SearchDocument:
    """An organization's document; ``identifiers`` ((scheme, value) pairs) when the caller has
    them in hand, else they are read from the organization."""
    if identifiers is None:
        identifiers = [(i.scheme, i.value) for i in organization.identifiers.all()]
    identifier_forms = [
        form for scheme, value in identifiers for form in (value, identifier_format(scheme, value))
    ]
    domain = organization.website.split("://", 1)[-1].split("/", 1)[0].removeprefix("www.")
    values = [
        organization.name_latin,
        romanized(organization.name),
        domain,
        organization.city,
        *identifier_forms,
        organization.external_id or "",
    ]
    return search.SearchDocument(
        ORGANIZATION, organization.pk, organization.name, organization.city, values
    )


def contacts_index(contact_ids: Iterable[int]) -> int:
    """(Re)write the search entries of these contacts."""
    contacts = Contact.objects.filter(pk__in=list(contact_ids)).prefetch_related(
        "emails", "phones", "roles__organization"
    )
    return search.index(contact_document(c) for c in contacts.iterator(chunk_size=2000))


def organizations_index(organization_ids: Iterable[int]) -> int:
    organizations = Organization.objects.filter(pk__in=list(organization_ids)).prefetch_related(
        "identifiers"
    )
    return search.index(organization_document(o) for o in organizations.iterator(chunk_size=2000))


def contacts_unindex(contact_ids: Iterable[int]) -> None:
    search.unindex(CONTACT, contact_ids)


def organizations_unindex(organization_ids: Iterable[int]) -> None:
    search.unindex(ORGANIZATION, organization_ids)


def reindex_all(batch: int = 5000) -> int:
    """Rebuild every people entry (after an import or a change to how documents look)."""
    total = 0
    for model, index in ((Organization, organizations_index), (Contact, contacts_index)):
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            total += index(ids[start : start + batch])
    return total
