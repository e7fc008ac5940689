"""The import loop: rows in batches, each batch one transaction.

- A kill (or a crash) leaves whole batches: the batch being written rolls back as one.
- Rows find the record they describe by external id, then by email (contacts) or exact name
  (organizations), so a second run of the same file updates what the first one wrote instead
  of duplicating it, and a run after a kill completes the file.
- Every row is validated first, exactly as ``contact_create`` validates (``checking``: for a
  large file in worker processes, while this process writes the batches before, see
  ``parallel``). New contacts are written together at the end of the batch (``people.bulk``);
  the organizations the batch names are created together before its rows. An update runs
  the update service in its own savepoint.
- A row the services refuse is reported with the service's reason (and every other email or
  phone of it that is invalid); the other rows of the batch are kept.
- A row that changes nothing is not written (no event, no re-index): re-runs are cheap.
"""

import csv
import gc
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.core.audit_hooks import audit
from amity.core.bulk_insert import statistics_refresh
from amity.core.errors import DomainError
from amity.core.permissions import Action, role_allows
from amity.people.bulk import (
    PreparedContact,
    contacts_insert,
    organizations_create_named,
    prepared_role_set,
)
from amity.people.contracts import ContactData, OrganizationData, RoleData
from amity.people.importing.checking import Checked, ContactChecker, OrganizationChecker
from amity.people.importing.mapping import CONTACTS, IDENTIFIER_PREFIX, Mapping
from amity.people.importing.parallel import checked_batches, workers_for
from amity.people.importing.report import ImportSummary, Rejection, RejectsWriter
from amity.people.importing.rows import (
    ContactRow,
    Directory,
    OrganizationRow,
    Record,
    RowRejected,
    contact_point_problems,
)
from amity.people.importing.sources import ImportFailed, Source, source_open
from amity.people.models import Contact, ContactEmail, Organization
from amity.people.selectors import custom_fields
from amity.people.services import (
    contact_data,
    contact_update,
    organization_create,
    organization_data,
    organization_update,
)
from amity.people.validation import (
    clean_channels,
    clean_custom,
    clean_identifier,
    clean_languages,
    clean_phone,
    clean_website,
)

BATCH_SIZE = 500
ANALYZE_FROM_ROWS = 2_000  # see statistics_refresh
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
Progress = Callable[[ImportSummary], None]

# Which of the file's fields a service's error field stands for (to name the column at fault).
CONTACT_ERROR_FIELDS = {
    "emails": {"email", "work_email", "home_email", "emails"},
    "phones": {"phone", "mobile", "work_phone", "home_phone", "phones"},
    "given_name": {"given_name", "family_name", "preferred_name", "full_name"},
    "owner_id": {"owner"},
    "team_id": {"team"},
    "roles": {"organization", "job_title"},
}
ORGANIZATION_ERROR_FIELDS = {
    "owner_id": {"owner"},
    "team_id": {"team"},
    "parent_id": {"parent"},
}


def _batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


class _Clock:
    """Seconds spent per phase; a phase entered inside another pauses the outer one, so the
    phases add up to the time measured."""

    def __init__(self, seconds: dict[str, float]):
        self.seconds = seconds
        self.stack: list[str] = []
        self.mark = 0.0

    @contextmanager
    def __call__(self, phase: str) -> Iterator[None]:
        now = time.perf_counter()
        if self.stack:
            self.seconds[self.stack[-1]] += now - self.mark
        self.stack.append(phase)
        self.mark = now
        try:
            yield
        finally:
            now = time.perf_counter()
            self.seconds[self.stack.pop()] += now - self.mark
            self.mark = now


