"""The preference centre: a public page, reached by a signed link and no sign-in, where a person
sees their consents in plain words, changes them, or unsubscribes from everything at once.

The link is a ``django.core.signing`` token (salted, timestamped) carrying the contact id and a
version. No table holds the version (the ledger has none to spare and this slice adds no
migration): it is derived from the contact's first email address, so a link stops working when
the address it was sent to is changed or removed, and every link stops working when
``SECRET_KEY`` is rotated. Links expire after ``PREFERENCE_LINK_DAYS`` (default 365; the
``AMITY_PREFERENCE_LINK_DAYS`` environment variable sets it).

Every change is a ledger row written through ``privacy.services`` with source "preference
centre", recorded by the person (actor kind "contact"), the wording they clicked and its
language. A grant that the person's regime wants double opt-in for is not granted here: it
emails the person a confirmation link (``services.double_opt_in_request``).
"""

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.core.errors import DomainError
from amity.core.mail import email_enqueue
from amity.core.permissions import Action, require
from amity.people.models import Contact
from amity.privacy import decisions, selectors, services
from amity.privacy.jurisdictions.rules import MARKETING, RESEARCH
from amity.privacy.models import ActorKind, ConsentEntry, Source, Status

LINK_SALT = "amity.privacy.preference-centre"  # a signing salt, not a secret
DEFAULT_LINK_DAYS = 365
# What "Unsubscribe from everything" stops: every purpose that sends the person messages
# because we want to (marketing, surveys). Profiling, sharing and service messages are not
# subscriptions; they keep their own rows on the page.
UNSUBSCRIBE_KINDS = frozenset({MARKETING, RESEARCH})

GRANT = "grant"
WITHDRAW = "withdraw"
UNSUBSCRIBE_ALL = "unsubscribe_all"


def link_days() -> int:
    """How many days a preference-centre link stays valid (setting, environment, default)."""
    configured = getattr(settings, "PREFERENCE_LINK_DAYS", None)
    if configured is None:
        configured = os.environ.get("AMITY_PREFERENCE_LINK_DAYS") or DEFAULT_LINK_DAYS
    return max(1, int(configured))


def _first_email(contact: Contact) -> str:
    return next((e.address for e in contact.emails.all()), "")


def _version(contact: Contact) -> str:
    # Not a secret (the token is signed): a fingerprint that changes when the address changes.
    address = _first_email(contact).strip().lower()
    return hashlib.sha256(f"{contact.pk}:{address}".encode()).hexdigest()[:12]


def preference_token(contact: Contact) -> str:
    """A signed, timestamped token standing for this contact's preference centre."""
    return signing.dumps({"c": contact.pk, "v": _version(contact)}, salt=LINK_SALT)


def preference_url(contact: Contact) -> str:
    """The absolute address of the contact's preference centre (no sign-in needed)."""
    return settings.BASE_URL + reverse("privacy_preferences", args=[preference_token(contact)])


def preference_link_expiry(now: datetime | None = None) -> datetime:
    """When a link made now stops working."""
    return (now or timezone.now()) + timedelta(days=link_days())


def contact_for_token(token: str) -> Contact:
    """The contact a preference-centre token stands for; DomainError (expired_token or
    invalid_token) when it expired, was altered, or the contact or address changed."""
    invalid = DomainError(
        _("This link is not valid. Check that it was copied whole, or ask us for a new one."),
        code="invalid_token",
    )
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=timedelta(days=link_days()))
    except signing.SignatureExpired:
        raise DomainError(
            _("This link has expired. Ask us for a new one."), code="expired_token"
        ) from None
    except signing.BadSignature:
        raise invalid from None
    contact_id = data.get("c") if isinstance(data, dict) else None
    if not isinstance(contact_id, int):
        raise invalid
    contact = Contact.objects.prefetch_related("emails").filter(pk=contact_id).first()
    if contact is None or data.get("v") != _version(contact):
        raise invalid
    return contact


def page_language(contact: Contact, requested: str = "") -> str:
    """The language of the page: the one the person picked (en, th or pl), else their first
    language Amity speaks, else English."""
    if requested in dict(settings.LANGUAGES):
        return requested
    return selectors.contact_language(contact)


def masked_email(contact: Contact) -> str:
    """The first email address with the local part hidden: k***@example.pl."""
    address = _first_email(contact)
    if "@" not in address:
        return ""
    local, domain = address.rsplit("@", 1)
    return f"{local[:1]}***@{domain}"


@dataclass(frozen=True)
class PreferenceRow:
    key: str  # "<purpose slug>:<channel>", what the page's forms send back
    purpose_name: str
    channel_label: str
    state: str  # in plain words, in the active language
    allowed: bool
    double_opt_in: bool  # agreeing here sends a confirmation email first
    awaiting: bool  # a confirmation email was sent and not yet followed


def _zone(contact: Contact) -> ZoneInfo | None:
    """The person's own zone, so "you agreed on" names their date, not the server's."""
    try:
        return ZoneInfo(contact.timezone) if contact.timezone else None
    except (ValueError, ZoneInfoNotFoundError):
        return None


