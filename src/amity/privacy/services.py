"""Writes for consent. The ledger row each service writes is its event: who recorded what,
when, from which source, with which evidence and wording. There is no update or delete."""

from typing import Any, TypedDict

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import TextChoices
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.core.actors import Actor, Via, as_actor
from amity.core.actors import ActorKind as Kind
from amity.core.errors import Conflict, DomainError
from amity.core.events import publish
from amity.core.mail import email_enqueue
from amity.core.permissions import Action, require
from amity.people.localities import language_tag_normalize
from amity.people.models import Contact
from amity.people.validation import clean_country, clean_subdivision
from amity.privacy import selectors
from amity.privacy.events import ConsentRecorded, PurposeCreated
from amity.privacy.models import (
    ActorKind,
    ConsentEntry,
    ContactJurisdiction,
    DoubleOptIn,
    LawfulBasis,
    Purpose,
    PurposeTranslation,
    Source,
    Status,
)

TOKEN_SALT = "amity.privacy.double-opt-in"  # noqa: S105 (a signing salt, not a secret)
TOKEN_DAYS = 14
EVIDENCE_LIMIT = 5000
WORDING_LIMIT = 10000


def _text(value: str, field: str, limit: int) -> str:
    value = (value or "").strip()
    if "\x00" in value:
        raise DomainError(_("Text may not contain NUL characters."), field=field)
    if len(value) > limit:
        raise DomainError(_("At most %(limit)s characters.") % {"limit": limit}, field=field)
    return value


def _choice(value: str, choices: type[TextChoices], field: str) -> str:
    value = (value or "").strip().lower()
    if value not in choices.values or not value:
        raise DomainError(
            _("%(value)s is not a valid %(field)s; use one of: %(known)s.")
            % {
                "value": value or "''",
                "field": field,
                "known": ", ".join(v for v in choices.values if v),
            },
            code=f"invalid_{field}",
            field=field,
        )
    return value


def _language(tag: str) -> str:
    if not (tag or "").strip():
        return ""
    try:
        return language_tag_normalize(tag)
    except ValueError:
        raise DomainError(
            _("%(tag)s is not a BCP 47 language tag (for example pl or th-TH).") % {"tag": tag},
            field="wording_language",
        ) from None


