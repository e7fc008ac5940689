"""Field rules shared by every way a person or organization enters Amity (forms, API, import):
each function returns the normalized value or raises DomainError naming the field."""

import datetime
import functools
import json
from decimal import Decimal, InvalidOperation
from typing import Any

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from amity.core.crypto import EncryptionError, decrypt, is_encrypted
from amity.core.errors import DomainError
from amity.people.identifiers import InvalidIdentifier, identifier_compact, scheme_label
from amity.people.localities import (
    country_is_known,
    language_tag_normalize,
    subdivision_is_well_formed,
    timezone_is_known,
)
from amity.people.models import Channel, CustomField, Industry, NameOrder, SizeBand


def clean_country(code: str, *, field: str = "country") -> str:
    code = code.strip().upper()
    if code and not country_is_known(code):
        raise DomainError(
            _("%(code)s is not an ISO 3166-1 country code.") % {"code": code}, field=field
        )
    return code


def clean_subdivision(code: str, *, country: str) -> str:
    code = code.strip().upper()
    if not code:
        return ""
    if not subdivision_is_well_formed(code) or (country and not code.startswith(country + "-")):
        raise DomainError(
            _("%(code)s is not an ISO 3166-2 subdivision of the country.") % {"code": code},
            field="subdivision",
        )
    return code


def clean_timezone(name: str) -> str:
    name = name.strip()
    if name and not timezone_is_known(name):
        raise DomainError(
            _("%(zone)s is not an IANA time zone (for example Asia/Bangkok).") % {"zone": name},
            field="timezone",
        )
    return name


def clean_languages(tags) -> list[str]:
    cleaned: list[str] = []
    for tag in tags:
        try:
            normalized = language_tag_normalize(str(tag))
        except ValueError:
            raise DomainError(
                _("%(tag)s is not a BCP 47 language tag (for example th, pl or pt-BR).")
                % {"tag": tag},
                field="languages",
            ) from None
        if normalized not in cleaned:
            cleaned.append(normalized)
    # Stored once more as " th en-GB " (300 characters) so any database can filter by one.
    if len(" ".join(cleaned)) > 290:
        raise DomainError(_("Too many languages."), field="languages")
    return cleaned


def clean_email(address: str) -> tuple[str, str]:
    """(address as written, lower-case matching key)."""
    address = address.strip()
    try:
        if len(address) > 254:  # the longest address SMTP can carry (RFC 5321)
            raise ValidationError("too long")
        validate_email(address)
    except ValidationError:
        raise DomainError(
            _("%(address)s is not a valid email address.") % {"address": address}, field="emails"
        ) from None
    return address, address.lower()


def clean_phone(number: str, *, country: str) -> str:
    """E.164 ("+66812345678"); a national number is read in the contact's country."""
    return clean_phone_forms(number, country=country)[0]


def clean_phone_forms(number: str, *, country: str) -> tuple[str, str]:
    """(E.164, as written at home: "081 234 5678"), parsing the number once."""
    try:
        parsed = phonenumbers.parse(number.strip(), country or None)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        message = (
            _("%(number)s is not a valid phone number.")
            if country
            else _("%(number)s is not a valid phone number; write it with its +country code.")
        )
        raise DomainError(message % {"number": number}, field="phones")
    # E.164 is "+", the country code and the national significant number (what
    # format_number(E164) builds, without its dispatch).
    e164 = f"+{parsed.country_code}{phonenumbers.national_significant_number(parsed)}"
    return e164, phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


# A national number is at least this many digits before it is looked up in every country
# (shorter ones are still being typed, or are extensions and short codes).
NATIONAL_MIN_DIGITS = 6


@functools.cache
def _dialling_plans() -> tuple[tuple[int, str], ...]:
    """(country calling code, national trunk prefix) of every region phonenumbers knows,
    once each: "081 234 5678" is +66 81 234 5678 in Thailand (trunk prefix 0), "600 000
    123" +48 600 000 123 in Poland (none)."""
    plans = set()
    for region in phonenumbers.SUPPORTED_REGIONS:
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        if metadata is not None:
            plans.add((metadata.country_code, metadata.national_prefix or ""))
    return tuple(sorted(plans))


