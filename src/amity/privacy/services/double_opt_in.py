"""Double opt-in: a consent recorded as awaiting confirmation, a signed link emailed to the
person in their language, and the confirmation written when they follow it."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.core.errors import Conflict, DomainError
from amity.core.mail import email_enqueue
from amity.people.models import Contact
from amity.privacy import selectors
from amity.privacy.models import (
    ActorKind,
    ConsentEntry,
    DoubleOptIn,
    LawfulBasis,
    Purpose,
    Source,
    Status,
)
from amity.privacy.services.cleaning import purpose_of
from amity.privacy.services.ledger import entry_publish, ledger_entry

TOKEN_SALT = "amity.privacy.double-opt-in"  # noqa: S105 (a signing salt, not a secret)
TOKEN_DAYS = 14


def _token(entry: ConsentEntry) -> str:
    return signing.dumps({"entry": entry.pk}, salt=TOKEN_SALT)


def confirmation_url(token: str) -> str:
    """The absolute address of the confirmation page for this token."""
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
    purpose = purpose_of(purpose)
    entry = ledger_entry(
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
        entry_publish(entry)
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
        entry_publish(confirmation)
    return confirmation
