"""REST endpoints for interactions (cursor-paginated newest first, CRUD through the services,
bulk logging) and for the merged timeline of a contact or an organization."""

from datetime import UTC, date, datetime, timedelta

from django.db import IntegrityError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from amity.accounts.models import User
from amity.core.api_schemas import (
    BEFORE_HELP,
    BulkIn,
    BulkResult,
    InputSchema,
    RecordId,
    Text,
    Utc,
    bulk_create,
    page_out,
)
from amity.core.channels import Channel
from amity.core.errors import Conflict, DomainError, NotFound
from amity.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, Ordering, invalid_cursor, keyset_page
from amity.core.permissions import Action, require
from amity.interactions import selectors, services
from amity.interactions.confidential import bodies_revealed_audit, body_readable_by, body_shown
from amity.interactions.contracts import InteractionData
from amity.interactions.models import Direction, Interaction
from amity.interactions.timeline import cursor_decode, timeline
from amity.people import selectors as people_selectors

router = Router(tags=["interactions"])
ACTOR_LABEL = "api"

NEWEST_FIRST = Ordering(("occurred_at", "id"), descending=True)


def _aware(value: datetime | None, field: str) -> datetime:
    """The moment in UTC; a time without a zone or offset is ambiguous, so it is refused."""
    if value is None or value.utcoffset() is None:
        raise DomainError(
            _("Give the time with its zone or offset (for example 2026-04-13T09:30+07:00)."),
            code="naive_datetime",
            field=field,
        )
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise DomainError(_("This time is out of range."), field=field) from None


class InteractionPatch(InputSchema):
    """Every field is optional; a PATCH changes exactly the fields it sends."""

    channel: Text = Field("", description="email, phone, video, sms, chat, meeting, ...")
    occurred_at: datetime | None = Field(None, description="With its zone or offset.")
    direction: Text = Field("outbound", description="inbound, outbound or internal.")
    subject: Text = ""
    body: Text = ""
    language: Text = Field("", max_length=35, description="BCP 47 tag of the exchange.")
    duration: timedelta | None = Field(None, description="ISO 8601 (PT15M) or seconds.")
    outcome: Text = ""
    follow_up_on: date | None = None
    organization_id: RecordId | None = None
    contact_ids: list[RecordId] = Field([], max_length=100)
    user_ids: list[RecordId] = Field([], max_length=100)
    external_id: Text = Field("", max_length=100)
    confidential: bool = Field(
        False, description="Store the body encrypted; only its author and managers read it."
    )


class InteractionIn(InteractionPatch):
    """An interaction needs a channel, a time with its zone, and contacts or an organization."""

    channel: Text = Field(description="email, phone, video, sms, chat, meeting, ...")
    occurred_at: datetime = Field(description="With its zone or offset.")


def as_interaction_data(payload: InteractionPatch) -> InteractionData:
    values = payload.model_dump(exclude={"occurred_at", "contact_ids", "user_ids"})
    sent = payload.model_fields_set  # a PATCH without a time keeps the stored one
    return InteractionData(
        **values,
        occurred_at=_aware(payload.occurred_at, "occurred_at") if "occurred_at" in sent else None,
        contact_ids=tuple(payload.contact_ids),
        user_ids=tuple(payload.user_ids),
    )


def _unique_external_id(write):
    """Run a write; another interaction with the same external id is a conflict, not a crash
    (the service leaves the database's refusal to its caller)."""
    try:
        return write()
    except IntegrityError as error:
        raise Conflict(
            _("Another record already has this external id."), field="external_id"
        ) from error


class InteractionOut(Schema):
    id: int
    channel: str
    direction: str
    subject: str
    body: str = Field(description="Empty when withheld from this reader (see body_withheld).")
    confidential: bool
    body_withheld: bool = Field(
        False, description="True when the body is confidential and this reader may not read it."
    )
    language: str
    occurred_at: Utc
    duration: timedelta | None
    outcome: str
    follow_up_on: date | None
    organization_id: int | None
    contact_ids: list[int]
    user_ids: list[int]
    created_by_id: int | None
    source: str
    external_id: str | None
    created_at: Utc

    @staticmethod
    def resolve_body(obj: Interaction, context) -> str:
        reader = context["request"].auth
        text, withheld = body_shown(obj, reader)
        if obj.confidential and obj.body and not withheld:
            contact_id = next((contact.pk for contact in obj.contacts.all()), None)
            bodies_revealed_audit(
                reader,
                count=1,
                channel="api",
                contact_id=contact_id,
                organization_id=obj.organization_id,
            )
        return "" if withheld else text

    @staticmethod
    def resolve_body_withheld(obj: Interaction, context) -> bool:
        return obj.confidential and not body_readable_by(obj, context["request"].auth)

    @staticmethod
    def resolve_contact_ids(obj: Interaction) -> list[int]:
        return sorted(contact.pk for contact in obj.contacts.all())

    @staticmethod
    def resolve_user_ids(obj: Interaction) -> list[int]:
        return sorted(user.pk for user in obj.users.all())


class InteractionPage(Schema):
    items: list[InteractionOut]
    next_cursor: str | None
    previous_cursor: str | None = None


