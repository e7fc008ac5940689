"""The interactions' part of a data-subject request (registered with
``core.erasure_hooks`` in ``apps.py``): what the timeline holds about a person, and its
anonymization. Interactions only with the person lose their text and keep channel, direction,
time and duration for the metrics; shared ones lose the person and their name in the text."""

from django.db import transaction

from amity.core import crypto
from amity.core.erasure_hooks import redact
from amity.interactions.confidential import body_open, body_seal
from amity.interactions.models import Interaction, InteractionContact

TABLES = ("interactions_interaction", "interactions_interactioncontact")


def _plain_body(interaction: Interaction) -> str:
    """The summary as written (a confidential one decrypted); '' when it cannot be opened."""
    try:
        return body_open(interaction)
    except crypto.EncryptionError:
        return ""


def interactions_export(contact_id: int) -> list[dict]:
    """Every interaction the person took part in, with its text (meetings included)."""
    rows = (
        Interaction.objects.filter(participant_rows__contact_id=contact_id)
        .prefetch_related("participant_rows")
        .order_by("occurred_at", "id")
    )
    return [
        {
            "id": row.pk,
            "channel": row.channel,
            "direction": row.direction,
            "subject": row.subject,
            "body": _plain_body(row),
            "confidential": row.confidential,
            "language": row.language,
            "occurred_at": row.occurred_at.isoformat(),
            "duration_seconds": row.duration.total_seconds() if row.duration else None,
            "outcome": row.outcome,
            "follow_up_on": row.follow_up_on.isoformat() if row.follow_up_on else None,
            "video_link": row.video_link,
            "organization_id": row.organization_id,
            "other_participant_ids": sorted(
                p.contact_id for p in row.participant_rows.all() if p.contact_id != contact_id
            ),
        }
        for row in rows
    ]


def interactions_erase(contact_id: int, needles: tuple[str, ...]) -> int:
    """Anonymize the person's interactions; returns how many were touched."""
    touched = 0
    with transaction.atomic():
        ids = list(
            InteractionContact.objects.filter(contact_id=contact_id).values_list(
                "interaction_id", flat=True
            )
        )
        shared = set(
            InteractionContact.objects.filter(interaction_id__in=ids)
            .exclude(contact_id=contact_id)
            .values_list("interaction_id", flat=True)
        )
        for interaction in Interaction.objects.filter(pk__in=ids):
            if interaction.pk in shared:
                interaction.subject = redact(interaction.subject, needles)
                # A confidential summary is redacted in plaintext and sealed again.
                redacted = redact(_plain_body(interaction), needles)
                interaction.body = body_seal(redacted, confidential=interaction.confidential)
                fields = ["subject", "body"]
            else:
                interaction.subject = ""
                interaction.body = ""
                interaction.video_link = ""
                interaction.external_id = None
                fields = ["subject", "body", "video_link", "external_id"]
            interaction.save(update_fields=fields)
            touched += 1
        InteractionContact.objects.filter(contact_id=contact_id, interaction_id__in=shared).delete()
    return touched


def contacts_active_since(cutoff):
    """Ids of contacts with an interaction after ``cutoff`` (a subquery)."""
    return InteractionContact.objects.filter(occurred_at__gte=cutoff).values("contact_id")


def interactions_expire_text(cutoff, contact_ids, dry_run: bool) -> int:
    """Blank the subject and summary of interactions before ``cutoff`` with any of
    ``contact_ids`` (a subquery); channel, direction, time and duration stay."""
    rows = (
        Interaction.objects.filter(
            occurred_at__lt=cutoff, participant_rows__contact_id__in=contact_ids
        )
        .exclude(subject="", body="")
        .distinct()
    )
    if dry_run:
        return rows.count()
    with transaction.atomic():
        return Interaction.objects.filter(pk__in=list(rows.values_list("pk", flat=True))).update(
            subject="", body=""
        )
