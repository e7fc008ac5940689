"""Which column of an imported file fills which Amity field.

Headers are recognized whatever their case, spacing, punctuation or accents ("Country/Region",
"country_region" and "COUNTRY REGION" are the same header), from the exports of the CRMs people
leave for Amity (HubSpot, Salesforce reports and Data Loader), from Polish and Thai spreadsheets,
and from Amity's own exports, so an export imports back unchanged. A mapping file (JSON
``{"Column header": "amity_field"}`` or a two-column CSV) overrides the guess column by column.
Columns that map to nothing are reported, never silently dropped.
The spellings each field is recognized by are ``header_spellings``.
"""

import csv
import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amity.core.errors import DomainError
from amity.core.text import fold
from amity.people.identifiers import SCHEMES
from amity.people.importing.header_spellings import (
    CONTACT_ALIASES,
    IDENTIFIER_ALIASES,
    IGNORE,
    ORGANIZATION_ALIASES,
)

CONTACTS = "contacts"
ORGANIZATIONS = "organizations"
KINDS = (CONTACTS, ORGANIZATIONS)
CUSTOM_PREFIX = "custom."
IDENTIFIER_PREFIX = "identifier."


class MappingError(DomainError):
    """A mapping (file or form) names a field Amity does not have."""

    code = "invalid_mapping"


# target -> label shown when someone maps columns by hand.
CONTACT_FIELDS = {
    "external_id": gettext_lazy("External id (id in the source system)"),
    "given_name": gettext_lazy("Given name"),
    "family_name": gettext_lazy("Family name"),
    "middle_name": gettext_lazy("Other names"),
    "honorific_prefix": gettext_lazy("Honorific"),
    "name_order": gettext_lazy("Name order"),
    "preferred_name": gettext_lazy("Preferred name"),
    "name_latin": gettext_lazy("Name in Latin letters"),
    "full_name": gettext_lazy("Full name (used when the name parts are empty)"),
    "form_of_address": gettext_lazy("Form of address"),
    "languages": gettext_lazy("Languages"),
    "country": gettext_lazy("Country"),
    "timezone": gettext_lazy("Time zone"),
    "email": gettext_lazy("Email"),
    "work_email": gettext_lazy("Work email"),
    "home_email": gettext_lazy("Personal email"),
    "emails": gettext_lazy("Emails (several, with labels)"),
    "phone": gettext_lazy("Phone"),
    "mobile": gettext_lazy("Mobile phone"),
    "work_phone": gettext_lazy("Work phone"),
    "home_phone": gettext_lazy("Home phone"),
    "phones": gettext_lazy("Phones (several, with labels)"),
    "preferred_channels": gettext_lazy("Preferred channels"),
    "do_not_contact": gettext_lazy("Do not contact"),
    "owner": gettext_lazy("Owner (user name or email)"),
    "team": gettext_lazy("Team"),
    "organization": gettext_lazy("Organization name"),
    "job_title": gettext_lazy("Job title"),
    "tags": gettext_lazy("Tags"),
}

ORGANIZATION_FIELDS = {
    "external_id": gettext_lazy("External id (id in the source system)"),
    "name": gettext_lazy("Name"),
    "name_latin": gettext_lazy("Name in Latin letters"),
    "industry": gettext_lazy("Industry"),
    "size_band": gettext_lazy("Size (employees)"),
    "country": gettext_lazy("Country"),
    "subdivision": gettext_lazy("Subdivision (ISO 3166-2)"),
    "street": gettext_lazy("Street address"),
    "city": gettext_lazy("City"),
    "postal_code": gettext_lazy("Postal code"),
    "region": gettext_lazy("Region or state"),
    "website": gettext_lazy("Website"),
    "owner": gettext_lazy("Owner (user name or email)"),
    "team": gettext_lazy("Team"),
    "parent": gettext_lazy("Parent organization (external id or name)"),
    "identifiers": gettext_lazy("Identifiers (several, scheme: value)"),
    "tags": gettext_lazy("Tags"),
}


def header_key(header: str) -> str:
    """The comparable form of a header: folded, letters and digits only ("Country/Region" ->
    "countryregion"); Thai vowel and tone marks are kept, they change the word."""
    return "".join(
        char
        for char in fold(header)
        if char.isalnum() or unicodedata.category(char).startswith("M")
    )


def _index(aliases: dict[str, list[str]], fields: dict) -> dict[str, str]:
    index: dict[str, str] = {}
    for target in fields:
        index.setdefault(header_key(target), target)
    for target, spellings in aliases.items():
        for spelling in spellings:
            index.setdefault(header_key(spelling), target)
    return index


@cache
def _contact_index() -> dict[str, str]:
    return _index(CONTACT_ALIASES, CONTACT_FIELDS)


