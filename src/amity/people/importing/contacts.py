"""Contact rows: found by external id, then email; new ones written together at the end of
their batch; known ones updated (an import adds emails, phones, tags and roles, never removes
them) or left alone when the row changes nothing."""

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from django.utils.translation import gettext as _

from amity.core.bulk_read import values_in
from amity.core.errors import DomainError
from amity.people.bulk import (
    PreparedContact,
    contacts_insert,
    organizations_create_named,
    prepared_role_set,
)
from amity.people.contracts import ContactData, RoleData
from amity.people.importing.checking import Checked, ContactChecker
from amity.people.importing.rows import ContactRow, RowRejected, contact_point_problems
from amity.people.importing.writing import (
    CREATED,
    UNCHANGED,
    UPDATED,
    Importer,
    normalized,
    plain,
    record_matched,
)
from amity.people.models import Contact, ContactEmail, Organization
from amity.people.selectors import contacts_data
from amity.people.services import contact_data, contact_update
from amity.people.validation import clean_channels, clean_custom, clean_languages, clean_phone

# Which of the file's fields a service's error field stands for (to name the column at fault).
CONTACT_ERROR_FIELDS = {
    "emails": {"email", "work_email", "home_email", "emails"},
    "phones": {"phone", "mobile", "work_phone", "home_phone", "phones"},
    "given_name": {"given_name", "family_name", "preferred_name", "full_name"},
    "owner_id": {"owner"},
    "team_id": {"team"},
    "roles": {"organization", "job_title"},
}


class _KnownContacts:
    """The contacts one batch may describe, found with a few queries for the whole batch."""

    def __init__(self, rows: list[ContactRow]):
        self.by_external: dict[str, int] = {}
        self.by_email: dict[str, set[int]] = {}
        self.external_of: dict[int, str] = {}
        external_ids = {row.external_id for row in rows if row.external_id}
        emails = {email for row in rows for email in row.match_emails}
        found = values_in(Contact, ("id", "external_id"), "external_id", external_ids)
        self.by_external.update((external_id, pk) for pk, external_id in found)
        for address, contact_id in values_in(
            ContactEmail, ("normalized", "contact_id"), "normalized", emails
        ):
            self.by_email.setdefault(address, set()).add(contact_id)
        ids = set(self.by_external.values()).union(*self.by_email.values())
        # What rows are compared with: plain data (most rows of a re-run change nothing).
        self.data = contacts_data(ids)
        for pk, data in self.data.items():
            self.external_of[pk] = data.external_id
        self.loaded: dict[int, Contact] = {}
        self.unloaded = ids  # instances (to update) load together, the first time one is needed

    @staticmethod
    def _query(ids: Iterable[int]):
        return Contact.objects.filter(pk__in=list(ids)).prefetch_related(
            "emails", "phones", "roles", "tags"
        )

    def data_of(self, pk: int) -> ContactData:
        if pk not in self.data:
            self.data[pk] = contact_data(self.contact(pk))
        return self.data[pk]

    def contact(self, pk: int) -> Contact:
        if pk not in self.loaded:
            wanted, self.unloaded = self.unloaded | {pk}, set()
            self.loaded.update((contact.pk, contact) for contact in self._query(wanted))
        return self.loaded[pk]

    def forget(self, pk: int) -> None:
        """The contact is being written: what was read of it goes stale."""
        self.loaded.pop(pk, None)
        self.data.pop(pk, None)
        self.unloaded.discard(pk)

    def remember(self, contact: Contact, emails: Iterable[str]) -> None:
        """A contact written by this batch, under its external id and (normalized) emails."""
        if contact.external_id:
            self.by_external[contact.external_id] = contact.pk
        self.external_of[contact.pk] = contact.external_id or ""
        for email in emails:
            self.by_email.setdefault(email, set()).add(contact.pk)