class _Unreadable:
    """Stands for a value that does not validate: equal to nothing, so the row is written and
    the service reports the problem in its own words."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = None  # type: ignore[assignment]


def _normalized(normalize: Callable[[Any], Any], value: Any) -> Any:
    try:
        return normalize(value)
    except DomainError:
        return _Unreadable()


class _Importer:
    """What contact and organization imports share: counting, rejecting, naming columns."""

    error_fields: dict[str, set[str]] = {}
    looked_up: tuple[type, ...] = ()  # the tables each batch looks rows up in

    def __init__(self, *, actor: User | None, actor_label: str, mapping: Mapping, clock: _Clock):
        self.actor = actor
        self.actor_label = actor_label
        self.mapping = mapping
        self.clock = clock
        self.directory = Directory.load()

    def columns_for(self, field: str | None) -> str:
        if not field:
            return ""
        wanted = self.error_fields.get(field, {field})
        if field == "identifiers":
            wanted = {"identifiers"} | {
                t for t in self.mapping.columns.values() if t.startswith(IDENTIFIER_PREFIX)
            }
        headers = self.mapping.headers_for(wanted)
        return ", ".join(headers) or field

    def rejection(self, line: int, problems: list[tuple[str | None, str]]) -> Rejection:
        columns = []
        for field, _message in problems:
            column = self.columns_for(field)
            if column and column not in columns:
                columns.append(column)
        return Rejection(
            line=line,
            column="; ".join(columns),
            reason=" ".join(message for _field, message in problems),
        )

    def run(
        self, records: list[Record], checked: list[Checked]
    ) -> list[tuple[Record, str | Rejection]]:
        """Write one checked batch in one transaction; (record, outcome or rejection) per row."""
        results: list[tuple[Record, str | Rejection]] = []
        parsed = []
        for record, item in zip(records, checked, strict=True):
            if item.row is None:
                results.append((record, self.rejection(record.line, item.problems)))
            else:
                parsed.append((record, item))
        with self.clock("writing"), transaction.atomic():
            self.prepare([item.row for _record, item in parsed])
            for record, item in parsed:
                self.before_write(item.row)
                try:
                    outcome = self.write(item)  # writes in a savepoint of its own
                except RowRejected as error:
                    results.append((record, self.rejection(record.line, error.problems)))
                except DomainError as error:
                    problems = self.problems(item.row, error)
                    results.append((record, self.rejection(record.line, problems)))
                else:
                    results.append((record, outcome))
            self.finish()
        results.sort(key=lambda item: item[0].line)
        return results

    # Hooks for the two kinds; ``check`` validates records (in worker processes, maybe).
    check: Callable[[list[Record], bool], list[Checked]]
    expect_new = True  # the last batch written was mostly new records

    def prepare(self, rows: list) -> None:
        raise NotImplementedError

    def write(self, item: Checked) -> str:
        """Write one row (anything it writes in a savepoint, so a refusal undoes it all)."""
        raise NotImplementedError

    def before_write(self, row: Any) -> None:
        """Called before ``write``."""

    def finish(self) -> None:
        """The batch's rows are through: write what was kept for the end (in its transaction)."""

    def problems(self, row: Any, error: DomainError) -> list[tuple[str | None, str]]:
        """What to report of a row a service refused."""
        return [(error.field, error.message)]


class _KnownContacts:
    """The contacts one batch may describe, found with a few queries for the whole batch."""

    def __init__(self, rows: list[ContactRow]):
        self.by_external: dict[str, int] = {}
        self.by_email: dict[str, set[int]] = {}
        self.external_of: dict[int, str] = {}
        external_ids = {row.external_id for row in rows if row.external_id}
        emails = {email for row in rows for email in row.match_emails}
        found = Contact.objects.filter(external_id__in=external_ids)
        for pk, external_id in found.values_list("pk", "external_id"):
            self.by_external[external_id] = pk
        by_email = ContactEmail.objects.filter(normalized__in=emails)
        for normalized, contact_id in by_email.values_list("normalized", "contact_id"):
            self.by_email.setdefault(normalized, set()).add(contact_id)
        ids = set(self.by_external.values()).union(*self.by_email.values())
        self.loaded = {contact.pk: contact for contact in self._query(ids)}
        for contact in self.loaded.values():
            self.external_of[contact.pk] = contact.external_id or ""

    @staticmethod
    def _query(ids: Iterable[int]):
        return Contact.objects.filter(pk__in=list(ids)).prefetch_related(
            "emails", "phones", "roles", "tags"
        )

    def contact(self, pk: int) -> Contact:
        if pk not in self.loaded:
            self.loaded[pk] = self._query([pk]).get()
        return self.loaded[pk]

    def forget(self, pk: int) -> None:
        """The contact is being written: its cached related rows go stale."""
        self.loaded.pop(pk, None)

    def remember(self, contact: Contact, emails: Iterable[str]) -> None:
        """A contact written by this batch, under its external id and (normalized) emails."""
        if contact.external_id:
            self.by_external[contact.external_id] = contact.pk
        self.external_of[contact.pk] = contact.external_id or ""
        for email in emails:
            self.by_email.setdefault(email, set()).add(contact.pk)


