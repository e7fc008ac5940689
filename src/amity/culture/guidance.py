"""Business-culture guidance per country: how direct communication usually is, the default
formality, how decisions are usually made, what trust rests on, meeting and gift etiquette,
and what to avoid.

The guidance ships as one JSON file per country in ``guidance_data/<CC>.json``, each field
citing the public sources it rests on. Administrators may rewrite a field; their edit
(``CountryGuidanceOverride``, with its own source) wins over the file. It is guidance, not a
rule about people: organizations and contacts override any field (``people.guidance``) and a
contact's own recorded preference always wins.

Data format, one file per country (``PL.json``)::

    {"country": "PL",
     "sources": [{"url": "https://...", "title": "...", "accessed": "2026-11-24"}, ...],
     "formality": {"note": "Business etiquette is often formal: ...",
                   "note_th": "มารยาททางธุรกิจมักเป็นทางการ ...",
                   "note_pl": "Etykieta biznesowa jest często formalna: ...",
                   "sources": [1], "value": "formal"},
     ...}

"note" is the English text (required), ``note_<language code>`` a faithful translation of it
(same claims, same cautious wording), "sources" indexes the file's sources, "value" (optional)
is one of VALUE_LABELS. Field names and fixed values are interface strings (gettext catalogs).
A reader gets each shipped note in their language (the active interface language, or the one
an API call asks for), else the English note marked as a ``fallback``. Administrators' edits
and organizations' and contacts' preferences are shown as written, in whatever language their
author used (their ``language`` is "").
"""

import importlib.resources
import json
import re
from dataclasses import dataclass, field, replace
from functools import cache
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amity.core.actors import as_actor
from amity.core.errors import DomainError
from amity.core.events import publish
from amity.core.permissions import Action, require
from amity.culture.countries import country_codes
from amity.culture.events import CountryGuidanceEdited, CountryGuidanceReverted
from amity.culture.models.guidance import CountryGuidanceOverride, GuidanceField
from amity.culture.selectors import reader_locale

FIELDS: tuple[str, ...] = tuple(GuidanceField.values)
# The fields described by one of a few values (plus a note); the others are notes only.
VALUE_LABELS: dict[str, dict[str, object]] = {
    "directness": {
        "direct": gettext_lazy("Direct"),
        "indirect": gettext_lazy("Indirect"),
        "mixed": gettext_lazy("Varies: direct and indirect"),
    },
    "formality": {
        "formal": gettext_lazy("Formal by default"),
        "informal": gettext_lazy("Informal by default"),
    },
    "decisions": {
        "individual": gettext_lazy("One person decides"),
        "consensus": gettext_lazy("By consensus"),
    },
    "trust": {
        "relationship": gettext_lazy("The relationship"),
        "competence": gettext_lazy("Competence"),
    },
}
MAX_NOTE = 2000
MAX_TITLE = 200
MAX_URL = 500
DATA_PACKAGE = "amity.culture"
DATA_DIRECTORY = "guidance_data"
# The language of the "note" key; translations sit beside it as note_<code> (note_th, note_pl).
SOURCE_LANGUAGE = "en"
TRANSLATED_NOTE = re.compile(r"note_([a-z]{2,3})")
ENTRY_KEYS = {"value", "note", "sources"}


class GuidanceDataError(ValueError):
    """A shipped guidance file is malformed (a packaging mistake, caught by the tests)."""


@dataclass(frozen=True)
class Source:
    """A public page or publication a reader can open to check a piece of guidance."""

    url: str
    title: str
    accessed: str = ""  # ISO date the page was read, "" for an administrator's edit


@dataclass(frozen=True)
class GuidanceEntry:
    """One field of a country's guidance."""

    field: str
    value: str  # one of VALUE_LABELS[field], or "" (notes-only fields, or not characterized)
    note: str
    sources: tuple[Source, ...]
    edited: bool = False  # an administrator's edit replaced the shipped text
    # The note's language ("en", "th", "pl"); "" for an administrator's edit, shown as written.
    language: str = SOURCE_LANGUAGE
    # The reader asked for a language this note has no translation in: it is the English one.
    fallback: bool = False
    # Every shipped text of the note as (language, text), English first; () for an edit.
    translations: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        return str(GuidanceField(self.field).label)

    @property
    def value_label(self) -> str:
        return value_label(self.field, self.value)

    def in_language(self, language: str) -> "GuidanceEntry":
        """This entry with its note in ``language``, else in English marked as a fallback; an
        administrator's edit stays as written."""
        if not self.translations:
            return self
        texts = dict(self.translations)
        if language in texts:
            return replace(self, note=texts[language], language=language, fallback=False)
        return replace(
            self,
            note=texts[SOURCE_LANGUAGE],
            language=SOURCE_LANGUAGE,
            fallback=language != SOURCE_LANGUAGE,
        )


