"""Exporting contacts and organizations: CSV and XLSX with Amity's own column names (so an
export imports back unchanged, see ``people.importing.mapping``) and vCard 3.0 or 4.0 for
address books. Names stay in their own script and order; every email and phone goes out with
its label.

Multi-value cells hold items separated by "; ", each optionally "label: value"
("work: anna@firma.pl; +48601234567"). Spreadsheet cells that a spreadsheet would run as a
formula are written as text (XLSX) or behind a quote (CSV), and the importer removes the quote.
"""

import csv
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

import vobject

from amity.core.crypto import EncryptionError, is_encrypted
from amity.culture.countries import country_name
from amity.people.contracts import ORGANIZATION_TEXT
from amity.people.models import Contact, CustomField, NameOrder, Organization
from amity.people.selectors import (
    ContactFilters,
    OrganizationFilters,
    contacts_matching,
    organizations_matching,
)
from amity.people.sensitive import custom_open

FORMATS = ("csv", "xlsx", "vcf")
VCARD_VERSIONS = ("3.0", "4.0")
CHUNK = 2000
CONTACT_COLUMNS = [
    "amity_id",
    "external_id",
    "given_name",
    "family_name",
    "middle_name",
    "honorific_prefix",
    "name_order",
    "preferred_name",
    "name_latin",
    "full_name",
    "form_of_address",
    "languages",
    "country",
    "timezone",
    "emails",
    "phones",
    "preferred_channels",
    "do_not_contact",
    "owner",
    "team",
    "organization",
    "job_title",
    "tags",
]
ORGANIZATION_COLUMNS = [
    "amity_id",
    "external_id",
    *ORGANIZATION_TEXT,
    "owner",
    "team",
    "parent",
    "identifiers",
    "tags",
]
_FORMULA_START = "=@\t\r"
# "+66812345678", "mobile: +48601234567; +48221234567", "-": a sign, then no function call.
_SIGNED_HARMLESS = re.compile(r"^[+\-][\w\s;:,.+\-]*$")
PHONE_TYPES = {"mobile": "cell", "work": "work", "home": "home"}
EMAIL_TYPES = {"work": "work", "home": "home"}


def _items(pairs: Iterable[tuple[str, str]]) -> str:
    return "; ".join(f"{label}: {value}" if label else value for label, value in pairs)


def _user(user) -> str:
    return user.username if user else ""


def _custom_keys(*, sensitive: bool = False) -> list[str]:
    """The custom fields that go out; sensitive ones only when ``sensitive`` (the exporter
    may read them), else their columns are left out (so a re-import cannot clear them)."""
    fields = CustomField.objects.order_by("key")
    if not sensitive:
        fields = fields.filter(sensitive=False)
    return list(fields.values_list("key", flat=True))


def contact_columns(*, sensitive: bool = False) -> list[str]:
    return CONTACT_COLUMNS + [f"custom.{key}" for key in _custom_keys(sensitive=sensitive)]


def _contacts(contacts: Iterable[Contact] | None) -> Iterable[Contact]:
    if contacts is not None:
        return contacts
    return contacts_matching(ContactFilters()).order_by("pk").iterator(chunk_size=CHUNK)


def contact_values(contact: Contact, custom_keys: list[str]) -> list[str]:
    """One contact as a row under ``contact_columns()``."""
    roles = list(contact.roles.all())
    primary = roles[0] if roles else None
    return [
        str(contact.pk),
        contact.external_id or "",
        contact.given_name,
        contact.family_name,
        contact.middle_name,
        contact.honorific_prefix,
        contact.name_order,
        contact.preferred_name,
        contact.name_latin,
        contact.full_name,
        contact.form_of_address,
        ", ".join(contact.languages),
        contact.country,
        contact.timezone,
        _items((e.label, e.address) for e in contact.emails.all()),
        _items((p.label, p.number) for p in contact.phones.all()),
        ", ".join(contact.preferred_channels),
        "true" if contact.do_not_contact else "false",
        _user(contact.owner),
        contact.team.name if contact.team else "",
        primary.organization.name if primary else "",
        primary.title if primary else "",
        "; ".join(tag.name for tag in contact.tags.all()),
        *(_custom_text(contact.custom.get(key)) for key in custom_keys),
    ]


def _custom_text(value: Any) -> str:
    if is_encrypted(value):
        try:
            value = custom_open(value)
        except EncryptionError:
            return ""
    return "" if value is None else str(value)


def contact_rows(
    contacts: Iterable[Contact] | None = None, *, sensitive: bool = False
) -> Iterator[list[str]]:
    """The header row, then one row per contact (every contact when none are given).
    ``sensitive``: include the decrypted sensitive custom fields (administrators, managers
    and the operator's command line only)."""
    keys = _custom_keys(sensitive=sensitive)
    yield contact_columns(sensitive=sensitive)
    for contact in _contacts(contacts):
        yield contact_values(contact, keys)