def phone_readings(reference: str) -> list[str]:
    """The E.164 numbers a typed phone number can be: the one it names with its +country
    code, else the number these digits are in each country's own way of writing it (for
    finding who has it by equality; not a validation)."""
    try:
        parsed = phonenumbers.parse(reference, None)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is not None:
        return [phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)]
    if reference.lstrip().startswith("+"):
        return []
    digits = "".join(c for c in reference if c.isdigit())
    if len(digits) < NATIONAL_MIN_DIGITS:
        return []
    readings = set()
    for country_code, trunk in _dialling_plans():
        national = digits[len(trunk) :] if trunk and digits.startswith(trunk) else digits
        if len(str(country_code)) + len(national) <= 15:  # E.164's longest number
            readings.add(f"+{country_code}{national}")
    return sorted(readings)


_CHANNELS = frozenset(Channel.values)


def clean_channels(channels) -> list[str]:
    known = _CHANNELS
    cleaned: list[str] = []
    for channel in channels:
        channel = str(channel).strip().lower()
        if channel not in known:
            raise DomainError(
                _("%(channel)s is not a channel; use one of: %(known)s.")
                % {"channel": channel, "known": ", ".join(Channel.values)},
                field="preferred_channels",
            )
        if channel not in cleaned:
            cleaned.append(channel)
    return cleaned


def clean_choice(value: str, choices: type, *, field: str, required: bool = False) -> str:
    """One of ``choices``' values ("" allowed unless ``required``)."""
    value = (value or "").strip()
    if (required or value) and value not in choices.values:
        raise DomainError(
            _("%(value)s is not one of: %(known)s.")
            % {"value": value, "known": ", ".join(choices.values)},
            field=field,
        )
    return value


def clean_name_order(value: str) -> str:
    return clean_choice(value, NameOrder, field="name_order")


def clean_industry(value: str) -> str:
    return clean_choice(value.upper(), Industry, field="industry")


def clean_size_band(value: str) -> str:
    return clean_choice(value, SizeBand, field="size_band")


def clean_website(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    if "://" not in url:
        url = "https://" + url
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise DomainError(
            _("%(url)s is not a web address.") % {"url": url}, field="website"
        ) from None
    if len(url) > 300:
        raise DomainError(_("At most %(limit)s characters.") % {"limit": 300}, field="website")
    return url


def clean_identifier(scheme: str, value: str) -> str:
    try:
        return identifier_compact(scheme, value)
    except InvalidIdentifier:
        raise DomainError(
            _("%(value)s is not a valid %(scheme)s.")
            % {"value": value, "scheme": scheme_label(scheme)},
            field="identifiers",
        ) from None


def clean_custom(values: dict[str, Any], definitions: dict[str, CustomField]) -> dict[str, Any]:
    """Typed custom field values: numbers as numbers, dates as ISO dates, choices checked.
    Values of sensitive fields come back as plaintext (see people.sensitive.custom_seal)."""
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        definition = definitions.get(key)
        if definition is None:
            raise DomainError(
                _("There is no custom field %(key)s.") % {"key": key}, field=f"custom.{key}"
            )
        if value is None or value == "":
            continue
        if definition.sensitive and is_encrypted(value):
            # A stored value handed back unchanged (an edit form, an import merge): open it
            # so it is validated and compared as plaintext; custom_seal encrypts it again.
            try:
                value = json.loads(decrypt(value))
            except EncryptionError as error:
                raise DomainError(
                    _("%(field)s: %(reason)s") % {"field": definition.label, "reason": error},
                    code=error.code,
                    field=f"custom.{key}",
                ) from None
        cleaned[key] = _custom_value(definition, value)
    return cleaned


def _custom_value(definition: CustomField, value: Any) -> Any:
    field = f"custom.{definition.key}"
    # A sensitive value is not repeated in an error message (messages reach logs and reports).
    shown = "***" if definition.sensitive else value
    label = {"field": definition.label, "value": shown}
    if definition.type == CustomField.Type.NUMBER:
        try:
            number = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():
            raise DomainError(_("%(field)s: %(value)s is not a number.") % label, field=field)
        return int(number) if number == number.to_integral_value() else float(number)
    if definition.type == CustomField.Type.DATE:
        try:
            return datetime.date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise DomainError(
                _("%(field)s: %(value)s is not a date (YYYY-MM-DD).") % label, field=field
            ) from None
    if definition.type == CustomField.Type.CHOICE:
        if str(value) not in definition.choices:
            raise DomainError(
                _("%(field)s: %(value)s is not one of the choices.") % label, field=field
            )
        return str(value)
    text = str(value).strip()
    if len(text) > 500:
        raise DomainError(_("%(field)s: at most 500 characters.") % label, field=field)
    return text
