"""Writes for interactions: log, change and delete a touchpoint, validated, in one
transaction, with the contacts' search entries untouched (interactions are not searched by
the global box; their text belongs to the timeline)."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import TextChoices
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.core.actors import Actor, as_actor
from amity.core.channels import Channel
from amity.core.errors import Conflict, DomainError
from amity.core.events import publish
from amity.core.partial_update import PartialUpdate
from amity.core.permissions import Action, PermissionDenied, require
from amity.interactions.confidential import (
    bodies_revealed_audit,
    body_open,
    body_readable_by,
    body_seal,
)
from amity.interactions.contracts import InteractionData
from amity.interactions.events import (
    InteractionChanged,
    InteractionDeleted,
    InteractionEvent,
    InteractionLogged,
)
from amity.interactions.models import (
    Direction,
    Interaction,
    InteractionContact,
    Outcome,
)
from amity.people.localities import language_tag_normalize
from amity.people.models import Contact, Organization
from amity.people.validation import clean_choice

MAX_DURATION = timedelta(days=7)


def _choice(
    value: object, choices: type[TextChoices], field: str, *, required: bool = False
) -> str:
    # Codes are lower case; people type "Phone" too.
    return clean_choice(str(value or "").lower(), choices, field=field, required=required)


def _apply(interaction: Interaction, data: InteractionData) -> dict[str, list[int]]:
    interaction.channel = _choice(data.channel, Channel, "channel", required=True)
    interaction.direction = _choice(data.direction, Direction, "direction", required=True)
    interaction.outcome = _choice(data.outcome, Outcome, "outcome")
    interaction.subject = (data.subject or "").strip()
    if len(interaction.subject) > 250:
        raise DomainError(_("At most %(limit)s characters.") % {"limit": 250}, field="subject")
    body = (data.body or "").strip()
    if len(body) > 100_000:
        raise DomainError(_("At most %(limit)s characters.") % {"limit": 100_000}, field="body")
    interaction.confidential = bool(data.confidential)
    interaction.body = body_seal(
        body, confidential=interaction.confidential, previous=interaction.body
    )
    if data.language:
        try:
            interaction.language = language_tag_normalize(data.language)
        except ValueError:
            raise DomainError(
                _("%(tag)s is not a BCP 47 language tag (for example th, pl or pt-BR).")
                % {"tag": data.language},
                field="language",
            ) from None
    else:
        interaction.language = ""
    if data.occurred_at is None or data.occurred_at.tzinfo is None:
        raise DomainError(
            _("Give the time with its zone or offset (for example 2026-04-13T09:30+07:00)."),
            field="occurred_at",
        )
    interaction.occurred_at = data.occurred_at
    if data.duration is not None and not timedelta(0) <= data.duration <= MAX_DURATION:
        raise DomainError(_("The duration must be between 0 and 7 days."), field="duration")
    interaction.duration = data.duration
    interaction.follow_up_on = data.follow_up_on
    interaction.external_id = (data.external_id or "").strip() or None
    if interaction.external_id and len(interaction.external_id) > 100:
        raise DomainError(_("At most %(limit)s characters.") % {"limit": 100}, field="external_id")
    if data.organization_id is not None:
        organization = Organization.objects.filter(pk=data.organization_id).first()
        if organization is None:
            raise DomainError(
                _("There is no organization with id %(id)s.") % {"id": data.organization_id},
                field="organization_id",
            )
        interaction.organization = organization
    else:
        interaction.organization = None
    contact_ids = list(dict.fromkeys(data.contact_ids))
    if not contact_ids and interaction.organization is None:
        raise DomainError(
            _("An interaction needs at least one contact or an organization."),
            field="contact_ids",
        )
    found = set(Contact.objects.filter(pk__in=contact_ids).values_list("pk", flat=True))
    if missing := set(contact_ids) - found:
        raise DomainError(
            _("There is no contact with id %(id)s.") % {"id": min(missing)}, field="contact_ids"
        )
    user_ids = list(dict.fromkeys(data.user_ids))
    users = set(User.objects.filter(pk__in=user_ids).values_list("pk", flat=True))
    if missing := set(user_ids) - users:
        raise DomainError(
            _("There is no user with id %(id)s.") % {"id": min(missing)}, field="user_ids"
        )
    return {"contacts": contact_ids, "users": user_ids}


def _save(interaction: Interaction) -> None:
    try:
        with transaction.atomic():
            interaction.save()
    except IntegrityError as error:
        raise Conflict(
            _("Another interaction already has this external id."), field="external_id"
        ) from error


def interaction_log(
    *, actor: User | None, data: InteractionData, actor_label: str = ""
) -> Interaction:
    """Record a touchpoint (a call, an email, a meeting...) on its contacts' timelines."""
    if actor is not None:
        require(actor, Action.WRITE_RECORDS)
    interaction = Interaction(created_by=actor, source=actor_label or "")
    related = _apply(interaction, data)
    with transaction.atomic():
        _save(interaction)
        _participants_set(interaction, related["contacts"])
        interaction.users.set(related["users"])
        _publish(InteractionLogged, interaction, as_actor(actor, actor_label), related)
    return interaction


