"""REST endpoints for data-subject requests: the request log, a person's export (JSON, or the
readable HTML summary) and erasure (managers and administrators)."""

from typing import Literal

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema, Status

from amity.core.api_schemas import InputSchema, RecordId, Text, Utc
from amity.core.permissions import Action, require
from amity.people import selectors as people_selectors
from amity.privacy import requests
from amity.privacy.erasure import person_erase
from amity.privacy.exporting import person_export
from amity.privacy.models import DataSubjectRequest

router = Router(tags=["data-subject requests"])
MAX_LISTED = 500


class RequestOut(Schema):
    id: int
    contact_id: int
    kind: str = Field(description="access, export, erasure, rectification or objection.")
    status: str = Field(description="received, in_progress, done or refused.")
    regime: str = Field(description="The regime whose deadline applies (EU, PL, TH, BR, ...).")
    received_at: Utc
    due_at: Utc
    completed_at: Utc | None
    refusal_reason: str
    overdue: bool
    handled_by: str = Field(description="The handling user's username, or ''.")

    @staticmethod
    def resolve_overdue(obj: DataSubjectRequest) -> bool:
        return requests.is_overdue(obj)

    @staticmethod
    def resolve_handled_by(obj: DataSubjectRequest) -> str:
        return obj.handled_by.get_username() if obj.handled_by else ""


class RequestIn(InputSchema):
    contact_id: RecordId
    kind: Literal["access", "export", "erasure", "rectification", "objection"]
    received_at: Utc | None = Field(None, description="Default: now.")


class RequestChange(InputSchema):
    status: Literal["in_progress", "done", "refused"]
    reason: Text = Field("", max_length=2000, description="Required when refused.")


class RequestFilter(Schema):
    open: bool = Field(False, description="Only received and in-progress requests.")
    contact_id: RecordId | None = None


@router.get("/privacy/requests", response=list[RequestOut])
def request_list(request, filters: Query[RequestFilter]):
    """Data-subject requests, the soonest due first (at most 500)."""
    require(request.auth, Action.VIEW_RECORDS)
    chosen = requests.RequestFilters(open_only=filters.open, contact_id=filters.contact_id)
    return list(requests.requests_listed(chosen)[:MAX_LISTED])


@router.post("/privacy/requests", response={201: RequestOut})
def request_create(request, payload: RequestIn):
    """Log a request received from a person; its due date follows their regime."""
    require(request.auth, Action.WRITE_RECORDS)
    contact = people_selectors.contact_get(payload.contact_id, user=request.auth)
    logged = requests.request_log(
        contact=contact,
        kind=payload.kind,
        actor=request.auth,
        channel="api",
        received_at=payload.received_at,
    )
    return Status(201, logged)


@router.patch("/privacy/requests/{request_id}", response=RequestOut)
def request_change(request, request_id: RecordId, payload: RequestChange):
    """Move a request on: in progress, done, or refused with a reason."""
    require(request.auth, Action.WRITE_RECORDS)
    found = requests.request_get(request_id)
    return requests.request_update(
        request=found, status=payload.status, actor=request.auth, reason=payload.reason
    )


@router.get("/contacts/{contact_id}/export", response=dict)
def contact_export(request, contact_id: RecordId, format: Literal["json", "html"] = "json"):
    """Everything held about a person (JSON), or ``format=html``: the readable summary in their
    language. Logged as a done export request and in the audit trail."""
    require(request.auth, Action.VIEW_RECORDS)
    contact = people_selectors.contact_get(contact_id, user=request.auth)
    export = person_export(
        contact=contact,
        actor=request.auth,
        channel="api",
        actor_label=request.auth.get_username(),
    )
    if format == "html":
        return HttpResponse(export.html, content_type="text/html; charset=utf-8")
    return export.data


class ErasureIn(InputSchema):
    request_id: RecordId | None = Field(None, description="The logged request this answers.")


class ErasureOut(Schema):
    contact_id: int
    erased_at: Utc
    request_id: int | None
    counts: dict = Field(description="Rows anonymized per kind of data.")


@router.post("/contacts/{contact_id}/erase", response=ErasureOut)
def contact_erase(request, contact_id: RecordId, payload: ErasureIn | None = None):
    """Anonymize a person everywhere (managers and administrators); cannot be undone."""
    require(request.auth, Action.WRITE_RECORDS)
    contact = people_selectors.contact_get(contact_id, user=request.auth)
    logged = requests.request_get(payload.request_id) if payload and payload.request_id else None
    erasure = person_erase(
        contact=contact,
        actor=request.auth,
        reason="request",
        channel="api",
        actor_label=request.auth.get_username(),
        request=logged,
    )
    return {
        "contact_id": contact_id,
        "erased_at": erasure.erased_at,
        "request_id": erasure.request_id,
        "counts": erasure.counts,
    }