def organization_rows(organizations: Iterable[Organization] | None = None) -> Iterator[list[str]]:
    yield list(ORGANIZATION_COLUMNS)
    if organizations is None:
        query = organizations_matching(OrganizationFilters()).order_by("pk")
        organizations = query.iterator(chunk_size=CHUNK)
    for organization in organizations:
        parent = organization.parent
        yield [
            str(organization.pk),
            organization.external_id or "",
            *(getattr(organization, name) for name in ORGANIZATION_TEXT),
            _user(organization.owner),
            organization.team.name if organization.team else "",
            (parent.external_id or parent.name) if parent else "",
            _items((i.scheme, i.value) for i in organization.identifiers.all()),
            "; ".join(tag.name for tag in organization.tags.all()),
        ]


def _csv_cell(value: str) -> str:
    if value and (
        value[0] in _FORMULA_START or (value[0] in "+-" and not _SIGNED_HARMLESS.match(value))
    ):
        return "'" + value
    return value


def write_csv(rows: Iterable[list[str]], stream: IO[str]) -> int:
    """Rows to a text stream (open it with newline=""); returns how many records it wrote."""
    writer = csv.writer(stream)
    count = -1
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
        count += 1
    return max(count, 0)


def write_xlsx(rows: Iterable[list[str]], stream: IO[bytes], *, title: str) -> int:
    """Rows to an XLSX workbook, every cell as text (nothing a spreadsheet would run)."""
    # Imported here: openpyxl is large and only exports need it (as core.tabular does).
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    count = -1
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    workbook.save(stream)
    return max(count, 0)


def _vcard_param(line, name: str, value: str) -> None:
    line.params[name.upper()] = [value]


def contact_vcard(contact: Contact, *, version: str = "4.0") -> str:
    """One contact as a vCard: the name in its own script (N parts, FN in the person's order),
    the romanized name (4.0: an alternative FN in the Latin script), every email and phone with
    its type, the primary organization and title, languages, zone, country and tags."""
    card = vobject.vCard()
    card.add("version").value = version
    if contact.external_id:
        card.add("uid").value = contact.external_id
    card.add("fn").value = contact.full_name
    language = contact.languages[0].split("-")[0] if contact.languages else ""
    if contact.name_latin:
        if version == "4.0":
            card.fn.params["ALTID"] = ["1"]
            if language:
                card.fn.params["LANGUAGE"] = [language]
            latin = card.add("fn")
            latin.value = contact.name_latin
            latin.params["ALTID"] = ["1"]
            latin.params["LANGUAGE"] = [f"{language or 'und'}-Latn"]
        else:
            card.add("x-amity-name-latin").value = contact.name_latin
    card.add("n").value = vobject.vcard.Name(
        family=contact.family_name,
        given=contact.given_name,
        additional=contact.middle_name,
        prefix=contact.honorific_prefix,
    )
    if contact.preferred_name:
        card.add("nickname").value = contact.preferred_name
    for index, email in enumerate(contact.emails.all()):
        line = card.add("email")
        line.value = email.address
        if kind := EMAIL_TYPES.get(email.label.lower()):
            _vcard_param(line, "TYPE", kind)
        elif version == "3.0":
            _vcard_param(line, "TYPE", "internet")
        if index == 0 and version == "4.0":
            _vcard_param(line, "PREF", "1")
    for index, phone in enumerate(contact.phones.all()):
        line = card.add("tel")
        kind = PHONE_TYPES.get(phone.label.lower(), "voice")
        if version == "4.0":
            line.value = f"tel:{phone.number}"
            _vcard_param(line, "VALUE", "uri")
            _vcard_param(line, "TYPE", kind)
            if index == 0:
                _vcard_param(line, "PREF", "1")
        else:
            line.value = phone.number
            _vcard_param(line, "TYPE", kind)
    roles = list(contact.roles.all())
    if roles:
        card.add("org").value = [roles[0].organization.name]
        if roles[0].title:
            card.add("title").value = roles[0].title
    for index, tag in enumerate(contact.languages, start=1):
        line = card.add("lang" if version == "4.0" else "x-amity-lang")
        line.value = tag
        _vcard_param(line, "PREF", str(index))
    if contact.timezone:
        line = card.add("tz")
        line.value = contact.timezone
        _vcard_param(line, "VALUE", "text")
    if contact.country:
        address = card.add("adr")
        address.value = vobject.vcard.Address(country=country_name(contact.country))
    tags = [tag.name for tag in contact.tags.all()]
    if tags:
        card.add("categories").value = tags
    if contact.name_order == NameOrder.FAMILY_GIVEN and version == "3.0":
        # 4.0 readers take the order from FN; 3.0 address books sort by this.
        card.add("sort-string").value = " ".join(
            p for p in (contact.family_name, contact.given_name) if p
        )
    return card.serialize()


def write_vcards(stream: IO[str], *, version: str = "4.0", contacts=None) -> int:
    """Every contact (or the given ones) as vCards; returns how many it wrote."""
    if version not in VCARD_VERSIONS:
        raise ValueError(version)
    count = 0
    for contact in _contacts(contacts):
        stream.write(contact_vcard(contact, version=version))
        count += 1
    return count
