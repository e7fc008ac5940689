"""Jurisdiction overrides: deciding a contact's privacy regime by another place than their
country (where they live, where the contract was signed)."""

from django.db import transaction

from amity.accounts.models import User
from amity.core.actors import as_actor
from amity.core.events import publish
from amity.core.permissions import Action, require
from amity.people.models import Contact
from amity.people.validation import clean_country, clean_subdivision
from amity.privacy.events import JurisdictionOverridden
from amity.privacy.models import ContactJurisdiction
from amity.privacy.services.cleaning import clean_text


def contact_jurisdiction_set(
    *, actor: User | None, contact: Contact, country: str, subdivision: str = "", reason: str = ""
) -> ContactJurisdiction | None:
    """Decide a contact's regime by this place instead of their country; a blank country
    removes the override."""
    if actor is not None:
        require(actor, Action.WRITE_RECORDS)
    country = clean_country(country)
    if not country:
        with transaction.atomic():
            ContactJurisdiction.objects.filter(contact=contact).delete()
            publish(JurisdictionOverridden(actor=as_actor(actor), record_id=contact.pk, country=""))
        return None
    subdivision = clean_subdivision(subdivision, country=country)
    with transaction.atomic():
        override, _created = ContactJurisdiction.objects.update_or_create(
            contact=contact,
            defaults={
                "country": country,
                "subdivision": subdivision,
                "reason": clean_text(reason, "reason", 1000),
                "set_by": actor,
            },
        )
        publish(
            JurisdictionOverridden(
                actor=as_actor(actor),
                record_id=contact.pk,
                country=country,
                subdivision=subdivision,
            )
        )
    return override
