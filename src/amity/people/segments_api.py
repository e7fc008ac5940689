"""REST endpoints for segments: saved rules with a live count, static lists, members."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from amity.core.api_schemas import page_out
from amity.core.errors import NotFound
from amity.core.pagination import Ordering, keyset_page
from amity.core.permissions import Action, require
from amity.people import segments
from amity.people.models import Segment

router = Router(tags=["segments"])
MEMBER_ORDERING = Ordering(("sort_name", "id"))


class SegmentIn(Schema):
    name: str = Field(min_length=1, max_length=150)
    kind: Segment.Kind = Segment.Kind.RULES
    rules: dict[str, Any] = {}
    description: str = ""


class SegmentPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=150)
    rules: dict[str, Any] | None = None
    description: str | None = None


class SegmentOut(Schema):
    id: int
    name: str
    kind: str
    rules: dict[str, Any]
    description: str
    owner_id: int | None
    created_at: datetime
    updated_at: datetime


class RulesIn(Schema):
    rules: dict[str, Any]


class CountOut(Schema):
    count: int


class MembersChange(Schema):
    add: list[int] = Field([], max_length=10_000)
    remove: list[int] = Field([], max_length=10_000)


class MemberOut(Schema):
    id: int
    full_name: str
    country: str
    languages: list[str]
    timezone: str
    do_not_contact: bool


class MemberPage(Schema):
    items: list[MemberOut]
    next_cursor: str | None
    previous_cursor: str | None = None


class RuleFieldOut(Schema):
    key: str
    label: str
    ops: list[str]


def _segment(segment_id: int) -> Segment:
    segment = Segment.objects.filter(pk=segment_id).first()
    if segment is None:
        raise NotFound(_("No segment has the id %(id)s.") % {"id": segment_id})
    return segment


@router.get("/segments/fields", response=list[RuleFieldOut])
def rule_fields(request: HttpRequest):
    """The fields rules can test (apps add their own), with their operators."""
    require(request.auth, Action.VIEW_RECORDS)
    return [
        {"key": f.key, "label": str(f.label), "ops": list(f.ops)} for f in segments.segment_fields()
    ]


@router.get("/segments", response=list[SegmentOut])
def segment_list(request: HttpRequest):
    require(request.auth, Action.VIEW_RECORDS)
    return list(Segment.objects.all()[:1000])


@router.post("/segments", response={201: SegmentOut})
def segment_create(request: HttpRequest, payload: SegmentIn):
    segment = segments.segment_create(
        actor=request.auth,
        name=payload.name,
        kind=payload.kind,
        rules=payload.rules,
        description=payload.description,
    )
    return Status(201, segment)


@router.post("/segments/preview", response=CountOut)
def segment_preview(request: HttpRequest, payload: RulesIn):
    """How many contacts a rule set matches now (for a live count while editing)."""
    require(request.auth, Action.VIEW_RECORDS)
    return {"count": segments.contacts_for_rules(payload.rules, user=request.auth).count()}


@router.get("/segments/{segment_id}", response=SegmentOut)
def segment_get(request: HttpRequest, segment_id: int):
    require(request.auth, Action.VIEW_RECORDS)
    return _segment(segment_id)


@router.patch("/segments/{segment_id}", response=SegmentOut)
def segment_update(request: HttpRequest, segment_id: int, payload: SegmentPatch):
    return segments.segment_update(
        actor=request.auth,
        segment=_segment(segment_id),
        name=payload.name,
        rules=payload.rules,
        description=payload.description,
    )


@router.delete("/segments/{segment_id}", response={204: None})
def segment_delete(request: HttpRequest, segment_id: int):
    segments.segment_delete(actor=request.auth, segment=_segment(segment_id))
    return Status(204, None)


@router.get("/segments/{segment_id}/count", response=CountOut)
def segment_count(request: HttpRequest, segment_id: int):
    require(request.auth, Action.VIEW_RECORDS)
    return {"count": segments.segment_contacts(_segment(segment_id), user=request.auth).count()}


@router.get("/segments/{segment_id}/members", response=MemberPage)
def segment_members(
    request: HttpRequest,
    segment_id: int,
    cursor: str | None = None,
    before: str | None = None,
    limit: int = 50,
):
    """The segment's contacts by name, a page at a time (``next_cursor`` continues,
    ``before=previous_cursor`` goes back)."""
    require(request.auth, Action.VIEW_RECORDS)
    contacts = segments.segment_contacts(_segment(segment_id), user=request.auth)
    page = keyset_page(
        contacts, ordering=MEMBER_ORDERING, cursor=cursor, before=before, limit=limit
    )
    return page_out(page)


@router.post("/segments/{segment_id}/members", response=CountOut)
def segment_members_change(request: HttpRequest, segment_id: int, payload: MembersChange):
    """Add or remove contacts of a static list; answers the new member count."""
    count = segments.segment_members_change(
        actor=request.auth, segment=_segment(segment_id), add=payload.add, remove=payload.remove
    )
    return {"count": count}