class ContactImporter(_Importer):
    error_fields = CONTACT_ERROR_FIELDS
    looked_up = (Contact, ContactEmail, Organization)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.organization_ids: dict[str, int] = {}
        self.organizations_refused: dict[str, str] = {}  # name -> why it cannot be created
        self.organizations_created = 0
        self.custom_fields = custom_fields()
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

    def _match(self, row: ContactRow) -> Contact | None:
        known = self.known
        if row.external_id and row.external_id in known.by_external:
            return known.contact(known.by_external[row.external_id])
        candidates: set[int] = set()
        for email in row.match_emails:
            candidates |= known.by_email.get(email, set())
        if row.external_id:
            # A record with another external id is another person sharing the address.
            candidates = {pk for pk in candidates if not known.external_of.get(pk)}
        if len(candidates) > 1:
            raise RowRejected(
                [
                    (
                        "emails",
                        _(
                            "These email addresses belong to several contacts; give the row "
                            "an external id to say which one it is."
                        ),
                    )
                ]
            )
        return known.contact(candidates.pop()) if candidates else None

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
        contact = self._match(row)
        organization_id = self._organization_id(row.organization) if row.organization else None
        known = self.known
        if contact is None:
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
        current = contact_data(contact)
        changes = self._changes(current, row, organization_id)
        if self._unchanged(current, changes):
            return UNCHANGED
        known.forget(contact.pk)
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
                try:
                    number = clean_phone(phone.number, country=country)
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
            "custom": lambda value: clean_custom(dict(value), self.custom_fields),
            "phones": lambda phones: [
                (clean_phone(p.number, country=country), p.label.strip()) for p in phones
            ],
            "emails": lambda emails: [(e.address.strip(), e.label.strip()) for e in emails],
        }
        for name, value in changes.items():
            normalize = normalizers.get(name, _plain)
            if _normalized(normalize, value) != _normalized(normalize, getattr(current, name)):
                return False
        return True


def _set_if_longer(changes: dict[str, Any], name: str, merged: list, stored) -> None:
    """The merged list as the change, or no change when the row added nothing to it."""
    if len(merged) > len(stored):
        changes[name] = tuple(merged)
    else:
        del changes[name]


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, tuple):
        return list(value)
    return value


