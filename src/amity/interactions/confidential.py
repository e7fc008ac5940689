"""Confidential interactions: the body (summary) is stored encrypted (``amity.core.crypto``)
and opened only for the interaction's author, managers and administrators; everyone else
sees that it is confidential. The subject, channel, time and people stay readable (they run
the timeline and the segment rules), so nothing secret belongs in the subject.
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from amity.core import crypto
from amity.core.audit_hooks import audit
from amity.interactions.models import Interaction


def body_readable_by(interaction: Interaction, reader: Any) -> bool:
    """The author, managers and administrators read a confidential body; nobody else."""
    if not interaction.confidential:
        return True
    if crypto.sensitive_readable_by(reader):
        return True
    reader_id = getattr(reader, "pk", None)
    active = getattr(reader, "is_active", False)
    return bool(active and reader_id and reader_id == interaction.created_by_id)


def body_seal(body: str, *, confidential: bool, previous: str = "") -> str:
    """The body as stored: encrypted when confidential (the previous ciphertext kept when the
    text did not change), plain otherwise."""
    if not confidential or not body:
        return body
    if crypto.is_encrypted(previous):
        try:
            if crypto.decrypt(previous) == body:
                return previous
        except crypto.EncryptionError:
            pass  # an unreadable old body is simply replaced
    return crypto.encrypt(body)


def body_open(interaction: Interaction) -> str:
    """The plaintext body, for the services (EncryptionError when it cannot be opened)."""
    return crypto.decrypt(interaction.body) if interaction.confidential else interaction.body


def body_shown(interaction: Interaction, reader: Any) -> tuple[str, bool]:
    """(text to show, whether it is withheld) for ``reader``: the decrypted body for those
    allowed, a notice for anyone else or when the key is missing."""
    if not interaction.confidential:
        return interaction.body, False
    if not body_readable_by(interaction, reader):
        return _("Confidential: only its author and managers can read this summary."), True
    try:
        return crypto.decrypt(interaction.body), False
    except crypto.EncryptionError as error:
        return str(error), True


def bodies_revealed_audit(
    reader: Any, *, count: int, channel: str, contact_id: int | None = None, organization_id=None
) -> None:
    """Note in the audit trail that ``count`` confidential bodies were decrypted for a reader."""
    if not count:
        return
    subject_kind, subject_id = ("contact", contact_id) if contact_id else ("organization", None)
    if not contact_id and organization_id:
        subject_id = organization_id
    audit(
        action="decrypted",
        actor=reader,
        channel=channel,
        subject_kind=subject_kind if subject_id else "",
        subject_id=subject_id,
        kind="interaction",
        count=count,
    )


# Key rotation (registered with amity.core.crypto by the interactions app).


def _outdated(primary: str):
    return Interaction.objects.filter(confidential=True, body__startswith=crypto.PREFIX).exclude(
        body__startswith=f"{crypto.PREFIX}{primary}:"
    )


def rotation_count(primary: str) -> int:
    return _outdated(primary).count()


def rotation_batch(keys: list[crypto.Key], size: int) -> int:
    with transaction.atomic():
        rows = list(_outdated(keys[0].id).order_by("pk").only("pk", "body")[:size])
        for row in rows:
            row.body = crypto.reencrypt(row.body, keys=keys)
        Interaction.objects.bulk_update(rows, ["body"])
    return len(rows)


def register_store() -> None:
    crypto.store_register(
        crypto.Store("interactions.body", count=rotation_count, rotate_batch=rotation_batch)
    )
