"""Administrators' edits of a country's guidance (each with a source a reader can check), and
the checks of a field, value and note that organization and contact preferences share."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from amity.core.actors import as_actor
from amity.core.errors import DomainError
from amity.core.events import publish
from amity.core.permissions import Action, require
from amity.culture.countries import country_codes
from amity.culture.events import CountryGuidanceEdited, CountryGuidanceReverted
from amity.culture.guidance.entries import FIELDS, VALUE_LABELS, field_label
from amity.culture.models.guidance import CountryGuidanceOverride

MAX_NOTE = 2000
MAX_TITLE = 200
MAX_URL = 500


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