@dataclass(frozen=True)
class CountryGuidance:
    country: str
    entries: dict[str, GuidanceEntry] = field(default_factory=dict)

    def ordered(self) -> list[GuidanceEntry]:
        """Entries in the fixed field order (communication first, things to avoid last)."""
        return [self.entries[name] for name in FIELDS if name in self.entries]


def field_label(name: str) -> str:
    return str(GuidanceField(name).label)


def value_label(name: str, value: str) -> str:
    """The translated label of a fixed value; "" when there is none."""
    return str(VALUE_LABELS.get(name, {}).get(value, "")) if value else ""


def has_fixed_values(name: str) -> bool:
    return name in VALUE_LABELS


# Shipped files


def problems_in(raw: object, *, expected_country: str = "") -> list[str]:
    """Everything wrong with one country's file (empty when it is good): every field has a
    valid value and cites sources the file lists, and every source has a URL and a title."""
    if not isinstance(raw, dict):
        return ["the file is not a JSON object"]
    found: list[str] = []
    country = raw.get("country")
    if not isinstance(country, str) or country not in country_codes():
        found.append(f"unknown country {country!r}")
    elif expected_country and country != expected_country:
        found.append(f"file of {expected_country} describes {country}")
    sources = raw.get("sources")
    if not isinstance(sources, list) or not sources:
        return [*found, "no sources"]
    for index, source in enumerate(sources):
        if not isinstance(source, dict):
            found.append(f"source {index} is not an object")
            continue
        url = source.get("url", "")
        if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
            found.append(f"source {index} has no http(s) URL")
        if not isinstance(source.get("title"), str) or not source["title"].strip():
            found.append(f"source {index} has no title")
    unknown = set(raw) - {"country", "sources", *FIELDS}
    if unknown:
        found.append(f"unknown keys {sorted(unknown)}")
    for name in FIELDS:
        if name in raw:
            found.extend(
                f"{name}: {problem}" for problem in _entry_problems(name, raw[name], sources)
            )
    return found


def _entry_problems(name: str, entry: object, sources: list) -> list[str]:
    if not isinstance(entry, dict):
        return ["not an object"]
    found = []
    value = entry.get("value", "")
    if value and value not in VALUE_LABELS.get(name, {}):
        found.append(f"invalid value {value!r}")
    note = entry.get("note", "")
    if not isinstance(note, str) or not note.strip():
        found.append("no note")
    for key in sorted(entry):
        if key in ENTRY_KEYS:
            continue
        matched = TRANSLATED_NOTE.fullmatch(key)
        if matched is None or matched.group(1) == SOURCE_LANGUAGE:
            found.append(f"unknown key {key!r}")
        elif not isinstance(entry[key], str) or not entry[key].strip():
            found.append(f"empty {key}")
    cited = entry.get("sources")
    if not isinstance(cited, list) or not cited:
        found.append("cites no source")
    elif any(not isinstance(i, int) or not 0 <= i < len(sources) for i in cited):
        found.append("cites a source the file does not list")
    return found


def _entry_from(name: str, raw: dict, sources: tuple[Source, ...]) -> GuidanceEntry:
    translated = sorted(
        (matched.group(1), text.strip())
        for key, text in raw.items()
        if (matched := TRANSLATED_NOTE.fullmatch(key))
    )
    return GuidanceEntry(
        field=name,
        value=raw.get("value", ""),
        note=raw["note"].strip(),
        sources=tuple(sources[i] for i in raw["sources"]),
        translations=((SOURCE_LANGUAGE, raw["note"].strip()), *translated),
    )


@cache
def shipped_guidance() -> dict[str, CountryGuidance]:
    """Every country's guidance as shipped (notes in English, every translation kept on the
    entry), keyed by ISO 3166-1 code; a malformed file stops here with what is wrong with it
    instead of showing half-checked guidance."""
    directory = importlib.resources.files(DATA_PACKAGE).joinpath(DATA_DIRECTORY)
    found: dict[str, CountryGuidance] = {}
    for item in sorted(directory.iterdir(), key=lambda entry: entry.name):
        if not item.name.endswith(".json"):
            continue
        code = item.name.removesuffix(".json")
        raw = json.loads(item.read_text(encoding="utf-8"))
        problems = problems_in(raw, expected_country=code)
        if problems:
            raise GuidanceDataError(f"{item.name}: {'; '.join(problems)}")
        sources = tuple(
            Source(url=s["url"], title=s["title"].strip(), accessed=s.get("accessed", ""))
            for s in raw["sources"]
        )
        entries = {name: _entry_from(name, raw[name], sources) for name in FIELDS if name in raw}
        found[code] = CountryGuidance(country=code, entries=entries)
    return found


# Reading (shipped file + administrators' edits)


def reader_language(language: str | None = None) -> str:
    """The language a reader gets notes in: ``language`` when given (an API's ?language=),
    else the active interface language; only its primary subtag counts ("pt-br" -> "pt").
    DomainError (code unknown_language) when ``language`` is not a language code."""
    asked = (language or "").strip() or translation.get_language() or SOURCE_LANGUAGE
    return reader_locale(asked).split("_")[0].lower()