class InteractionListQuery(Schema):
    contact_id: RecordId | None = None
    organization_id: RecordId | None = Field(None, description="Logged against it.")
    channel: Channel | None = None
    direction: Direction | None = None
    since: datetime | None = Field(None, description="From this moment on (with its zone).")
    until: datetime | None = Field(None, description="Before this moment (with its zone).")
    cursor: Text | None = None
    before: Text | None = Field(None, description=BEFORE_HELP)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


@router.get("/interactions", response=InteractionPage)
def interactions_list(request, params: Query[InteractionListQuery]):
    """Interactions passing every filter, newest first; follow `next_cursor`."""
    require(request.auth, Action.VIEW_RECORDS)
    filters = selectors.InteractionFilters(
        contact_id=params.contact_id,
        organization_id=params.organization_id,
        channel=params.channel or "",
        direction=params.direction or "",
        since=_aware(params.since, "since") if params.since is not None else None,
        until=_aware(params.until, "until") if params.until is not None else None,
    )
    page = keyset_page(
        selectors.interactions_matching(filters, user=request.auth),
        ordering=NEWEST_FIRST,
        cursor=params.cursor,
        before=params.before,
        limit=params.limit,
    )
    return page_out(page)


def _log(actor: User, payload: InteractionIn) -> Interaction:
    data = as_interaction_data(payload)
    return _unique_external_id(
        lambda: services.interaction_log(actor=actor, data=data, actor_label=ACTOR_LABEL)
    )


@router.post("/interactions", response={201: InteractionOut})
def interactions_create(request, payload: InteractionIn):
    """Log a call, an email, a meeting... on its contacts' timelines."""
    interaction = _log(request.auth, payload)
    return Status(201, selectors.interaction_get(interaction.pk))


@router.post("/interactions/bulk", response=BulkResult)
def interactions_bulk_create(request, payload: BulkIn):
    """Log up to 1000 interactions; each bad record is reported by its index."""
    require(request.auth, Action.WRITE_RECORDS)
    return bulk_create(payload.records, InteractionIn, lambda record: _log(request.auth, record))


@router.get("/interactions/{int:interaction_id}", response=InteractionOut)
def interactions_get(request, interaction_id: int):
    require(request.auth, Action.VIEW_RECORDS)
    return selectors.interaction_get(interaction_id, user=request.auth)


@router.patch("/interactions/{int:interaction_id}", response=InteractionOut)
def interactions_update(request, interaction_id: int, payload: InteractionPatch):
    """Correct the fields sent; the others keep their values."""
    require(request.auth, Action.WRITE_RECORDS)
    interaction = selectors.interaction_get(interaction_id, user=request.auth)
    data = as_interaction_data(payload)
    _unique_external_id(
        lambda: services.interaction_update(
            actor=request.auth,
            interaction=interaction,
            data=data,
            fields=set(payload.model_fields_set),
        )
    )
    return selectors.interaction_get(interaction_id)


@router.delete("/interactions/{int:interaction_id}", response={204: None})
def interactions_delete(request, interaction_id: int):
    require(request.auth, Action.WRITE_RECORDS)
    services.interaction_delete(
        actor=request.auth,
        interaction=selectors.interaction_get(interaction_id, user=request.auth),
    )
    return Status(204, None)


# Timelines


class TimelineEntryOut(Schema):
    kind: str = Field(description="interaction, people_event, or another app's kind.")
    key: int
    occurred_at: Utc
    title: str
    summary: str
    channel: str
    direction: str
    actor: str


class TimelinePageOut(Schema):
    items: list[TimelineEntryOut]
    next_cursor: str | None


def _timeline_page(*, cursor: str | None, limit: int, **whose) -> dict:
    if cursor:
        try:  # a moment the database cannot hold in UTC must not reach it
            cursor_decode(cursor)[0].astimezone(UTC)
        except OverflowError:
            raise invalid_cursor() from None
    page = timeline(cursor=cursor, limit=limit, channel="api", **whose)
    return {"items": page.entries, "next_cursor": page.next_cursor}


class TimelineQuery(Schema):
    cursor: Text | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


@router.get("/contacts/{int:contact_id}/timeline", response=TimelinePageOut, tags=["timeline"])
def contact_timeline(request, contact_id: int, params: Query[TimelineQuery]):
    """Everything that happened with a contact, newest first; follow `next_cursor`."""
    require(request.auth, Action.VIEW_RECORDS)
    if not people_selectors.contact_exists(contact_id, user=request.auth):
        raise NotFound(_("No contact has the id %(id)s.") % {"id": contact_id})
    return _timeline_page(
        cursor=params.cursor, limit=params.limit, contact_ids=(contact_id,), reader=request.auth
    )


@router.get(
    "/organizations/{int:organization_id}/timeline", response=TimelinePageOut, tags=["timeline"]
)
def organization_timeline(request, organization_id: int, params: Query[TimelineQuery]):
    """Everything that happened with an organization and its people, newest first."""
    require(request.auth, Action.VIEW_RECORDS)
    if not people_selectors.organization_exists(organization_id, user=request.auth):
        raise NotFound(_("No organization has the id %(id)s.") % {"id": organization_id})
    return _timeline_page(
        cursor=params.cursor,
        limit=params.limit,
        organization_id=organization_id,
        reader=request.auth,
    )