class OrganizationImporter(_Importer):
    error_fields = ORGANIZATION_ERROR_FIELDS
    looked_up = (Organization,)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.by_external: dict[str, int] = {}
        self.by_name: dict[str, set[int]] = {}
        self.external_of: dict[int, str] = {}
        self.loaded: dict[int, Organization] = {}
        self.check = OrganizationChecker(self.directory)

    @staticmethod
    def _query(ids: Iterable[int]):
        return Organization.objects.filter(pk__in=list(ids)).prefetch_related("identifiers", "tags")

    def prepare(self, rows: list[OrganizationRow]) -> None:
        external_ids = {row.external_id for row in rows if row.external_id}
        names = {row.name for row in rows if row.name}
        self.by_external, self.by_name, self.external_of = {}, {}, {}
        found = Organization.objects.filter(external_id__in=external_ids)
        for pk, external_id in found.values_list("pk", "external_id"):
            self.by_external[external_id] = pk
        for pk, name in Organization.objects.filter(name__in=names).values_list("pk", "name"):
            self.by_name.setdefault(name, set()).add(pk)
        ids = set(self.by_external.values()).union(*self.by_name.values())
        self.loaded = {o.pk: o for o in self._query(ids)}
        for organization in self.loaded.values():
            self.external_of[organization.pk] = organization.external_id or ""

    def _organization(self, pk: int) -> Organization:
        if pk not in self.loaded:
            self.loaded[pk] = self._query([pk]).get()
        return self.loaded[pk]

    def _remember(self, organization: Organization) -> None:
        self.loaded.pop(organization.pk, None)
        if organization.external_id:
            self.by_external[organization.external_id] = organization.pk
        self.external_of[organization.pk] = organization.external_id or ""
        self.by_name.setdefault(organization.name, set()).add(organization.pk)

    def _match(self, row: OrganizationRow) -> Organization | None:
        if row.external_id and row.external_id in self.by_external:
            return self._organization(self.by_external[row.external_id])
        candidates = set(self.by_name.get(row.name, set()))
        if row.external_id:
            candidates = {pk for pk in candidates if not self.external_of.get(pk)}
        if len(candidates) > 1:
            raise RowRejected(
                [
                    (
                        "name",
                        _(
                            "Several organizations are named %(name)s; give the row an "
                            "external id to say which one it is."
                        )
                        % {"name": row.name},
                    )
                ]
            )
        return self._organization(candidates.pop()) if candidates else None

    @staticmethod
    def _parent_id(reference: str) -> int:
        found = Organization.objects.filter(external_id=reference).values_list("pk", flat=True)
        pk = found.first()
        if pk is None:
            named = Organization.objects.filter(name=reference).order_by("pk")
            pk = named.values_list("pk", flat=True).first()
        if pk is None:
            raise RowRejected(
                [
                    (
                        "parent_id",
                        _("There is no organization with the external id or name %(ref)s.")
                        % {"ref": reference},
                    )
                ]
            )
        return pk

    def write(self, item: Checked) -> str:
        row = item.row
        organization = self._match(row)
        fields = dict(row.fields)
        if row.parent:
            fields["parent_id"] = self._parent_id(row.parent)
        if organization is None:
            organization = organization_create(
                actor=self.actor, actor_label=self.actor_label, data=OrganizationData(**fields)
            )
            self._remember(organization)
            return CREATED
        current = organization_data(organization)
        if "identifiers" in fields:
            schemes = {item.scheme: item for item in current.identifiers}
            schemes.update({item.scheme: item for item in fields["identifiers"]})
            fields["identifiers"] = tuple(schemes.values())
        if "tags" in fields:
            fields["tags"] = tuple(dict.fromkeys([*current.tags, *fields["tags"]]).keys())
        if self._unchanged(current, fields):
            return UNCHANGED
        self.loaded.pop(organization.pk, None)
        organization_update(
            actor=self.actor,
            actor_label=self.actor_label,
            organization=organization,
            data=replace(current, **fields),
            fields=set(fields),
        )
        self._remember(organization)
        return UPDATED

    @staticmethod
    def _unchanged(current: OrganizationData, fields: dict[str, Any]) -> bool:
        normalizers: dict[str, Callable[[Any], Any]] = {
            "website": clean_website,
            "subdivision": lambda value: value.strip().upper(),
            "identifiers": lambda items: sorted(
                (i.scheme, clean_identifier(i.scheme, i.value)) for i in items
            ),
        }
        for name, value in fields.items():
            normalize = normalizers.get(name, _plain)
            if _normalized(normalize, value) != _normalized(normalize, getattr(current, name)):
                return False
        return True


def _remove_stale(path: Path) -> None:
    path.unlink(missing_ok=True)