@cache
def _organization_index() -> dict[str, str]:
    index = _index(ORGANIZATION_ALIASES, ORGANIZATION_FIELDS)
    for scheme in SCHEMES:
        index.setdefault(header_key(scheme), IDENTIFIER_PREFIX + scheme)
        index.setdefault(header_key(IDENTIFIER_PREFIX + scheme), IDENTIFIER_PREFIX + scheme)
    for scheme, spellings in IDENTIFIER_ALIASES.items():
        for spelling in spellings:
            index.setdefault(header_key(spelling), IDENTIFIER_PREFIX + scheme)
    return index


def _custom_fields() -> dict[str, str]:
    """{key: label} of the contacts' custom fields."""
    from amity.people.models import CustomField

    return dict(CustomField.objects.values_list("key", "label"))


def targets(kind: str) -> dict[str, str]:
    """Every field a column may fill for ``kind``, with its label (custom fields included)."""
    if kind == CONTACTS:
        found = {name: str(label) for name, label in CONTACT_FIELDS.items()}
        for key, label in _custom_fields().items():
            found[CUSTOM_PREFIX + key] = label
    else:
        found = {name: str(label) for name, label in ORGANIZATION_FIELDS.items()}
        for scheme in SCHEMES.values():
            found[IDENTIFIER_PREFIX + scheme.code] = str(scheme.label)
    return found


@dataclass
class Mapping:
    """The column -> field decision for one file."""

    kind: str
    columns: dict[str, str]  # header -> target, for the headers that fill a field
    unknown: list[str] = field(default_factory=list)  # headers that fill nothing, reported
    ignored: list[str] = field(default_factory=list)  # headers mapped to "ignore" on purpose

    def headers_for(self, targets_: set[str]) -> list[str]:
        return [header for header, target in self.columns.items() if target in targets_]

    @property
    def fills_anything(self) -> bool:
        return bool(self.columns)


def detect(kind: str, headers: list[str]) -> dict[str, str]:
    """The guessed field for each header ("ignore" for the ones Amity does not know)."""
    index = _contact_index() if kind == CONTACTS else _organization_index()
    custom = {}
    if kind == CONTACTS:
        for key, label in _custom_fields().items():
            custom.setdefault(header_key(key), CUSTOM_PREFIX + key)
            custom.setdefault(header_key(CUSTOM_PREFIX + key), CUSTOM_PREFIX + key)
            custom.setdefault(header_key(label), CUSTOM_PREFIX + key)
    guessed = {}
    for header in headers:
        key = header_key(header)
        guessed[header] = index.get(key) or custom.get(key) or IGNORE
    return guessed


def build(kind: str, headers: list[str], overrides: dict[str, str] | None = None) -> Mapping:
    """The mapping for a file: the guess, then each override (by exact or loose header)."""
    if kind not in KINDS:
        raise MappingError(_("Import contacts or organizations, not %(kind)s.") % {"kind": kind})
    chosen = detect(kind, headers)
    overridden: set[str] = set()
    allowed = targets(kind)
    by_key = {header_key(h): h for h in headers}
    for given, target in (overrides or {}).items():
        header = given if given in chosen else by_key.get(header_key(given))
        if header is None:
            continue
        target = (target or "").strip() or IGNORE
        if target != IGNORE and target not in allowed:
            raise MappingError(
                _("The column %(column)s is mapped to %(field)s, which is not a field of %(kind)s.")
                % {"column": given, "field": target, "kind": kind}
            )
        chosen[header] = target
        overridden.add(header)
    mapping = Mapping(kind=kind, columns={})
    ignored_by_alias = set((CONTACT_ALIASES if kind == CONTACTS else ORGANIZATION_ALIASES)[IGNORE])
    for header in headers:
        target = chosen[header]
        if target != IGNORE:
            mapping.columns[header] = target
        elif header in overridden or header in ignored_by_alias:
            mapping.ignored.append(header)
        else:
            mapping.unknown.append(header)
    return mapping


def mapping_file_read(path: str | Path) -> dict[str, str]:
    """Overrides from a JSON object ``{"Column header": "field"}`` or a CSV with two columns
    (header, field); raises MappingError when the file is neither."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise MappingError(_("Cannot read the mapping file %(path)s.") % {"path": path}) from error
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise MappingError(
                _("The mapping file %(path)s is not valid JSON: %(error)s.")
                % {"path": path, "error": error.msg}
            ) from error
        if not isinstance(data, dict) or not all(isinstance(v, str | None) for v in data.values()):
            raise MappingError(
                _('The mapping file must hold one object: {"Column header": "field"}.')
            )
        return {str(k): v or IGNORE for k, v in data.items()}
    overrides = {}
    for row in csv.reader(text.splitlines()):
        if len(row) >= 2 and row[0].strip():
            overrides[row[0].strip()] = row[1].strip() or IGNORE
    if not overrides:
        raise MappingError(
            _("The mapping file %(path)s maps no column; write one header,field pair a line.")
            % {"path": path}
        )
    # A header line ("column,field") is not a mapping.
    first = next(iter(overrides))
    if header_key(first) in {"column", "header"}:
        overrides.pop(first)
    return overrides
