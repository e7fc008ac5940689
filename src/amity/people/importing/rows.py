"""One imported row -> the data the people services take, with every cell that cannot be read
reported against its field (the services then validate the rest and name their field too)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _

from amity.accounts.models import Team, User
from amity.core.errors import DomainError
from amity.core.text import fold
from amity.people import contracts
from amity.people.contracts import EmailData, IdentifierData, PhoneData
from amity.people.identifiers import SCHEMES
from amity.people.importing import values as cells
from amity.people.importing.header_spellings import IDENTIFIER_ALIASES
from amity.people.importing.mapping import CUSTOM_PREFIX, IDENTIFIER_PREFIX, header_key
from amity.people.models import NameOrder
from amity.people.names import default_name_order
from amity.people.validation import (
    clean_channels,
    clean_email,
    clean_languages,
    clean_phone,
    clean_timezone,
)

# Cells taken as written (the services validate them); the country, a contact's name order and
# an organization's industry and size are read by their own readers below.
CONTACT_TEXT = (
    "external_id",
    *(name for name in contracts.CONTACT_TEXT if name not in ("name_order", "country")),
)
ORGANIZATION_TEXT = (
    "external_id",
    *(n for n in contracts.ORGANIZATION_TEXT if n not in ("industry", "size_band", "country")),
)
EMAIL_LABELS = {"email": "", "work_email": "work", "home_email": "home"}
PHONE_LABELS = {"phone": "", "mobile": "mobile", "work_phone": "work", "home_phone": "home"}


@dataclass
class Record:
    """A row as read: its line for the report, the cells as they were (for the rejects file)
    and the non-empty values of each field it fills, in column order."""

    line: int
    raw: dict[str, str]
    values: dict[str, list[str]]
    unreadable: str = ""  # why the row could not even be parsed (a broken vCard)

    def first(self, target: str) -> str:
        found = self.values.get(target)
        return found[0] if found else ""


class RowRejected(Exception):
    """The row cannot be imported; ``problems`` are (field, message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(problems)
        self.problems = problems


@dataclass
class Directory:
    """Users and teams rows name (by user name, email or display name; teams by name)."""

    users: dict[str, int] = field(default_factory=dict)
    teams: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "Directory":
        directory = cls()
        active = User.objects.filter(is_active=True).order_by("pk")
        rows = list(active.values_list("pk", "username", "email", "display_name"))
        for column in (1, 2, 3):  # user names win over emails, emails over display names
            for row in rows:
                if row[column]:
                    directory.users.setdefault(fold(row[column].strip()), row[0])
        for pk, name in Team.objects.order_by("pk").values_list("pk", "name"):
            directory.teams.setdefault(fold(name.strip()), pk)
        return directory

    def user_id(self, value: str) -> int | None:
        return self.users.get(fold(value.strip()))

    def team_id(self, value: str) -> int | None:
        return self.teams.get(fold(value.strip()))


@dataclass
class ContactRow:
    line: int
    fields: dict[str, Any]  # ContactData field -> value, for the fields the row gives
    organization: str = ""
    job_title: str = ""
    # (the field it came from, item) of every email and phone, to name the column at fault.
    sources: tuple[tuple[str, EmailData | PhoneData], ...] = ()
    # Its valid phones as E.164 when it names its country (``phone_numbers_read``).
    phone_numbers: dict[str, str] = field(default_factory=dict)

    @cached_property
    def external_id(self) -> str:
        return self.fields.get("external_id", "").strip()

    @cached_property
    def match_emails(self) -> list[str]:
        return [e.address.strip().lower() for e in self.fields.get("emails", ())]


@dataclass
class OrganizationRow:
    line: int
    fields: dict[str, Any]  # OrganizationData field -> value
    parent: str = ""

    @property
    def external_id(self) -> str:
        return self.fields.get("external_id", "").strip()

    @property
    def name(self) -> str:
        return self.fields.get("name", "").strip()


def _split_full_name(name: str, country: str) -> dict[str, str]:
    """A whole name cut at its last (or, where the family name comes first, its first) space;
    a name without spaces ("山田太郎") stays whole as the given name."""
    parts = name.split()
    if len(parts) < 2:
        return {"given_name": name.strip()}
    if default_name_order(country) == NameOrder.FAMILY_GIVEN:
        return {"family_name": parts[0], "given_name": " ".join(parts[1:])}
    return {"given_name": " ".join(parts[:-1]), "family_name": parts[-1]}


def _owner_and_team(
    record: Record, directory: Directory, fields: dict, problems: list[tuple[str, str]]
) -> None:
    if owner := record.first("owner"):
        user_id = directory.user_id(owner)
        if user_id is None:
            problems.append(
                ("owner", _("There is no active user named %(name)s.") % {"name": owner})
            )
        fields["owner_id"] = user_id
    if team := record.first("team"):
        team_id = directory.team_id(team)
        if team_id is None:
            problems.append(("team", _("There is no team named %(name)s.") % {"name": team}))
        fields["team_id"] = team_id


def _country(record: Record, fields: dict, problems: list[tuple[str, str]]) -> None:
    if country := record.first("country"):
        try:
            fields["country"] = cells.country_code(country)
        except ValueError:
            problems.append(
                (
                    "country",
                    _("%(value)s is not a country Amity knows (write its name or ISO code).")
                    % {"value": country},
                )
            )


def _tags(record: Record) -> tuple[str, ...]:
    tags: list[str] = []
    for value in record.values.get("tags", []):
        for tag in cells.split_list(value, ";,\n"):
            if tag not in tags:
                tags.append(tag)
    return tuple(tags)


def contact_point_problems(
    fields: dict, sources: Iterable[tuple[str, EmailData | PhoneData]]
) -> list[tuple[str, str]]:
    """Every email and phone of a row the services would refuse, each against its own column.
    Only rows already refused pay for it: valid rows are validated once, by the service."""
    problems: list[tuple[str, str]] = []
    country = fields.get("country", "")
    for target, item in sources:
        try:
            if isinstance(item, EmailData):
                clean_email(item.address)
            elif country or item.number.strip().startswith("+"):
                # Without a country in the row, a national number may still be read in the
                # country of the contact it updates: the service decides.
                clean_phone(item.number, country=country)
        except DomainError as error:
            problems.append((target, error.message))
    return problems


def phone_numbers_read(fields: dict) -> dict[str, str]:
    """The valid phones of a row that names its country, as E.164 (number as written ->
    E.164): what an update compares with the numbers a contact has, read while validating so
    that the writer need not parse them. Empty without a country: a national number is then
    read in the country of the contact the row turns out to describe."""
    country = fields.get("country")
    if not country:
        return {}
    read = {}
    for phone in fields.get("phones", ()):
        try:
            read[phone.number] = clean_phone(phone.number, country=country)
        except DomainError:
            continue  # the update service rejects it with its reason
    return read


def _check(fields: dict, problems: list[tuple[str, str]]) -> None:
    """Validate the cheap cells the services would refuse one at a time, so a rejected row
    lists every problem it has at once, each against its own column."""
    checks = [
        ("languages", clean_languages),
        ("timezone", clean_timezone),
        ("preferred_channels", clean_channels),
    ]
    for name, check in checks:
        if name not in fields:
            continue
        try:
            check(fields[name])
        except DomainError as error:
            problems.append((name, error.message))


def contact_row(record: Record, directory: Directory) -> ContactRow:
    """The ContactData fields a row gives; raises RowRejected naming every unreadable cell."""
    problems: list[tuple[str, str]] = []
    fields: dict[str, Any] = {}
    for name in CONTACT_TEXT:
        if name in record.values:
            fields[name] = record.first(name)
    _country(record, fields, problems)
    if value := record.first("name_order"):
        try:
            fields["name_order"] = cells.name_order(value)
        except ValueError:
            problems.append(
                (
                    "name_order",
                    _("%(value)s is not a name order; write given_family or family_given.")
                    % {"value": value},
                )
            )
    named = any(fields.get(n) for n in ("given_name", "family_name", "preferred_name"))
    if not named and (whole := record.first("full_name")):
        fields.update(_split_full_name(whole, fields.get("country", "")))
    if "languages" in record.values:
        fields["languages"] = tuple(
            tag for value in record.values["languages"] for tag in cells.language_tags(value)
        )
    sources: list[tuple[str, EmailData | PhoneData]] = []  # (the field it came from, item)
    for target, label in EMAIL_LABELS.items():
        for value in record.values.get(target, []):
            sources.extend((target, EmailData(a, label)) for a in re.split(r"[;,\s]+", value) if a)
    for value in record.values.get("emails", []):
        sources.extend(("emails", EmailData(a, label)) for label, a in cells.labelled_items(value))
    for target, label in PHONE_LABELS.items():
        for value in record.values.get(target, []):
            sources.extend((target, PhoneData(n, label)) for n in cells.split_list(value))
    for value in record.values.get("phones", []):
        sources.extend(("phones", PhoneData(n, label)) for label, n in cells.labelled_items(value))
    if emails := tuple(item for _t, item in sources if isinstance(item, EmailData)):
        fields["emails"] = emails
    if phones := tuple(item for _t, item in sources if isinstance(item, PhoneData)):
        fields["phones"] = phones
    if "preferred_channels" in record.values:
        fields["preferred_channels"] = tuple(
            channel.lower()
            for value in record.values["preferred_channels"]
            for channel in cells.split_list(value, ",;\n")
        )
    if value := record.first("do_not_contact"):
        try:
            fields["do_not_contact"] = cells.yes_no(value)
        except ValueError:
            problems.append(
                (
                    "do_not_contact",
                    _("%(value)s is neither yes nor no.") % {"value": value},
                )
            )
    _owner_and_team(record, directory, fields, problems)
    if "tags" in record.values:
        fields["tags"] = _tags(record)
    _check(fields, problems)
    custom = {
        target.removeprefix(CUSTOM_PREFIX): values[0]
        for target, values in record.values.items()
        if target.startswith(CUSTOM_PREFIX)
    }
    if custom:
        fields["custom"] = custom
    if problems:
        raise RowRejected(problems + contact_point_problems(fields, sources))
    return ContactRow(
        line=record.line,
        fields=fields,
        organization=record.first("organization"),
        job_title=record.first("job_title"),
        sources=tuple(sources),
    )


def _scheme(label: str) -> str | None:
    key = header_key(label)
    for code, scheme in SCHEMES.items():
        if key in {header_key(code), header_key(str(scheme.label))}:
            return code
    for code, spellings in IDENTIFIER_ALIASES.items():
        if key in {header_key(s) for s in spellings}:
            return code
    return None


def organization_row(record: Record, directory: Directory) -> OrganizationRow:
    """The OrganizationData fields a row gives; raises RowRejected naming unreadable cells."""
    problems: list[tuple[str, str]] = []
    fields: dict[str, Any] = {}
    for name in ORGANIZATION_TEXT:
        if name in record.values:
            fields[name] = record.first(name)
    _country(record, fields, problems)
    if value := record.first("industry"):
        try:
            fields["industry"] = cells.industry_code(value)
        except ValueError:
            problems.append(
                (
                    "industry",
                    _(
                        "%(value)s is not an industry Amity recognizes; write an ISIC section "
                        "letter (A to U) or its name."
                    )
                    % {"value": value},
                )
            )
    if value := record.first("size_band"):
        try:
            fields["size_band"] = cells.size_band(value)
        except ValueError:
            problems.append(
                (
                    "size_band",
                    _("%(value)s is neither a number of employees nor a size band.")
                    % {"value": value},
                )
            )
    _owner_and_team(record, directory, fields, problems)
    identifiers: dict[str, str] = {}
    for target, values in record.values.items():
        if target.startswith(IDENTIFIER_PREFIX):
            identifiers[target.removeprefix(IDENTIFIER_PREFIX)] = values[0]
    for value in record.values.get("identifiers", []):
        for label, number in cells.labelled_items(value):
            scheme = _scheme(label)
            if scheme is None:
                problems.append(
                    (
                        "identifiers",
                        _("%(scheme)s is not an identifier scheme Amity knows.")
                        % {"scheme": label or number},
                    )
                )
            else:
                identifiers[scheme] = number
    if identifiers:
        fields["identifiers"] = tuple(IdentifierData(s, v) for s, v in identifiers.items())
    if "tags" in record.values:
        fields["tags"] = _tags(record)
    if problems:
        raise RowRejected(problems)
    return OrganizationRow(line=record.line, fields=fields, parent=record.first("parent"))