def _state_words(decision: decisions.Decision) -> str:
    when = ""
    if decision.entry is not None:
        moment = timezone.localtime(decision.entry.recorded_at, _zone(decision.contact))
        when = formats.date_format(moment, "DATE_FORMAT")
    words = {
        "do_not_contact": _("No: you asked us not to contact you at all."),
        "withdrawn": _("No: you said no on %(date)s."),
        "denied": _("No: you said no on %(date)s."),
        "no_objection": _("Yes, unless you say no."),
        "no_consent": _("No: we only do this if you agree."),
        "awaiting_confirmation": _(
            "Waiting for you: we emailed you a link to confirm on %(date)s."
        ),
        "not_confirmed": _("No: you agreed on %(date)s but have not confirmed it yet."),
        "consent": _("Yes: you agreed on %(date)s."),
    }
    return words[decision.code] % {"date": when}


def preference_rows(contact: Contact) -> list[PreferenceRow]:
    """Each active purpose on each of its channels, with the person's state in plain words
    in the active language (four queries)."""
    rows = []
    for row in decisions.consent_overview(contact).rows:
        decision = row.decision
        rows.append(
            PreferenceRow(
                key=f"{row.purpose.slug}:{row.channel}",
                purpose_name=row.purpose_name,
                channel_label=row.channel_label,
                state=_state_words(decision),
                allowed=decision.allowed,
                double_opt_in=decision.rule.double_opt_in,
                awaiting=decision.code == "awaiting_confirmation",
            )
        )
    return rows


def _wording(action: str, purpose_name: str, channel_label: str) -> str:
    words = {"purpose": purpose_name, "channel": channel_label}
    if action == GRANT:
        return _("Yes, I agree to %(purpose)s (%(channel)s).") % words
    return _("No, I do not agree to %(purpose)s (%(channel)s).") % words


def _as_person(contact: Contact, language: str) -> dict:
    return {
        "actor": None,
        "actor_kind": ActorKind.CONTACT,
        "contact": contact,
        "source": Source.PREFERENCE_CENTRE,
        "evidence": _("Changed by the person in the preference centre (signed link)."),
        "wording_language": language,
    }


def preference_change(*, contact: Contact, key: str, action: str, language: str) -> str:
    """The person agrees to (``grant``) or refuses (``withdraw``) one purpose on one channel.
    Answers what happened: "granted", "confirmation_sent" (double opt-in: an email with a
    link was sent instead) or "withdrawn"; DomainError when the row or action is unknown."""
    with translation.override(language):
        row = next((r for r in decisions.consent_overview(contact).rows if _key(r) == key), None)
        if row is None or action not in (GRANT, WITHDRAW):
            raise DomainError(_("This choice is not on the page; reload it and try again."))
        values = _as_person(contact, language) | {
            "purpose": row.purpose,
            "channel": row.channel,
            "wording": _wording(action, row.purpose_name, row.channel_label),
        }
        if action == WITHDRAW:
            services.consent_record(status=_refusal(row.entry), **values)
            return "withdrawn"
        if row.decision.rule.double_opt_in:
            services.double_opt_in_request(**values)
            return "confirmation_sent"
        services.consent_record(status=Status.GRANTED, **values)
        return "granted"


def _key(row: decisions.OverviewRow) -> str:
    return f"{row.purpose.slug}:{row.channel}"


def _refusal(entry: ConsentEntry | None) -> str:
    # Taking back a consent is a withdrawal; objecting where nothing was granted is a refusal.
    granted = entry is not None and entry.status == Status.GRANTED
    return Status.WITHDRAWN if granted else Status.DENIED


def preferences_unsubscribe_all(*, contact: Contact, language: str) -> int:
    """The person unsubscribes from everything: a withdrawal for every marketing and survey
    purpose on every channel, in one transaction (rows already refused are left as they are).
    Answers how many rows were written."""
    with translation.override(language), transaction.atomic():
        # Serialize with other changes of this contact, so a double click writes once.
        Contact.objects.select_for_update().filter(pk=contact.pk).first()
        written = 0
        for row in decisions.consent_overview(contact).rows:
            if row.purpose.kind not in UNSUBSCRIBE_KINDS:
                continue
            if row.entry is not None and row.entry.status != Status.GRANTED:
                continue
            values = _as_person(contact, language) | {
                "purpose": row.purpose,
                "channel": row.channel,
                "wording": _("Unsubscribe me from everything."),
            }
            services.consent_record(status=Status.WITHDRAWN, **values)
            written += 1
    return written


def preference_link_send(*, actor: User | None, contact: Contact) -> str:
    """Email the person the link to their preference centre, in their language, queued after
    commit. A service message (it lets them refuse, so consent to marketing is not needed),
    but never sent to someone who asked not to be contacted at all. Answers the address."""
    if actor is not None:
        require(actor, Action.WRITE_RECORDS)
    if contact.do_not_contact:
        raise DomainError(
            _("%(name)s asked not to be contacted; no email is sent.")
            % {"name": contact.full_name},
            code="do_not_contact",
        )
    address = _first_email(contact)
    if not address:
        raise DomainError(
            _("%(name)s has no email address to send the link to.") % {"name": contact.full_name},
            code="no_email",
        )
    with translation.override(selectors.contact_language(contact)):
        words = {"name": contact.full_name, "link": preference_url(contact), "days": link_days()}
        subject = _("Your communication preferences")
        body = render_to_string("privacy/preferences_email.txt", words)
    with transaction.atomic():
        email_enqueue(to=[address], subject=subject, body=body)
    return address
