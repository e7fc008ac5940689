"""REST endpoints for time and culture across contacts: the holiday radar, next send windows
for many contacts, and "when" for one contact (local time, working or not and why)."""

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone, translation
from ninja import Field, Query, Router, Schema

from amity.core.api_schemas import InputSchema, RecordId, Text, Utc
from amity.core.errors import DomainError
from amity.core.permissions import Action, require
from amity.culture.send_windows import SendWindowError, window_for
from amity.people import holiday_radar, reachability, selectors

router = Router(tags=["time and culture"])


def _language() -> str:
    return translation.get_language() or "en"


# Holiday radar


class RadarQuery(Schema):
    days: int = Field(
        holiday_radar.DEFAULT_DAYS,
        ge=1,
        le=holiday_radar.MAX_DAYS,
        description="How many days ahead, from today (1-366).",
    )
    start: date | None = Field(None, description="First day to look at; default today.")


class RadarEntryOut(Schema):
    holiday: str = Field(description="In the request's language when the data has it.")
    country: str
    country_name: str
    subdivision: str
    first: date
    last: date
    dates: str = Field(description="The range as written in the request's language.")
    contacts: int


class RadarOut(Schema):
    start: date
    days: int
    items: list[RadarEntryOut]


@router.get("/holiday-radar", response=RadarOut)
def radar(request: HttpRequest, params: Query[RadarQuery]):
    """Public holidays in the next `days` days where contacts live, one item per holiday and
    country (multi-day holidays as one range), with the number of contacts affected."""
    require(request.auth, Action.VIEW_RECORDS)
    start = params.start or timezone.localdate()
    entries = holiday_radar.holiday_radar(start=start, days=params.days, language=_language())
    items = [
        {
            "holiday": e.name,
            "country": e.country,
            "country_name": e.country_name,
            "subdivision": e.subdivision,
            "first": e.first,
            "last": e.last,
            "dates": e.dates,
            "contacts": e.contacts,
        }
        for e in entries
    ]
    return {"start": start, "days": params.days, "items": items}


# Send windows


class SendWindowsIn(InputSchema):
    contact_ids: list[RecordId] = Field([], max_length=reachability.SEND_WINDOWS_MAX)
    segment_id: RecordId | None = None
    channel: Text = Field("email", description="email, phone, video, sms, chat or post.")
    after: Utc | None = Field(None, description="Find windows at or after this; default now.")


class SendWindowOut(Schema):
    contact_id: int
    starts_at: datetime | None = Field(description="UTC; null when there is no window.")
    local: datetime | None = Field(description="The same moment in the contact's zone.")
    country: str
    zone: str
    code: str = Field(description="'' or why there is no window: no_country, no_zone, ...")
    reason: str


class SendWindowsOut(Schema):
    channel: str
    after: datetime
    items: list[SendWindowOut]
    missing: list[int] = Field(description="Asked-for contact ids that do not exist.")


def _channel_checked(channel: str) -> None:
    try:
        window_for(channel)
    except SendWindowError as error:
        raise DomainError(str(error), code="invalid_channel", field="channel") from None


@router.post("/send-windows", response=SendWindowsOut)
def send_windows(request: HttpRequest, payload: SendWindowsIn):
    """Each contact's next send window on `channel`, in UTC and in the contact's own zone:
    a working day there, inside the channel's window, outside quiet hours. Contacts without
    a usable country or zone (or who asked not to be contacted) get a `code` and `reason`."""
    require(request.auth, Action.VIEW_RECORDS)
    _channel_checked(payload.channel)
    after = payload.after or timezone.now()
    contacts = reachability.contacts_for_send_windows(
        contact_ids=payload.contact_ids, segment_id=payload.segment_id, user=request.auth
    )
    with translation.override(_language()):
        items = reachability.send_windows_for(contacts, channel=payload.channel, after=after)
    found = {item.contact_id for item in items}
    missing = [pk for pk in dict.fromkeys(payload.contact_ids) if pk not in found]
    return {"channel": payload.channel, "after": after, "items": items, "missing": missing}


# One contact


class NowThereOut(Schema):
    local: datetime
    zone: str
    state: str = Field(description="working, outside, weekend, holiday, closed or '' (unknown).")
    working: bool
    holiday: str
    reason: str


class WhenOut(Schema):
    contact_id: int
    channel: str
    now: NowThereOut | None = Field(description="Null when the contact's zone is unknown.")
    next_window: SendWindowOut


class WhenQuery(Schema):
    channel: Text = "email"
    at: Utc | None = Field(None, description="Answer for this moment; default now.")


@router.get("/contacts/{int:contact_id}/when", response=WhenOut)
def contact_when(request: HttpRequest, contact_id: int, params: Query[WhenQuery]):
    """The contact's local time, whether that is working time there and why, and the next
    send window on `channel`."""
    require(request.auth, Action.VIEW_RECORDS)
    _channel_checked(params.channel)
    answer = reachability.contact_when(
        selectors.contact_get(contact_id, user=request.auth),
        channel=params.channel,
        now=params.at or timezone.now(),
        language=_language(),
    )
    there = answer.now
    return {
        "contact_id": contact_id,
        "channel": answer.channel,
        "now": None
        if there is None
        else {
            "local": there.moment,
            "zone": there.zone,
            "state": there.state,
            "working": there.is_working,
            "holiday": there.holiday,
            "reason": there.reason,
        },
        "next_window": answer.window,
    }
