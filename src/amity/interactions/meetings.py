"""Meetings with contacts and colleagues: who takes part (each with their zone and calendar),
when they can meet (culture.meetings does the search), and booking a slot as a meeting
interaction on the contacts' timelines. The invitation files come from invitations.py."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amity.accounts.models import User
from amity.core import clock
from amity.core.channels import Channel
from amity.core.errors import DomainError, NotFound
from amity.core.permissions import Action, require
from amity.culture.meetings import (
    MAX_DURATION,
    MIN_DURATION,
    MeetingSearch,
    Participant,
    meeting_participant,
    meeting_slots,
)
from amity.interactions.contracts import InteractionData
from amity.interactions.models import Direction, Interaction
from amity.interactions.services import interaction_log
from amity.people.models import Contact

MAX_PARTICIPANTS = 50
VIDEO_SCHEMES = ["https", "http"]


def _unique(ids) -> list[int]:
    return list(dict.fromkeys(int(i) for i in ids))


def _contacts(contact_ids: list[int]) -> list[Contact]:
    found = {c.pk: c for c in Contact.objects.filter(pk__in=contact_ids)}
    if missing := [i for i in contact_ids if i not in found]:
        raise NotFound(_("There is no contact with id %(id)s.") % {"id": missing[0]})
    return [found[i] for i in contact_ids]


def _users(user_ids: list[int]) -> list[User]:
    found = {u.pk: u for u in User.objects.filter(pk__in=user_ids, is_active=True)}
    if missing := [i for i in user_ids if i not in found]:
        raise NotFound(_("There is no user with id %(id)s.") % {"id": missing[0]})
    return [found[i] for i in user_ids]


def meeting_participants(*, contact_ids=(), user_ids=()) -> list[Participant]:
    """The people of a meeting, contacts first, in the order given. A contact without a time
    zone cannot be placed in time: they are all named in one error."""
    contact_ids, user_ids = _unique(contact_ids), _unique(user_ids)
    if not contact_ids and not user_ids:
        raise DomainError(_("Choose at least one participant."), code="no_participants")
    if len(contact_ids) + len(user_ids) > MAX_PARTICIPANTS:
        raise DomainError(
            _("A meeting search takes at most %(limit)s people.") % {"limit": MAX_PARTICIPANTS},
            code="too_many_participants",
        )
    contacts, users = _contacts(contact_ids), _users(user_ids)
    if zoneless := [c for c in contacts if not c.timezone]:
        names = ", ".join(c.full_name for c in zoneless)
        raise DomainError(
            ngettext(
                "%(names)s has no time zone; add it on the contact's page.",
                "%(names)s have no time zone; add it on their contact pages.",
                len(zoneless),
            )
            % {"names": names},
            code="missing_zone",
        )
    participants = [
        meeting_participant(
            key=f"contact:{c.pk}", name=c.full_name, zone=c.timezone, country=c.country
        )
        for c in contacts
    ]
    participants += [
        meeting_participant(key=f"user:{u.pk}", name=str(u), zone=u.timezone, company_closures=True)
        for u in users
    ]
    return participants


def meeting_search(
    *,
    contact_ids=(),
    user_ids=(),
    days: int,
    duration_minutes: int,
    after: datetime | None = None,
    limit: int = 10,
) -> MeetingSearch:
    """Ranked slots for these contacts and colleagues in the next ``days`` days."""
    participants = meeting_participants(contact_ids=contact_ids, user_ids=user_ids)
    return meeting_slots(
        participants,
        after=after or clock.now(),
        days=days,
        duration_minutes=duration_minutes,
        limit=limit,
    )


@dataclass(frozen=True)
class MeetingRequest:
    """What booking a slot needs; ``organizer`` defaults to the acting user."""

    start: datetime
    duration_minutes: int
    contact_ids: tuple[int, ...]
    user_ids: tuple[int, ...] = ()
    title: str = ""
    description: str = ""
    video_link: str = ""


def _video_link(link: str) -> str:
    link = (link or "").strip()
    if not link:
        return ""
    try:
        URLValidator(schemes=VIDEO_SCHEMES)(link)
    except ValidationError:
        raise DomainError(
            _("The video call link must be a web address (https://...)."),
            code="invalid_video_link",
            field="video_link",
        ) from None
    if len(link) > 500:
        raise DomainError(_("At most %(limit)s characters.") % {"limit": 500}, field="video_link")
    return link


def meeting_book(
    *, actor: User | None, request: MeetingRequest, actor_label: str = ""
) -> Interaction:
    """Book a slot: a meeting interaction with the contacts and colleagues (the acting user
    among them, as organizer), with its title, duration and video link."""
    if actor is not None:
        require(actor, Action.WRITE_RECORDS)
    if request.start is None or request.start.utcoffset() is None:
        raise DomainError(
            _("Give the time with its zone or offset (for example 2026-04-13T09:30+07:00)."),
            code="naive_datetime",
            field="start",
        )
    minutes = request.duration_minutes
    if not MIN_DURATION <= minutes <= MAX_DURATION:
        raise DomainError(
            _("A meeting lasts %(low)s to %(high)s minutes.")
            % {"low": MIN_DURATION, "high": MAX_DURATION},
            code="invalid_duration",
            field="duration_minutes",
        )
    title = (request.title or "").strip()
    if not title:
        raise DomainError(_("Give the meeting a title."), code="required", field="title")
    if not request.contact_ids:
        raise DomainError(
            _("A meeting needs at least one contact."), code="no_participants", field="contacts"
        )
    link = _video_link(request.video_link)
    user_ids = _unique(request.user_ids)
    if actor is not None and actor.pk not in user_ids:
        user_ids.insert(0, actor.pk)  # the organizer attends
    # The same checks as the search: every participant exists and has a zone.
    meeting_participants(contact_ids=request.contact_ids, user_ids=user_ids)
    data = InteractionData(
        channel=Channel.MEETING,
        direction=Direction.OUTBOUND,
        occurred_at=request.start.astimezone(UTC),
        subject=title,
        body=(request.description or "").strip(),
        duration=timedelta(minutes=minutes),
        contact_ids=tuple(_unique(request.contact_ids)),
        user_ids=tuple(user_ids),
    )
    with transaction.atomic():
        interaction = interaction_log(actor=actor, data=data, actor_label=actor_label)
        interaction.video_link = link
        interaction.save(update_fields=["video_link"])
    return interaction


def meeting_get(interaction_id: int) -> Interaction:
    """A booked meeting with its contacts (and their emails) and colleagues."""
    interaction = (
        Interaction.objects.filter(pk=interaction_id, channel=Channel.MEETING)
        .select_related("created_by")
        .prefetch_related("contacts__emails", "users")
        .first()
    )
    if interaction is None:
        raise NotFound(_("There is no meeting with id %(id)s.") % {"id": interaction_id})
    return interaction
