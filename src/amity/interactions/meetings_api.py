"""REST endpoints of the meeting finder: ranked slots for contacts and colleagues, booking a
slot as a meeting interaction, and its iCalendar invitations (one per invitee language)."""

from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from amity.core.api_schemas import InputSchema, RecordId, Text, Utc
from amity.core.errors import DomainError, NotFound
from amity.core.permissions import Action, require
from amity.culture.meetings import MeetingSearch
from amity.interactions import invitations
from amity.interactions.meetings import (
    MeetingRequest,
    meeting_book,
    meeting_get,
    meeting_search,
)

router = Router(tags=["meetings"])
ACTOR_LABEL = "api"


class SlotsIn(InputSchema):
    contacts: list[RecordId] = Field([], max_length=50, description="Contact ids.")
    users: list[RecordId] = Field([], max_length=50, description="Colleagues' user ids.")
    days: int = Field(14, description="How many days ahead to look, 1 to 60.")
    duration_minutes: int = Field(60, description="15 to 240, in steps of 15.")
    after: datetime | None = Field(None, description="Start looking here (default: now).")
    limit: int = Field(10, ge=1, le=50)


class LocalTimeOut(Schema):
    participant: str = Field(description='"contact:ID" or "user:ID".')
    name: str
    zone: str
    start: datetime = Field(description="Local start, with the participant's offset.")
    end: datetime
    day_offset: int = Field(description="Local date minus the first participant's date.")
    inside_hours: bool
    outside_minutes: int
    side: str = Field(description='"before" opening, "after" closing, or "".')


class SlotOut(Schema):
    start: Utc
    end: Utc
    inside_everyone: bool
    outside_count: int
    local_times: list[LocalTimeOut]


class AssumedOut(Schema):
    participant: str
    name: str
    reason: str


class SlotsOut(Schema):
    inside_everyone: bool = Field(
        description="False when no slot fits everyone's hours; the slots are compromises."
    )
    days: int
    duration_minutes: int
    slots: list[SlotOut]
    assumed: list[AssumedOut] = Field(description="Participants whose calendar is a guess.")


def _aware(value: datetime | None, field: str) -> datetime | None:
    if value is None:
        return None
    if value.utcoffset() is None:
        raise DomainError(
            _("Give the time with its zone or offset (for example 2026-04-13T09:30+07:00)."),
            code="naive_datetime",
            field=field,
        )
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise DomainError(_("This time is out of range."), field=field) from None


def search_as_dict(search: MeetingSearch) -> dict:
    """The plain shape of a search result, shared by the API and ``amity meet --json``."""
    return {
        "inside_everyone": search.inside_everyone,
        "days": search.days,
        "duration_minutes": search.duration_minutes,
        "slots": [
            {
                "start": slot.start,
                "end": slot.end,
                "inside_everyone": slot.inside_everyone,
                "outside_count": len(slot.outside),
                "local_times": [
                    {
                        "participant": local.key,
                        "name": local.name,
                        "zone": local.zone,
                        "start": local.start,
                        "end": local.end,
                        "day_offset": local.day_offset,
                        "inside_hours": local.inside,
                        "outside_minutes": local.outside_minutes,
                        "side": local.side,
                    }
                    for local in slot.times
                ],
            }
            for slot in search.slots
        ],
        "assumed": [
            {"participant": p.key, "name": p.name, "reason": p.assumed}
            for p in search.participants
            if p.assumed
        ],
    }


@router.post("/meetings/slots", response=SlotsOut)
def meetings_slots(request, payload: SlotsIn):
    """Ranked meeting slots: inside everyone's working hours, earliest first; when none
    exists, the fewest people outside their hours, each flagged with by how much."""
    require(request.auth, Action.VIEW_RECORDS)
    search = meeting_search(
        contact_ids=payload.contacts,
        user_ids=payload.users,
        days=payload.days,
        duration_minutes=payload.duration_minutes,
        after=_aware(payload.after, "after"),
        limit=payload.limit,
    )
    return search_as_dict(search)


