"""REST endpoints for the audit trail (administrators only): search the entries, newest first
with a cursor, and verify the hash chain."""

from typing import Literal

from ninja import Field, Query, Router, Schema

from amity.core.api_schemas import RecordId, Text, Utc
from amity.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from amity.core.permissions import Action, require
from amity.privacy import audit

router = Router(tags=["audit"])


class AuditEntryOut(Schema):
    sequence: int
    occurred_at: Utc
    actor: str = Field(description="user:ID, or system, cli, import, ...")
    channel: str = Field(description="ui, api, cli, task or system.")
    action: str = Field(description="viewed, created, changed, deleted, merged, exported, ...")
    subject_kind: str = Field(description="contact, organization, contacts or organizations.")
    subject_id: int | None
    details: dict = Field(description="Field names, counts, formats: never personal data.")
    prev_hash: str
    hash: str


class AuditPage(Schema):
    items: list[AuditEntryOut]
    next_cursor: str | None


class AuditQuery(Schema):
    contact_id: RecordId | None = None
    organization_id: RecordId | None = None
    actor: Text = Field("", max_length=40, description="user:ID, cli, system, ...")
    action: Text = Field("", max_length=30)
    since: Utc | None = Field(None, description="Entries at or after this time.")
    until: Utc | None = Field(None, description="Entries before this time.")
    cursor: Text | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


class VerificationOut(Schema):
    ok: bool
    verified: int = Field(description="Entries checked before the first problem (all if ok).")
    broken_at: int | None = Field(description="The sequence number where the chain breaks.")
    message: str
    head: str = Field(description="The hash of the last good entry; keep it to spot truncation.")


def _subject(query: AuditQuery) -> tuple[Literal["contact", "organization", ""], int | None]:
    if query.contact_id is not None:
        return "contact", query.contact_id
    if query.organization_id is not None:
        return "organization", query.organization_id
    return "", None


@router.get("/audit", response=AuditPage)
def audit_list(request, params: Query[AuditQuery]):
    """Who viewed, changed, exported or merged which record, newest first; follow
    `next_cursor`."""
    require(request.auth, Action.MANAGE_SETTINGS)
    kind, subject_id = _subject(params)
    filters = audit.AuditFilters(
        subject_kind=kind,
        subject_id=subject_id,
        actor=params.actor.strip(),
        action=params.action.strip(),
        since=params.since,
        until=params.until,
    )
    page = audit.audit_page(filters, cursor=params.cursor or "", limit=params.limit)
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.get("/audit/verify", response=VerificationOut)
def audit_verify(request):
    """Check that no entry was changed, removed or reordered since it was written."""
    require(request.auth, Action.MANAGE_SETTINGS)
    result = audit.audit_verify()
    return {
        "ok": result.ok,
        "verified": result.verified,
        "broken_at": result.broken_at,
        "message": result.message,
        "head": result.head,
    }