def _publish(
    event_type: type[InteractionEvent],
    interaction: Interaction,
    actor: Actor,
    related: dict[str, list[int]],
    fields: tuple[str, ...] = (),
) -> None:
    publish(
        event_type(
            actor=actor,
            record_id=interaction.pk,
            fields=fields,
            contact_ids=tuple(related["contacts"]),
            channel=interaction.channel,
        )
    )


def _participants_set(interaction: Interaction, contact_ids: list[int]) -> None:
    """The interaction's contacts, each row carrying its time and channel (see models)."""
    rows = InteractionContact.objects.filter(interaction=interaction)
    rows.exclude(contact_id__in=contact_ids).delete()
    rows.update(occurred_at=interaction.occurred_at, channel=interaction.channel)
    have = set(rows.values_list("contact_id", flat=True))
    InteractionContact.objects.bulk_create(
        InteractionContact(
            interaction=interaction,
            contact_id=contact_id,
            occurred_at=interaction.occurred_at,
            channel=interaction.channel,
        )
        for contact_id in contact_ids
        if contact_id not in have
    )


def interaction_data(interaction: Interaction) -> InteractionData:
    return InteractionData(
        channel=interaction.channel,
        occurred_at=interaction.occurred_at,
        direction=interaction.direction,
        subject=interaction.subject,
        body=body_open(interaction),
        language=interaction.language,
        duration=interaction.duration,
        outcome=interaction.outcome,
        follow_up_on=interaction.follow_up_on,
        organization_id=interaction.organization_id,
        contact_ids=tuple(interaction.contacts.values_list("pk", flat=True)),
        user_ids=tuple(interaction.users.values_list("pk", flat=True)),
        external_id=interaction.external_id or "",
        confidential=interaction.confidential,
    )


def interaction_to_correct(
    interaction: Interaction, *, actor: User, channel: str
) -> InteractionData:
    """What a writer starts a correction from. A confidential interaction is only for those
    who may read it (PermissionDenied otherwise), and its decrypted summary is audited."""
    require(actor, Action.WRITE_RECORDS)
    if not body_readable_by(interaction, actor):
        raise PermissionDenied(Action.WRITE_RECORDS)
    if interaction.confidential:
        contact = next(iter(interaction.contacts.all()), None)
        bodies_revealed_audit(
            actor,
            count=1,
            channel=channel,
            contact_id=contact.pk if contact else None,
            organization_id=interaction.organization_id,
        )
    return interaction_data(interaction)


def interaction_update(
    *,
    actor: User | None,
    interaction: Interaction,
    data: InteractionData,
    fields: set[str] | None = None,
) -> Interaction:
    """Correct an interaction; ``fields`` limits the change (a partial update), validated on a
    copy (a refused change leaves ``interaction`` as it was). A confidential one is changed
    only by those who may read it (its author and managers)."""
    if actor is not None:
        require(actor, Action.WRITE_RECORDS)
        if not body_readable_by(interaction, actor):
            raise PermissionDenied(Action.WRITE_RECORDS)
    update = PartialUpdate(interaction, data, fields, stored=interaction_data)
    merged = update.data
    working = update.working
    related = _apply(working, merged)
    with transaction.atomic():
        _save(working)
        _participants_set(working, related["contacts"])
        working.users.set(related["users"])
        changed = tuple(sorted(fields)) if fields is not None else ()
        _publish(InteractionChanged, working, as_actor(actor), related, changed)
    return update.done()


def interaction_delete(*, actor: User | None, interaction: Interaction) -> None:
    """Remove an interaction from every timeline; a confidential one only by those who may
    read it (its author and managers), as for a correction."""
    if actor is not None:
        require(actor, Action.WRITE_RECORDS)
        if not body_readable_by(interaction, actor):
            raise PermissionDenied(Action.WRITE_RECORDS)
    with transaction.atomic():
        contact_ids = list(interaction.contacts.values_list("pk", flat=True))
        _publish(InteractionDeleted, interaction, as_actor(actor), {"contacts": contact_ids})
        interaction.delete()


def interactions_move(kind: str, keep_id: int, merged_id: int) -> None:
    """Merge hook (the record-kind registry): move a merged contact's or organization's
    interactions onto the kept record."""
    if kind == "contact":
        interactions_move_contact(keep_id, merged_id)
    elif kind == "organization":
        interactions_move_organization(keep_id, merged_id)


def interactions_move_contact(keep_id: int, merged_id: int) -> None:
    """Merge hook: the merged contact's interactions now involve the kept contact."""
    already = InteractionContact.objects.filter(contact_id=keep_id).values("interaction_id")
    InteractionContact.objects.filter(contact_id=merged_id, interaction_id__in=already).delete()
    InteractionContact.objects.filter(contact_id=merged_id).update(contact_id=keep_id)


def interactions_move_organization(keep_id: int, merged_id: int) -> None:
    """Merge hook: the merged organization's interactions now belong to the kept one."""
    Interaction.objects.filter(organization_id=merged_id).update(organization_id=keep_id)
