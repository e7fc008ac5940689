"""Merging two records of one person (or one organization) into the one to keep: nothing is
lost. Emails, phones, roles, tags, custom values and history move over; blank fields of the
kept record are filled from the other; the merge is an event on the kept record's timeline
holding a snapshot of the merged record, so it can be audited.

Apps above ``people`` that point at contacts or organizations (interactions, tickets,
orders...) give their record kind a merge hook (``amity.core.records``): ``fn(kind, keep_id,
merged_id)`` moves their rows inside the merge's transaction.
"""

from dataclasses import asdict

from django.db import transaction
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.core.errors import DomainError
from amity.core.records import merge_hooks
from amity.people import search_documents, selectors
from amity.people.contracts import (
    CONTACT_LINKS,
    CONTACT_TEXT,
    ORGANIZATION_LINKS,
    ORGANIZATION_TEXT,
)
from amity.people.history import record_event
from amity.people.models import (
    Contact,
    ContactEmail,
    ContactOrganization,
    ContactPhone,
    Organization,
    OrganizationIdentifier,
    PeopleEvent,
)
from amity.people.sensitive import custom_snapshot
from amity.people.services import contact_data, organization_data, require_writer

# Fields copied from the merged record when the kept one has them blank. Not the name order
# (it goes with the kept record's own names), an organization's name (never blank) nor its
# parent (the merged organization's parent may be the kept one: it would become its own).
CONTACT_FILL = tuple(n for n in (*CONTACT_TEXT, *CONTACT_LINKS) if n != "name_order")
ORGANIZATION_FILL = tuple(
    n for n in (*ORGANIZATION_TEXT, *ORGANIZATION_LINKS) if n not in ("name", "parent_id")
)


def _snapshot(data) -> dict:
    return {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in asdict(data).items()
    }


def contacts_merge(
    *, actor: User | None, keep: Contact, merge: Contact, actor_label: str = ""
) -> Contact:
    """Merge ``merge`` into ``keep`` and delete ``merge``; returns the kept contact."""
    require_writer(actor)
    if keep.pk == merge.pk:
        raise DomainError(_("A contact cannot be merged with itself."), field="merge")
    snapshot = _snapshot(contact_data(merge))
    # Sensitive custom values stay out of the event row (it outlives keys and the contact).
    snapshot["custom"] = custom_snapshot(snapshot["custom"], selectors.custom_fields())
    with transaction.atomic():
        for name in CONTACT_FILL:
            if not getattr(keep, name) and getattr(merge, name):
                setattr(keep, name, getattr(merge, name))
        keep.languages = list(dict.fromkeys([*keep.languages, *merge.languages]))
        keep.language_tags = f" {' '.join(keep.languages)} " if keep.languages else ""
        keep.preferred_channels = list(
            dict.fromkeys([*keep.preferred_channels, *merge.preferred_channels])
        )
        keep.custom = {**merge.custom, **keep.custom}
        keep.do_not_contact = keep.do_not_contact or merge.do_not_contact
        external_id = keep.external_id or merge.external_id
        merge.external_id = None
        merge.save(update_fields=["external_id"])
        keep.external_id = external_id
        keep.save()
        have = set(keep.emails.values_list("normalized", flat=True))
        ContactEmail.objects.filter(contact=merge).exclude(normalized__in=have).update(
            contact=keep, is_primary=False
        )
        have = set(keep.phones.values_list("number", flat=True))
        ContactPhone.objects.filter(contact=merge).exclude(number__in=have).update(
            contact=keep, is_primary=False
        )
        have = set(keep.roles.values_list("organization_id", flat=True))
        ContactOrganization.objects.filter(contact=merge).exclude(organization_id__in=have).update(
            contact=keep, is_primary=False
        )
        keep.tags.add(*merge.tags.all())
        PeopleEvent.objects.filter(contact=merge).update(contact=keep)
        for hook in merge_hooks():
            hook("contact", keep.pk, merge.pk)
        merged_id = merge.pk
        record_event(
            PeopleEvent.Type.CONTACTS_MERGED,
            actor=actor,
            actor_label=actor_label,
            contact=keep,
            merged_id=merged_id,
            merged_name=merge.full_name,
            merged=snapshot,
        )
        search_documents.contacts_unindex([merged_id])
        merge.delete()
        search_documents.contacts_index([keep.pk])
    keep.refresh_from_db()
    return keep


def organizations_merge(
    *, actor: User | None, keep: Organization, merge: Organization, actor_label: str = ""
) -> Organization:
    """Merge ``merge`` into ``keep`` (roles, identifiers, subsidiaries, tags, history)."""
    require_writer(actor)
    if keep.pk == merge.pk:
        raise DomainError(_("An organization cannot be merged with itself."), field="merge")
    snapshot = _snapshot(organization_data(merge))
    with transaction.atomic():
        for name in ORGANIZATION_FILL:
            if not getattr(keep, name) and getattr(merge, name):
                setattr(keep, name, getattr(merge, name))
        external_id = keep.external_id or merge.external_id
        merge.external_id = None
        merge.save(update_fields=["external_id"])
        keep.external_id = external_id
        keep.save()
        have = set(keep.identifiers.values_list("scheme", flat=True))
        OrganizationIdentifier.objects.filter(organization=merge).exclude(scheme__in=have).update(
            organization=keep
        )
        have = set(keep.roles.values_list("contact_id", flat=True))
        moved = list(
            ContactOrganization.objects.filter(organization=merge)
            .exclude(contact_id__in=have)
            .values_list("contact_id", flat=True)
        )
        ContactOrganization.objects.filter(organization=merge, contact_id__in=moved).update(
            organization=keep
        )
        Organization.objects.filter(parent=merge).exclude(pk=keep.pk).update(parent=keep)
        keep.tags.add(*merge.tags.all())
        PeopleEvent.objects.filter(organization=merge).update(organization=keep)
        for hook in merge_hooks():
            hook("organization", keep.pk, merge.pk)
        merged_id = merge.pk
        record_event(
            PeopleEvent.Type.ORGANIZATIONS_MERGED,
            actor=actor,
            actor_label=actor_label,
            organization=keep,
            merged_id=merged_id,
            merged_name=merge.name,
            merged=snapshot,
        )
        search_documents.organizations_unindex([merged_id])
        contact_ids = list(merge.roles.values_list("contact_id", flat=True)) + moved
        merge.delete()
        search_documents.organizations_index([keep.pk])
        search_documents.contacts_index(contact_ids)
    keep.refresh_from_db()
    return keep