def _purpose(purpose: Purpose | str) -> Purpose:
    return selectors.purpose_get(purpose) if isinstance(purpose, str) else purpose


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
    entry = _entry(
        actor=actor,
        contact=contact,
        purpose=_purpose(purpose),
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
        _publish(entry)
    return entry


def _entry(
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
    """A validated, unsaved ledger row."""
    fields = _actor_fields(actor, actor_kind, actor_label)
    status = _choice(status, Status, "status")
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
        lawful_basis=_choice(lawful_basis, LawfulBasis, "lawful_basis"),
        source=_choice(source, Source, "source"),
        evidence=_text(evidence, "evidence", EVIDENCE_LIMIT),
        wording=_text(wording, "wording", WORDING_LIMIT),
        wording_language=_language(wording_language),
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


def _publish(entry: ConsentEntry) -> None:
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


def _token(entry: ConsentEntry) -> str:
    return signing.dumps({"entry": entry.pk}, salt=TOKEN_SALT)


def confirmation_url(token: str) -> str:
    return settings.BASE_URL + reverse("privacy_confirm", args=[token])


def _send_confirmation(entry: ConsentEntry, address: str, token: str) -> None:
    """The confirmation email, in the contact's language, queued after commit."""
    with translation.override(selectors.contact_language(entry.contact)):
        words = {
            "name": entry.contact.full_name,
            "purpose": selectors.purpose_name(entry.purpose),
            "channel": selectors.channel_label(entry.channel),
            "wording": entry.wording,
            "link": confirmation_url(token),
            "days": TOKEN_DAYS,
        }
        subject = _("Please confirm: %(purpose)s") % words
        body = render_to_string("privacy/confirmation_email.txt", words)
    email_enqueue(to=[address], subject=subject, body=body)


def double_opt_in_request(
    *,
    actor: User | None,
    contact: Contact,
    purpose: Purpose | str,
    channel: str,
    source: str,
    lawful_basis: str = LawfulBasis.CONSENT,
    evidence: str = "",
    wording: str = "",
    wording_language: str = "",
    actor_kind: str = "",
    actor_label: str = "",
) -> tuple[ConsentEntry, str]:
    """Record a consent awaiting confirmation and email the person a signed link to confirm
    it (sent after commit). Returns the pending entry and the token."""
    purpose = _purpose(purpose)
    entry = _entry(
        actor=actor,
        contact=contact,
        purpose=purpose,
        channel=channel,
        status=Status.GRANTED,
        source=source,
        lawful_basis=lawful_basis,
        evidence=evidence,
        wording=wording,
        wording_language=wording_language,
        actor_kind=actor_kind,
        actor_label=actor_label,
        double_opt_in=DoubleOptIn.PENDING,
    )
    if contact.do_not_contact:
        raise DomainError(
            _("%(name)s asked not to be contacted; no confirmation link is sent.")
            % {"name": contact.full_name},
            code="do_not_contact",
        )
    address = next((e.address for e in contact.emails.all()), "")
    if not address:
        raise DomainError(
            _("%(name)s has no email address to send the confirmation link to.")
            % {"name": contact.full_name},
            code="no_email",
        )
    current = selectors.effective_entry(selectors.consent_state(contact), purpose, entry.channel)
    if current is not None and current.is_effective_grant and current.double_opt_in:
        raise Conflict(
            _("%(name)s already confirmed this consent.") % {"name": contact.full_name},
            code="already_confirmed",
        )
    with transaction.atomic():
        entry.save()
        _publish(entry)
        token = _token(entry)
        _send_confirmation(entry, address, token)
    return entry, token


def _pending_entry(token: str) -> ConsentEntry:
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_DAYS * 24 * 3600)
    except signing.SignatureExpired:
        raise DomainError(
            _("This confirmation link has expired; ask for a new one."), code="expired_token"
        ) from None
    except signing.BadSignature:
        raise DomainError(
            _("This confirmation link is not valid; check that it was copied whole."),
            code="invalid_token",
        ) from None
    entry = (
        ConsentEntry.objects.select_related("contact", "purpose")
        # pk=None (a signed value that names no entry) matches no row.
        .filter(pk=data.get("entry") if isinstance(data, dict) else None)  # type: ignore[misc]
        .first()
    )
    if entry is None or entry.double_opt_in != DoubleOptIn.PENDING:
        raise DomainError(_("This confirmation link is not valid."), code="invalid_token")
    return entry


def double_opt_in_pending(token: str) -> ConsentEntry:
    """The pending entry a confirmation link stands for (DomainError when the link is bad)."""
    return _pending_entry(token)


def double_opt_in_confirm(*, token: str) -> ConsentEntry:
    """The person followed the link: write the confirmation (once; following the link again
    returns the same confirmation). Refused when the consent changed after the link was sent."""
    pending = _pending_entry(token)
    with transaction.atomic():
        # Serialize confirmations of one contact, so a double click writes one row.
        Contact.objects.select_for_update().filter(pk=pending.contact_id).first()
        state = selectors.consent_state(pending.contact_id)
        current = selectors.effective_entry(state, pending.purpose, pending.channel)
        if current is not None and current.confirms_id == pending.pk:
            return current
        if current is None or current.pk != pending.pk:
            raise DomainError(
                _("This link is no longer valid: the consent was changed after it was sent."),
                code="superseded",
            )
        sent = formats.date_format(timezone.localtime(pending.recorded_at), "DATETIME_FORMAT")
        confirmation = ConsentEntry(
            contact_id=pending.contact_id,
            purpose=pending.purpose,
            channel=pending.channel,
            status=Status.GRANTED,
            lawful_basis=pending.lawful_basis,
            source=Source.DOUBLE_OPT_IN,
            evidence=_("Confirmed by following the link emailed on %(sent)s.") % {"sent": sent},
            wording=pending.wording,
            wording_language=pending.wording_language,
            double_opt_in=DoubleOptIn.CONFIRMED,
            confirms=pending,
            actor_kind=ActorKind.CONTACT,
        )
        confirmation.save()
        _publish(confirmation)
    return confirmation


def consents_move(kind: str, keep_id: int, merged_id: int) -> None:
    """Merge hook (the record-kind registry): the merged contact's ledger and override move
    to the kept contact (the ledger's only allowed change is this ``contact_id``)."""
    if kind != "contact":
        return
    ConsentEntry.objects.filter(contact_id=merged_id).update(contact_id=keep_id)
    if not ContactJurisdiction.objects.filter(contact_id=keep_id).exists():
        ContactJurisdiction.objects.filter(contact_id=merged_id).update(contact_id=keep_id)


def contact_jurisdiction_set(
    *, actor: User | None, contact: Contact, country: str, subdivision: str = "", reason: str = ""
) -> ContactJurisdiction | None:
    """Decide a contact's regime by this place instead of their country; a blank country
    removes the override."""
    if actor is not None:
        require(actor, Action.WRITE_RECORDS)
    country = clean_country(country)
    if not country:
        ContactJurisdiction.objects.filter(contact=contact).delete()
        return None
    subdivision = clean_subdivision(subdivision, country=country)
    with transaction.atomic():
        override, _created = ContactJurisdiction.objects.update_or_create(
            contact=contact,
            defaults={
                "country": country,
                "subdivision": subdivision,
                "reason": _text(reason, "reason", 1000),
                "set_by": actor,
            },
        )
    return override


def purpose_create(
    *,
    actor: User | None,
    slug: str,
    name: str,
    kind: str,
    channels: list[str] | tuple[str, ...] = (),
    description: str = "",
    translations: dict[str, str] | None = None,
) -> Purpose:
    """Add a purpose (admins): a new slug, a kind that decides the rules, its channels and its
    name in other languages ({"th": "...", "pl": "..."})."""
    if actor is not None:
        require(actor, Action.MANAGE_SETTINGS)
    slug = (slug or "").strip().lower()
    if (
        not slug
        or len(slug) > 50
        or not all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    ):
        raise DomainError(
            _("A slug is lower-case letters, digits and dashes, at most 50 (e.g. event-invites)."),
            field="slug",
        )
    name = _text(name, "name", 120)
    if not name:
        raise DomainError(_("A purpose needs a name."), field="name")
    kind = _choice(kind, Purpose.Kind, "kind")
    cleaned = [selectors.clean_channel(c) for c in channels]
    names = {
        _language(tag): _text(text, "translations", 120)
        for tag, text in (translations or {}).items()
    }
    try:
        with transaction.atomic():
            purpose = Purpose.objects.create(
                slug=slug,
                name=name,
                kind=kind,
                channels=[c for c in cleaned if c != "any"],
                description=_text(description, "description", 2000),
            )
            PurposeTranslation.objects.bulk_create(
                PurposeTranslation(purpose=purpose, language=tag, name=text)
                for tag, text in names.items()
                if tag and text
            )
            publish(PurposeCreated(actor=as_actor(actor), slug=slug))
    except IntegrityError:
        raise Conflict(
            _("A purpose called %(slug)s already exists.") % {"slug": slug}, field="slug"
        ) from None
    return purpose
