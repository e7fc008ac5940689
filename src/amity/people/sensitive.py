"""Sensitive custom fields: their values are stored encrypted in ``Contact.custom`` (the text
``enc1:...`` of ``amity.core.crypto``), opened only for administrators and managers, and kept
out of search entries, segment rules, exports for other roles and event snapshots.

``clean_custom`` (validation) opens an encrypted value it is handed back and validates the
plaintext; ``custom_seal`` encrypts what a service is about to store, keeping the stored text
of a value that did not change (so an unchanged form does not look like a change).
"""

import json
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amity.accounts.models import User
from amity.core import crypto
from amity.core.audit_hooks import audit
from amity.core.errors import DomainError
from amity.core.permissions import Action, require
from amity.people.history import record_event
from amity.people.models import Contact, CustomField, PeopleEvent

# What a reader without the right sees in place of a sensitive value.
MASK = gettext_lazy("Hidden (sensitive)")
UNREADABLE = gettext_lazy("Cannot be decrypted")


def sensitive_keys(definitions: Mapping[str, CustomField]) -> set[str]:
    return {key for key, definition in definitions.items() if definition.sensitive}


def custom_open(value: Any) -> Any:
    """The typed plaintext of a stored value (a value that is not encrypted as it is)."""
    if not crypto.is_encrypted(value):
        return value
    return json.loads(crypto.decrypt(value))


def custom_seal(
    cleaned: dict[str, Any],
    *,
    previous: Mapping[str, Any],
    definitions: Mapping[str, CustomField],
) -> dict[str, Any]:
    """``cleaned`` (plaintext, validated) as stored: sensitive values encrypted, reusing the
    previous ciphertext of a value that did not change."""
    sealed = dict(cleaned)
    for key in sensitive_keys(definitions) & set(cleaned):
        old = previous.get(key)
        if crypto.is_encrypted(old):
            try:
                if custom_open(old) == cleaned[key]:
                    sealed[key] = old
                    continue
            except crypto.EncryptionError:
                pass  # an unreadable old value is simply replaced
        sealed[key] = crypto.encrypt(json.dumps(cleaned[key], ensure_ascii=False))
    return sealed


def custom_reveal(
    contact: Contact,
    *,
    reader: Any,
    definitions: Mapping[str, CustomField],
    channel: str = "",
) -> dict[str, Any]:
    """The contact's custom values as ``reader`` may see them: sensitive ones decrypted for
    administrators and managers (the reading is audited), ``MASK`` for anyone else, and
    ``UNREADABLE`` when the key is missing or the value damaged."""
    keys = sensitive_keys(definitions) & set(contact.custom)
    if not keys:
        return dict(contact.custom)
    shown = dict(contact.custom)
    allowed = crypto.sensitive_readable_by(reader)
    for key in keys:
        if not allowed:
            shown[key] = MASK
            continue
        try:
            shown[key] = custom_open(contact.custom[key])
        except crypto.EncryptionError:
            shown[key] = UNREADABLE
    if allowed:
        audit(
            action="decrypted",
            actor=reader,
            channel=channel,
            subject_kind="contact",
            subject_id=contact.pk,
            fields=sorted(keys),
        )
    return shown


def custom_plaintext(custom: Mapping[str, Any]) -> dict[str, Any]:
    """Every value decrypted, for the system's own use (a data-subject export, an erasure
    that must read what it redacts); an unreadable value becomes ``UNREADABLE``'s text."""
    opened = {}
    for key, value in custom.items():
        try:
            opened[key] = custom_open(value)
        except crypto.EncryptionError:
            opened[key] = str(UNREADABLE)
    return opened


def custom_snapshot(custom: Mapping[str, Any], definitions: Mapping[str, CustomField]) -> dict:
    """Custom values for an event snapshot: sensitive ones by name only."""
    hidden = sensitive_keys(definitions)
    return {key: ("(sensitive)" if key in hidden else value) for key, value in custom.items()}


# Turning a field's protection on or off, in batches.


def _convert_batch(key: str, *, encrypt: bool, size: int) -> int:
    """Encrypt (or decrypt) at most ``size`` stored values of ``key``; one transaction."""
    with transaction.atomic():
        rows = Contact.objects.filter(**{"custom__has_key": key})
        if encrypt:
            rows = rows.exclude(**{f"custom__{key}__startswith": crypto.PREFIX})
        else:
            rows = rows.filter(**{f"custom__{key}__startswith": crypto.PREFIX})
        contacts = list(rows.order_by("pk").only("pk", "custom")[:size])
        for contact in contacts:
            value = contact.custom[key]
            contact.custom[key] = (
                crypto.encrypt(json.dumps(value, ensure_ascii=False))
                if encrypt
                else custom_open(value)
            )
        Contact.objects.bulk_update(contacts, ["custom"])
    return len(contacts)


def custom_field_protect(*, actor: User | None, key: str, sensitive: bool, batch: int = 500) -> int:
    """Mark a custom field sensitive (its stored values are encrypted) or not any more (they
    are decrypted: administrators only, and the values become readable by every role and
    searchable in segments). Runs in batches, each its own transaction; running it again
    finishes an interrupted run. Returns how many values it converted."""
    if actor is not None:
        require(actor, Action.MANAGE_SETTINGS)
    field = CustomField.objects.filter(key=key).first()
    if field is None:
        raise DomainError(
            _("There is no custom field %(key)s.") % {"key": key}, code="not_found", field="key"
        )
    crypto.keyring()  # a missing or malformed key stops here, before anything changes
    if sensitive and not field.sensitive:
        # Flag first: from now on new values are encrypted, readers treat the field as
        # sensitive, and the batches below encrypt the values already stored.
        CustomField.objects.filter(pk=field.pk).update(sensitive=True)
    converted = 0
    while count := _convert_batch(key, encrypt=sensitive, size=batch):
        converted += count
    if not sensitive and field.sensitive:
        CustomField.objects.filter(pk=field.pk).update(sensitive=False)
    record_event(
        PeopleEvent.Type.CUSTOM_FIELD_DEFINED,
        actor=actor,
        key=key,
        sensitive=sensitive,
        converted=converted,
    )
    return converted


# Key rotation (registered with amity.core.crypto by the people app).


def _outdated(primary: str):
    keys = CustomField.objects.filter(sensitive=True).values_list("key", flat=True)
    for key in keys:
        yield (
            key,
            (
                Contact.objects.filter(**{f"custom__{key}__startswith": crypto.PREFIX}).exclude(
                    **{f"custom__{key}__startswith": f"{crypto.PREFIX}{primary}:"}
                )
            ),
        )


def rotation_count(primary: str) -> int:
    return sum(rows.count() for _key, rows in _outdated(primary))


def rotation_batch(keys: list[crypto.Key], size: int) -> int:
    for key, rows in _outdated(keys[0].id):
        with transaction.atomic():
            contacts = list(rows.order_by("pk").only("pk", "custom")[:size])
            if not contacts:
                continue
            for contact in contacts:
                contact.custom[key] = crypto.reencrypt(contact.custom[key], keys=keys)
            Contact.objects.bulk_update(contacts, ["custom"])
            return len(contacts)
    return 0


def register_store() -> None:
    crypto.store_register(
        crypto.Store("contacts.custom", count=rotation_count, rotate_batch=rotation_batch)
    )
