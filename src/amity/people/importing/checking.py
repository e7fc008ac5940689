"""Validating rows: the part of an import that needs no database (cells read, every field
validated as the services validate it, the search text made). It runs in the importing
process for small files and in worker processes for large ones (``parallel``); either way
it only uses what it was given when the import started.
"""

from dataclasses import dataclass, field
from typing import Any

from amity.core.errors import DomainError
from amity.people.bulk import PreparedContact, contact_prepare
from amity.people.contracts import ContactData
from amity.people.importing.rows import (
    ContactRow,
    Directory,
    Record,
    RowRejected,
    contact_row,
    organization_row,
    phone_numbers_read,
)
from amity.people.services import Lookups


@dataclass
class Checked:
    """One record validated: its row, or the problems that reject it. A contact row is also
    validated as a new contact (``prepared``, or ``refusal`` saying why it cannot be one):
    whether it is new is known only when it is written."""

    row: Any = None
    problems: list[tuple[str | None, str]] = field(default_factory=list)
    prepared: PreparedContact | None = None
    refusal: DomainError | None = None


class ContactChecker:
    """Validates contact records with the users, teams and custom fields of the import's
    start (a row's organization is given its role when it is written)."""

    def __init__(self, directory: Directory):
        self.directory = directory
        self.lookups = Lookups()
        self.lookups.preload(user_ids=directory.users.values(), team_ids=directory.teams.values())

    def __call__(self, records: list[Record], expect_new: bool = True) -> list[Checked]:
        """``expect_new``: the rows are mostly new contacts, worth validating as such now (a
        re-run finds its rows: the writer validates the few new ones itself)."""
        return [self.check(record, expect_new) for record in records]

    def check(self, record: Record, expect_new: bool = True) -> Checked:
        if record.unreadable:
            return Checked(problems=[(None, record.unreadable)])
        try:
            row = contact_row(record, self.directory)
        except RowRejected as error:
            return Checked(problems=error.problems)
        if not expect_new:  # an update compares its phones: read them here, not in the writer
            row.phone_numbers = phone_numbers_read(row.fields)
            return Checked(row=row)
        return Checked(row=row, **self.as_new(row))

    def as_new(self, row: ContactRow) -> dict:
        """``prepared`` (the row validated as a new contact) or ``refusal`` (why it is not one)."""
        try:
            return {"prepared": contact_prepare(ContactData(**row.fields), lookups=self.lookups)}
        except DomainError as error:
            return {"refusal": error}


class OrganizationChecker:
    """Reads organization records (an organization is validated when it is written: its
    parent may be a row of the same file)."""

    def __init__(self, directory: Directory):
        self.directory = directory

    def __call__(self, records: list[Record], expect_new: bool = True) -> list[Checked]:
        return [self.check(record) for record in records]

    def check(self, record: Record) -> Checked:
        if record.unreadable:
            return Checked(problems=[(None, record.unreadable)])
        try:
            return Checked(row=organization_row(record, self.directory))
        except RowRejected as error:
            return Checked(problems=error.problems)