def import_source(
    source: Source,
    *,
    actor: User | None = None,
    actor_label: str = "import",
    rejects_path: Path | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ImportSummary:
    """Import every record of an opened source; see the module docstring for the guarantees.
    ``workers``: processes validating rows alongside the writing (None: one per core for
    large files, see ``parallel``)."""
    summary = ImportSummary(
        kind=source.kind,
        file=str(source.path),
        format=source.format,
        encoding=source.encoding,
        unknown_columns=list(source.mapping.unknown),
        mapping=dict(source.mapping.columns),
    )
    if actor is not None and not role_allows(getattr(actor, "role", ""), Action.WRITE_RECORDS):
        raise ImportFailed(_("%(user)s may not change records.") % {"user": actor})
    if rejects_path is not None and rejects_path.resolve() == source.path.resolve():
        raise ImportFailed(_("The rejects file cannot be the file being imported."))
    clock = _Clock(summary.seconds)
    with clock("reading"):
        summary.rows_total = source.count()
    summary.workers = workers_for(summary.rows_total, workers)
    importer_class = ContactImporter if source.kind == CONTACTS else OrganizationImporter
    importer = importer_class(
        actor=actor, actor_label=actor_label, mapping=source.mapping, clock=clock
    )
    writer = RejectsWriter(rejects_path, source.headers) if rejects_path else None
    if progress:
        progress(summary)
    # What is alive now (Django, every module: most of the heap) stays out of the garbage
    # collector's full passes until the end: each batch keeps thousands of objects alive for
    # a while, which sets off full passes that walked the whole heap again and again.
    gc.freeze()
    batches = checked_batches(
        _batches(source.records(), batch_size),
        importer.check,
        workers=summary.workers,
        clock=clock,
        expect_new=lambda: importer.expect_new,
    )
    analyzed_at = ANALYZE_FROM_ROWS
    try:
        for batch, checked in batches:
            if summary.created >= analyzed_at:  # each time the tables have doubled
                statistics_refresh(importer.looked_up)
                analyzed_at = summary.created * 2
            created, found = summary.created, summary.updated + summary.unchanged
            for record, outcome in importer.run(batch, checked):
                summary.rows_read += 1
                if isinstance(outcome, Rejection):
                    summary.reject(outcome)
                    if writer:
                        writer.write(outcome, record.raw)
                else:
                    setattr(summary, outcome, getattr(summary, outcome) + 1)
            # Validate the next batches as new records unless this one mostly found its own.
            found = summary.updated + summary.unchanged - found
            importer.expect_new = summary.created - created >= found
            summary.organizations_created = getattr(importer, "organizations_created", 0)
            if progress:
                progress(summary)
    except csv.Error as error:
        raise ImportFailed(
            _("The file stops being readable after row %(count)s: %(error)s")
            % {"count": summary.rows_read, "error": error}
        ) from error
    finally:
        batches.close()  # stops the workers, if any
        gc.unfreeze()
        if writer:
            writer.close()
    if writer and writer.written:
        summary.rejects_file = str(rejects_path)
    elif rejects_path is not None:
        _remove_stale(rejects_path)  # a report from an earlier run no longer applies
    _audit_run(summary, actor=actor, actor_label=actor_label)
    return summary


def _audit_run(summary: ImportSummary, *, actor: User | None, actor_label: str) -> None:
    """One audit entry per run with its counts (never a name or a file name). A user's import
    is run by the worker (started on the import page); one without a user is the CLI."""
    audit(
        action="imported",
        actor=actor,
        actor_label=actor_label,
        channel="task" if actor is not None else "cli",
        subject_kind="contacts" if summary.kind == CONTACTS else "organizations",
        format=summary.format,
        rows=summary.rows_read,
        created=summary.created,
        updated=summary.updated,
        skipped=summary.unchanged,
        failed=summary.rejected,
    )


def import_file(
    path: str | Path,
    *,
    kind: str,
    actor: User | None = None,
    actor_label: str = "import",
    overrides: dict[str, str] | None = None,
    encoding: str | None = None,
    rejects_path: str | Path | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ImportSummary:
    """Import contacts or organizations from a CSV, XLSX or vCard file. Raises ImportFailed
    when the file cannot be processed at all; rejected rows are in the summary instead."""
    source = source_open(path, kind=kind, overrides=overrides, encoding=encoding)
    return import_source(
        source,
        actor=actor,
        actor_label=actor_label,
        rejects_path=Path(rejects_path) if rejects_path else None,
        batch_size=batch_size,
        progress=progress,
        workers=workers,
    )


def default_rejects_path(path: str | Path) -> Path:
    """Where the rejected rows go when nobody says: beside the input, ``NAME.rejects.csv``."""
    path = Path(path)
    return path.with_name(f"{path.stem}.rejects.csv")
