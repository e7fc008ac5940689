"""The consent ledger: recording that a contact granted, denied or withdrew a purpose on a
channel. The row each write adds is its event (who recorded what, when, from which source, with
which evidence and wording); rows are never changed or deleted, except for a merge's move."""

from typing import Any, TypedDict

from django.db import transaction
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.core.actors import Actor, Via
from amity.core.actors import ActorKind as Kind
from amity.core.errors import DomainError
from amity.core.events import publish
from amity.core.permissions import Action, require
from amity.people.models import Contact
from amity.privacy import selectors
from amity.privacy.events import ConsentRecorded
from amity.privacy.models import (
    ActorKind,
    ConsentEntry,
    ContactJurisdiction,
    LawfulBasis,
    Purpose,
    Source,
    Status,
)
from amity.privacy.services.cleaning import clean_choice, clean_language, clean_text, purpose_of

EVIDENCE_LIMIT = 5000
WORDING_LIMIT = 10000


class _ActorFields(TypedDict):
    """The ledger columns that say who recorded an entry."""

    actor_kind: str
    recorded_by: User | None
    recorded_by_label: str


def _actor_fields(actor: User | None, actor_kind: str, actor_label: str) -> _ActorFields:
    if actor is not None:
        require(actor, Action.WRITE_RECORDS)
    kind = actor_kind or (ActorKind.USER if actor is not None else ActorKind.SYSTEM)
    label = actor_label or (actor.get_username() if actor is not None else "")
    return {"actor_kind": kind, "recorded_by": actor, "recorded_by_label": label[:150]}


def consent_record(
    *,
    actor: User | None,
    contact: Contact,
    purpose: Purpose | str,
    channel: str,
    status: str,
    source: str,
    lawful_basis: str = LawfulBasis.CONSENT,
    evidence: str = "",
    wording: str = "",
    wording_language: str = "",
    actor_kind: str = "",
    actor_label: str = "",
) -> ConsentEntry:
    """Record that a contact granted, denied or withdrew a purpose on a channel: one new
    ledger row, validated in full first (a refused call writes nothing)."""
    entry = ledger_entry(
        actor=actor,
        contact=contact,
        purpose=purpose_of(purpose),
        channel=channel,
        status=status,
        source=source,
        lawful_basis=lawful_basis,
        evidence=evidence,
        wording=wording,
        wording_language=wording_language,
        actor_kind=actor_kind,
        actor_label=actor_label,
    )
    with transaction.atomic():
        entry.save()
        entry_publish(entry)
    return entry


def ledger_entry(
    *,
    actor: User | None,
    contact: Contact,
    purpose: Purpose,
    channel: str,
    status: str,
    source: str,
    lawful_basis: str,
    evidence: str,
    wording: str,
    wording_language: str,
    actor_kind: str,
    actor_label: str,
    **extra: Any,
) -> ConsentEntry:
    """A validated, unsaved ledger row (``extra``: more of its columns, as they are)."""
    fields = _actor_fields(actor, actor_kind, actor_label)
    status = clean_choice(status, Status, "status")
    if status == Status.GRANTED and not purpose.is_active:
        raise DomainError(
            _("The purpose %(purpose)s is no longer in use; consent to it cannot be granted.")
            % {"purpose": purpose.slug},
            code="inactive_purpose",
            field="purpose",
        )
    return ConsentEntry(
        contact=contact,
        purpose=purpose,
        channel=selectors.clean_channel(channel, purpose),
        status=status,
        lawful_basis=clean_choice(lawful_basis, LawfulBasis, "lawful_basis"),
        source=clean_choice(source, Source, "source"),
        evidence=clean_text(evidence, "evidence", EVIDENCE_LIMIT),
        wording=clean_text(wording, "wording", WORDING_LIMIT),
        wording_language=clean_language(wording_language),
        **fields,
        **extra,
    )


def _entry_actor(entry: ConsentEntry) -> Actor:
    """The typed actor of a ledger row (the row itself keeps the kind, user and name)."""
    if entry.actor_kind == ActorKind.API:
        via = Via.API
    elif entry.recorded_by_label == "cli":
        via = Via.CLI
    elif entry.actor_kind in (ActorKind.USER, ActorKind.CONTACT):
        via = Via.UI  # staff pages, or the person on the public preference pages
    else:
        via = Via.SYSTEM
    kinds: dict[str, Kind] = {
        ActorKind.API: Kind.TOKEN,
        ActorKind.USER: Kind.USER,
        ActorKind.CONTACT: Kind.CONTACT,
    }
    kind = kinds.get(entry.actor_kind, Kind.SYSTEM)
    label = entry.recorded_by_label or (
        "contact" if entry.actor_kind == ActorKind.CONTACT else entry.actor_kind
    )
    return Actor(kind, via, user=entry.recorded_by, label=label)


def entry_publish(entry: ConsentEntry) -> None:
    """Publish the new ledger row; the audit trail notes it in the same transaction (purpose,
    status, source and double opt-in stage only)."""
    publish(
        ConsentRecorded(
            actor=_entry_actor(entry),
            record_id=entry.contact_id,
            entry_id=entry.pk,
            purpose=entry.purpose.slug,
            channel=entry.channel,
            status=entry.status,
            source=entry.source,
            double_opt_in=entry.double_opt_in,
        )
    )


def consents_move(kind: str, keep_id: int, merged_id: int) -> None:
    """Merge hook (the record-kind registry): the merged contact's ledger and override move
    to the kept contact (the ledger's only allowed change is this ``contact_id``)."""
    if kind != "contact":
        return
    ConsentEntry.objects.filter(contact_id=merged_id).update(contact_id=keep_id)
    if not ContactJurisdiction.objects.filter(contact_id=keep_id).exists():
        ContactJurisdiction.objects.filter(contact_id=merged_id).update(contact_id=keep_id)