class MeetingIn(InputSchema):
    start: datetime = Field(description="The slot's start, with its zone or offset.")
    duration_minutes: int = Field(60, description="15 to 240.")
    contacts: list[RecordId] = Field(max_length=50, description="At least one contact id.")
    users: list[RecordId] = Field([], max_length=50, description="Colleagues invited.")
    title: Text = Field(max_length=250)
    description: Text = Field("", max_length=10_000)
    video_link: Text = Field("", max_length=500, description="https://... of the video call.")


class InvitationOut(Schema):
    language: str
    url: str


class MeetingOut(Schema):
    id: int = Field(description="The meeting interaction's id.")
    start: Utc
    end: Utc
    title: str
    video_link: str
    contact_ids: list[int]
    user_ids: list[int]
    invitations: list[InvitationOut] = Field(description="One .ics per invitee language.")
    without_email: list[str] = Field(description="Invitees no invitation can reach.")


def _invitation_url(meeting_id: int, language: str) -> str:
    path = reverse("api:meetings_invitation", args=[meeting_id])
    return f"{settings.BASE_URL}{path}?language={language}"


def meeting_as_dict(meeting) -> dict:
    return {
        "id": meeting.pk,
        "start": meeting.occurred_at,
        "end": meeting.occurred_at + (meeting.duration or invitations.DEFAULT_DURATION),
        "title": meeting.subject,
        "video_link": meeting.video_link,
        "contact_ids": sorted(c.pk for c in meeting.contacts.all()),
        "user_ids": sorted(u.pk for u in meeting.users.all()),
        "invitations": [
            {"language": language, "url": _invitation_url(meeting.pk, language)}
            for language in invitations.invitation_languages(meeting)
        ],
        "without_email": invitations.invitation_missing_emails(meeting),
    }


@router.post("/meetings", response={201: MeetingOut})
def meetings_book(request, payload: MeetingIn):
    """Book a slot: a meeting interaction with the contacts and colleagues (you organize it);
    the answer links its .ics invitations."""
    start = _aware(payload.start, "start")
    meeting = meeting_book(
        actor=request.auth,
        request=MeetingRequest(
            start=start,
            duration_minutes=payload.duration_minutes,
            contact_ids=tuple(payload.contacts),
            user_ids=tuple(payload.users),
            title=payload.title,
            description=payload.description,
            video_link=payload.video_link,
        ),
        actor_label=ACTOR_LABEL,
    )
    return Status(201, meeting_as_dict(meeting_get(meeting.pk)))


@router.get("/meetings/{int:meeting_id}", response=MeetingOut)
def meetings_get(request, meeting_id: int):
    require(request.auth, Action.VIEW_RECORDS)
    return meeting_as_dict(meeting_get(meeting_id))


class InvitationQuery(Schema):
    language: Text = Field("", description="th, pl, en...; default: the first invitee language.")


@router.get(
    "/meetings/{int:meeting_id}/invitation.ics",
    url_name="meetings_invitation",
    response={200: None},
    openapi_extra={"responses": {200: {"content": {"text/calendar": {}}}}},
)
def meetings_invitation(request, meeting_id: int, params: Query[InvitationQuery]):
    """The meeting's iCalendar invitation (METHOD:REQUEST) in one invitee language."""
    require(request.auth, Action.VIEW_RECORDS)
    meeting = meeting_get(meeting_id)
    languages = invitations.invitation_languages(meeting)
    language = params.language or languages[0]
    if language not in languages:
        raise NotFound(
            _("This meeting has no invitation in %(language)s; it has %(languages)s.")
            % {"language": language, "languages": ", ".join(languages)}
        )
    response = HttpResponse(
        invitations.meeting_invitation(meeting, language=language),
        content_type="text/calendar; charset=utf-8; method=REQUEST",
    )
    filename = invitations.invitation_filename(meeting, language)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