class ContactImporter(Importer):
    error_fields = CONTACT_ERROR_FIELDS
    looked_up = (Contact, ContactEmail, Organization)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.organization_ids: dict[str, int] = {}
        self.organizations_refused: dict[str, str] = {}  # name -> why it cannot be created
        self.organizations_created = 0
        self.known = _KnownContacts([])
        self.check = ContactChecker(self.directory)
        self.lookups = self.check.lookups
        # New contacts are validated row by row and written together at the end of the batch.
        self.pending: list[tuple[PreparedContact, tuple[str, ...]]] = []
        self.pending_keys: set[str] = set()

    def prepare(self, rows: list[ContactRow]) -> None:
        self.known = _KnownContacts(rows)
        self.pending, self.pending_keys = [], set()
        self._organizations_ensure({row.organization for row in rows if row.organization})

    def _organizations_ensure(self, names: set[str]) -> None:
        """The organizations the batch's rows name: found by exact name (the oldest one when
        several share it), the missing ones created together (in the batch's transaction)."""
        wanted = names - set(self.organization_ids) - set(self.organizations_refused)
        if not wanted:
            return
        found = Organization.objects.filter(name__in=wanted).order_by("-pk")
        self.organization_ids.update(found.values_list("name", "pk"))  # the oldest wins
        missing = sorted(wanted - set(self.organization_ids))
        created, refused = organizations_create_named(
            actor=self.actor, actor_label=self.actor_label, names=missing
        )
        self.organization_ids.update((name, o.pk) for name, o in created.items())
        self.lookups.organization_names.update(
            (pk, name) for name, pk in self.organization_ids.items() if name in wanted
        )
        self.organizations_refused.update((name, e.message) for name, e in refused.items())
        self.organizations_created += len(created)

    def problems(self, row: ContactRow, error: DomainError) -> list[tuple[str | None, str]]:
        points = contact_point_problems(row.fields, row.sources)
        if error.field in {"emails", "phones"} and points:
            return points  # the service's complaint is among them
        return [(error.field, error.message), *points]

    def finish(self) -> None:
        inserted = contacts_insert(
            actor=self.actor,
            actor_label=self.actor_label,
            prepared=[prepared for prepared, _emails in self.pending],
            lookups=self.lookups,
        )
        for contact, (_prepared, emails) in zip(inserted, self.pending, strict=True):
            self.known.remember(contact, emails)
        self.pending, self.pending_keys = [], set()

    def _row_keys(self, row: ContactRow) -> set[str]:
        keys = {f"email:{email}" for email in row.match_emails}
        if row.external_id:
            keys.add(f"external:{row.external_id}")
        return keys

    def _match(self, row: ContactRow) -> int | None:
        """The id of the contact the row describes, if any."""
        known = self.known
        return record_matched(
            external_id=row.external_id,
            by_external=known.by_external,
            candidates=set().union(*(known.by_email.get(e, ()) for e in row.match_emails)),
            external_of=known.external_of,
            ambiguous=lambda: (
                "emails",
                _(
                    "These email addresses belong to several contacts; give the row an "
                    "external id to say which one it is."
                ),
            ),
        )

    def _organization_id(self, name: str) -> int:
        """The organization a contact row names (``prepare`` found or created it)."""
        if name in self.organizations_refused:
            raise RowRejected([("organization", self.organizations_refused[name])])
        return self.organization_ids[name]

    def before_write(self, row: ContactRow) -> None:
        if self._row_keys(row) & self.pending_keys:
            self.finish()  # the row describes a contact this batch is about to create

    def write(self, item: Checked) -> str:
        row = item.row
        pk = self._match(row)
        organization_id = self._organization_id(row.organization) if row.organization else None
        known = self.known
        if pk is None:
            if item.prepared is None and item.refusal is None:  # checked expecting a match
                with self.clock("validating"):
                    item = replace(item, **self.check.as_new(row))
            if item.refusal is not None:
                raise item.refusal
            prepared = item.prepared
            if organization_id is not None:
                prepared_role_set(prepared, organization_id=organization_id, title=row.job_title)
            self.pending.append((prepared, tuple(row.match_emails)))
            self.pending_keys |= self._row_keys(row)
            return CREATED
        current = known.data_of(pk)
        changes = self._changes(current, row, organization_id)
        if self._unchanged(current, changes):
            return UNCHANGED
        contact = known.contact(pk)
        known.forget(pk)
        contact_update(  # its own savepoint: a refusal leaves the batch as it was
            actor=self.actor,
            actor_label=self.actor_label,
            contact=contact,
            data=replace(current, **changes),
            fields=set(changes),
        )
        known.remember(contact, (e.address.strip().lower() for e in changes.get("emails", ())))
        return UPDATED

    def _changes(
        self, current: ContactData, row: ContactRow, organization_id: int | None
    ) -> dict[str, Any]:
        """The row's fields over the stored contact. Emails, phones, tags and roles are added
        to the ones the contact has (an import never removes them); custom values merge. A
        list the row adds nothing to is left out (a re-run compares nothing more for it)."""
        changes = dict(row.fields)
        country = changes.get("country", current.country)
        if "emails" in changes:
            have = {e.address.strip().lower() for e in current.emails}
            emails = list(current.emails)
            for email in changes["emails"]:
                if email.address.strip().lower() not in have:
                    have.add(email.address.strip().lower())
                    emails.append(email)
            _set_if_longer(changes, "emails", emails, current.emails)
        if "phones" in changes:
            numbers = {p.number for p in current.phones}
            phones = list(current.phones)
            for phone in changes["phones"]:
                # Read while validating when the row names the country (the one used here).
                number = row.phone_numbers.get(phone.number)
                try:
                    number = number or clean_phone(phone.number, country=country)
                except DomainError:
                    phones.append(phone)  # the service rejects it with its reason
                    continue
                if number not in numbers:
                    numbers.add(number)
                    phones.append(phone)
            _set_if_longer(changes, "phones", phones, current.phones)
        if "tags" in changes:
            tags = list(dict.fromkeys([*current.tags, *changes["tags"]]))
            _set_if_longer(changes, "tags", tags, current.tags)
        if "custom" in changes:
            changes["custom"] = {**current.custom, **changes["custom"]}
        roles = list(current.roles)
        if organization_id is not None:
            for index, role in enumerate(roles):
                if role.organization_id == organization_id:
                    if row.job_title:
                        roles[index] = RoleData(organization_id, row.job_title)
                    break
            else:  # a new employer becomes the primary role
                roles.insert(0, RoleData(organization_id, row.job_title))
            changes["roles"] = tuple(roles)
        elif row.job_title and roles:
            roles[0] = RoleData(roles[0].organization_id, row.job_title)
            changes["roles"] = tuple(roles)
        return changes

    def _unchanged(self, current: ContactData, changes: dict[str, Any]) -> bool:
        country = changes.get("country", current.country)
        normalizers: dict[str, Callable[[Any], Any]] = {
            "languages": clean_languages,
            "preferred_channels": clean_channels,
            "custom": lambda value: clean_custom(dict(value), self.lookups.custom_fields),
            "phones": lambda phones: [
                (clean_phone(p.number, country=country), p.label.strip()) for p in phones
            ],
            "emails": lambda emails: [(e.address.strip(), e.label.strip()) for e in emails],
        }
        for name, value in changes.items():
            normalize = normalizers.get(name, plain)
            if normalized(normalize, value) != normalized(normalize, getattr(current, name)):
                return False
        return True


def _set_if_longer(changes: dict[str, Any], name: str, merged: list, stored) -> None:
    """The merged list as the change, or no change when the row added nothing to it."""
    if len(merged) > len(stored):
        changes[name] = tuple(merged)
    else:
        del changes[name]
