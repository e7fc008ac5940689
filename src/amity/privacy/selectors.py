"""Reads for consent: purposes with their names in a language, the current consent state of
one contact or many (derived from the append-only ledger), the history, and the regime that
applies to a contact."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import F, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from amity.core.channels import ReachableChannel as Channel
from amity.core.errors import DomainError
from amity.people.models import Contact
from amity.privacy import jurisdictions
from amity.privacy.models import (
    ANY_CHANNEL,
    ConsentEntry,
    ContactJurisdiction,
    Purpose,
    PurposeTranslation,
)

CHANNELS: tuple[str, ...] = (*Channel.values, ANY_CHANNEL)
CHUNK = 10_000

# (purpose id, channel) -> the newest entry
ConsentState = dict[tuple[int, str], ConsentEntry]


def channel_label(channel: str) -> str:
    if channel == ANY_CHANNEL:
        return _("any channel")
    return str(Channel(channel).label) if channel in Channel.values else channel


def purposes(*, active_only: bool = True) -> list[Purpose]:
    """Purposes in their seeded order, with their translations (two queries)."""
    found = Purpose.objects.prefetch_related(
        Prefetch("translations", PurposeTranslation.objects.order_by("language"))
    )
    if active_only:
        found = found.filter(is_active=True)
    return list(found)


def purpose_get(slug: str) -> Purpose:
    """The purpose with this slug; NotFound names the slugs that exist."""
    found = Purpose.objects.prefetch_related("translations")
    purpose = found.filter(slug=(slug or "").strip()).first()
    if purpose is None:
        known = ", ".join(Purpose.objects.order_by("id").values_list("slug", flat=True))
        raise DomainError(
            _("No purpose is called %(slug)s; known purposes: %(known)s.")
            % {"slug": slug, "known": known},
            code="unknown_purpose",
            field="purpose",
        )
    return purpose


def purpose_name(purpose: Purpose, language: str | None = None) -> str:
    """The purpose's name in ``language`` (e.g. th, pl-PL), falling back to its base language
    and then to the English name. Uses prefetched translations when there are any."""
    wanted = (language or get_language() or settings.LANGUAGE_CODE).lower()
    names = {t.language.lower(): t.name for t in purpose.translations.all()}
    return names.get(wanted) or names.get(wanted.split("-")[0]) or purpose.name


def clean_channel(channel: str, purpose: Purpose | None = None) -> str:
    """A known channel (the purpose's only channel when none is given), else DomainError."""
    channel = (channel or "").strip().lower()
    if not channel and purpose is not None and len(purpose.channels) == 1:
        only: str = purpose.channels[0]  # (a JSON list of channel codes)
        return only
    if channel not in CHANNELS:
        raise DomainError(
            _("%(channel)s is not a channel; use one of: %(known)s.")
            % {"channel": channel or "''", "known": ", ".join(CHANNELS)},
            code="unknown_channel",
            field="channel",
        )
    if purpose is not None and purpose.channels and channel not in (*purpose.channels, "any"):
        raise DomainError(
            _("The purpose %(purpose)s uses %(channels)s, not %(channel)s.")
            % {
                "purpose": purpose.slug,
                "channels": ", ".join(purpose.channels),
                "channel": channel,
            },
            code="channel_not_in_purpose",
            field="channel",
        )
    return channel


def _newest(entries: QuerySet[ConsentEntry], at: datetime | None) -> QuerySet[ConsentEntry]:
    """Of these entries, only the newest per contact, purpose and channel: one query, a
    window function over the matching rows (SQLite and PostgreSQL alike), so the cost grows
    with the rows read, not with their square as a correlated subquery's can."""
    if at is not None:
        entries = entries.filter(recorded_at__lte=at)
    newest_first = Window(
        RowNumber(),
        partition_by=[F("contact_id"), F("purpose_id"), F("channel")],
        order_by=[F("recorded_at").desc(), F("id").desc()],
    )
    return entries.annotate(newness=newest_first).filter(newness=1)


def consent_state(contact: Contact | int, *, at: datetime | None = None) -> ConsentState:
    """The current entry per (purpose id, channel) for one contact, in one query."""
    contact_id = contact if isinstance(contact, int) else contact.pk
    return consent_states([contact_id], at=at).get(contact_id, {})


def consent_states(
    contact_ids: Iterable[int], *, at: datetime | None = None, purpose: Purpose | None = None
) -> dict[int, ConsentState]:
    """The current entries of many contacts, keyed by contact id: one query per 10,000
    contacts (for outreach deciding over a segment)."""
    ids = list(contact_ids)
    states: dict[int, ConsentState] = {}
    for chunk in _chunks(ids):
        entries = ConsentEntry.objects.filter(contact_id__in=chunk)
        if purpose is not None:
            entries = entries.filter(purpose=purpose)
        for entry in _newest(entries, at).select_related("recorded_by"):
            states.setdefault(entry.contact_id, {})[(entry.purpose_id, entry.channel)] = entry
    return states


def _chunks(ids: list[int]) -> list[list[int]]:
    # SQLite limits the variables of one statement (32,766 by default).
    return [ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK)] or [[]]


def effective_entry(state: ConsentState, purpose: Purpose, channel: str) -> ConsentEntry | None:
    """The entry that decides for this purpose on this channel: the newer of the channel's own
    and the purpose's 'any channel' entry."""
    candidates = [state.get((purpose.pk, channel)), state.get((purpose.pk, ANY_CHANNEL))]
    present = [entry for entry in candidates if entry is not None]
    return max(present, key=lambda e: (e.recorded_at, e.pk), default=None)


def consent_history(contact: Contact | int, *, limit: int = 500) -> list[ConsentEntry]:
    """A contact's ledger, newest first, with purposes and recorders (one query)."""
    contact_id = contact if isinstance(contact, int) else contact.pk
    entries = ConsentEntry.objects.filter(contact_id=contact_id).select_related(
        "purpose", "recorded_by"
    )
    return list(entries.order_by("-recorded_at", "-id")[:limit])


@dataclass(frozen=True)
class Place:
    country: str
    subdivision: str
    overridden: bool


def confirmation_of(pending: ConsentEntry) -> ConsentEntry | None:
    """The entry that confirmed a pending double opt-in, if the person has confirmed it."""
    return ConsentEntry.objects.filter(confirms=pending).first()


def contact_places(contacts: Iterable[Contact]) -> dict[int, Place]:
    """Where each contact's regime is decided: their override, else their country (one
    query per 10,000 contacts)."""
    contacts = list(contacts)
    overrides = {
        o.contact_id: o
        for chunk in _chunks([c.pk for c in contacts])
        for o in ContactJurisdiction.objects.filter(contact_id__in=chunk)
    }
    places = {}
    for contact in contacts:
        override = overrides.get(contact.pk)
        if override is not None:
            places[contact.pk] = Place(override.country, override.subdivision, True)
        else:
            places[contact.pk] = Place(contact.country, "", False)
    return places


def contact_regime(contact: Contact) -> jurisdictions.Regime:
    """The regime that applies to a contact (override first)."""
    place = contact_places([contact])[contact.pk]
    return jurisdictions.regime_for(country=place.country, subdivision=place.subdivision)


def contact_language(contact: Contact) -> str:
    """The interface language to write to a contact in: their first language Amity speaks,
    else the site's default."""
    spoken = dict(settings.LANGUAGES)
    for tag in contact.languages or []:
        base: str = tag.split("-")[0].lower()  # (languages is a JSON list of tags)
        if base in spoken:
            return base
    return settings.LANGUAGE_CODE