def _edited_entry(row: CountryGuidanceOverride) -> GuidanceEntry:
    return GuidanceEntry(
        field=row.field,
        value=row.value,
        note=row.note,
        sources=(Source(url=row.source_url, title=row.source_title),),
        edited=True,
        language="",  # written by a person in whatever language they use: shown as written
    )


def country_guidance(country: str, *, language: str | None = None) -> CountryGuidance:
    """A country's guidance: the shipped file, its notes in the reader's language (see
    ``reader_language``; English marked as a fallback when a note has no translation), with
    administrators' edits on top as written (one query). A country nobody described has no
    entries."""
    code = (country or "").upper()
    reader = reader_language(language)
    shipped = shipped_guidance().get(code)
    entries = (
        {name: entry.in_language(reader) for name, entry in shipped.entries.items()}
        if shipped
        else {}
    )
    if code:
        for row in CountryGuidanceOverride.objects.filter(country=code):
            entries[row.field] = _edited_entry(row)
    return CountryGuidance(country=code, entries=entries)


def countries_with_guidance() -> list[str]:
    """Codes of every country with shipped or edited guidance, sorted."""
    edited = CountryGuidanceOverride.objects.values_list("country", flat=True).distinct()
    return sorted(set(shipped_guidance()) | set(edited))


# Validation shared with organization and contact preferences (people.guidance)


def clean_value(name: str, value: str) -> str:
    """A field's value checked against its fixed values; notes-only fields take none."""
    value = (value or "").strip().lower()
    if not value:
        return ""
    choices = VALUE_LABELS.get(name)
    if choices is None:
        raise DomainError(
            _("%(field)s takes a note only, not a value.") % {"field": field_label(name)},
            field=name,
        )
    if value not in choices:
        raise DomainError(
            _("%(value)s is not a value of %(field)s; use one of: %(choices)s.")
            % {"value": value, "field": field_label(name), "choices": ", ".join(choices)},
            field=name,
        )
    return value


def clean_field(name: str) -> str:
    if name not in FIELDS:
        raise DomainError(
            _("There is no guidance field %(name)s; the fields are: %(fields)s.")
            % {"name": name, "fields": ", ".join(FIELDS)},
            field="field",
        )
    return name


def clean_note(name: str, note: str) -> str:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise DomainError(
            _("A note has at most %(limit)s characters.") % {"limit": MAX_NOTE}, field=name
        )
    if "\x00" in note:
        raise DomainError(_("Text may not contain NUL characters."), field=name)
    return note


def clean_country(country: str) -> str:
    code = (country or "").strip().upper()
    if code not in country_codes():
        raise DomainError(
            _("%(code)s is not an ISO 3166-1 country code.") % {"code": country or "''"},
            field="country",
        )
    return code


# Administrators' edits


def country_guidance_edit(
    *,
    actor,
    country: str,
    field: str,
    value: str,
    note: str,
    source_url: str,
    source_title: str,
) -> CountryGuidanceOverride:
    """Replace one field of a country's guidance. Needs ``settings.manage`` and a source a
    reader can check (an http(s) address and its title)."""
    require(actor, Action.MANAGE_SETTINGS)
    code = clean_country(country)
    name = clean_field(field)
    value = clean_value(name, value)
    note = clean_note(name, note)
    if not note:
        raise DomainError(_("Write the guidance itself in the note."), field="note")
    source_url = (source_url or "").strip()
    try:
        if len(source_url) > MAX_URL:
            raise ValidationError("too long")
        URLValidator(schemes=["http", "https"])(source_url)
    except ValidationError:
        raise DomainError(
            _("Give the source as an http or https address a reader can open."),
            field="source_url",
        ) from None
    source_title = (source_title or "").strip()
    if not source_title or len(source_title) > MAX_TITLE:
        raise DomainError(
            _("Give the source's title (at most %(limit)s characters).") % {"limit": MAX_TITLE},
            field="source_title",
        )
    with transaction.atomic():
        row, _created = CountryGuidanceOverride.objects.update_or_create(
            country=code,
            field=name,
            defaults={
                "value": value,
                "note": note,
                "source_url": source_url,
                "source_title": source_title,
                "updated_by": actor,
            },
        )
        publish(CountryGuidanceEdited(actor=as_actor(actor), country=code, field=name))
    return row


def country_guidance_revert(*, actor, country: str, field: str) -> bool:
    """Drop an administrator's edit so the shipped text shows again; False when none."""
    require(actor, Action.MANAGE_SETTINGS)
    code = clean_country(country)
    name = clean_field(field)
    with transaction.atomic():
        deleted, _rows = CountryGuidanceOverride.objects.filter(country=code, field=name).delete()
        if deleted:
            publish(CountryGuidanceReverted(actor=as_actor(actor), country=code, field=name))
    return bool(deleted)
