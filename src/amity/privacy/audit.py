"""The audit trail: an append-only, hash-chained log of who viewed, changed, exported, merged
or erased personal data, through the pages, the API or the command line.

Each entry's hash is SHA-256 over a canonical JSON of its own columns and the previous entry's
hash, so changing, removing or reordering any row breaks verification from that row on.
Entries hold ids, field names, counts and formats, never names, addresses or free text: an
erased person's record leaves nothing personal here, and the chain still verifies after the
erasure (see docs/adr/0010).
"""

import datetime
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from amity.core.actors import Via
from amity.core.audit_hooks import audit_register
from amity.core.errors import DomainError
from amity.core.events import Event, subscribe
from amity.core.pagination import Ordering, Page, keyset_page
from amity.core.records import audit_subject_kinds
from amity.privacy.models import AuditEntry

GENESIS = "0" * 64
APPEND_ATTEMPTS = 5
VERIFY_BATCH = 2000

# The doors an entry records.
CHANNELS = tuple(Via)

# How actions and channels read on the page (the stored values are stable codes).
ACTION_LABELS = {
    "viewed": pgettext_lazy("audit action", "viewed"),
    "created": pgettext_lazy("audit action", "created"),
    "changed": pgettext_lazy("audit action", "changed"),
    "deleted": pgettext_lazy("audit action", "deleted"),
    "merged": pgettext_lazy("audit action", "merged"),
    "exported": pgettext_lazy("audit action", "exported"),
    "erased": pgettext_lazy("audit action", "erased"),
    "consent": pgettext_lazy("audit action", "consent recorded"),
    "imported": pgettext_lazy("audit action", "imported"),
}
CHANNEL_LABELS = {
    Via.UI: gettext_lazy("web pages"),
    Via.API: gettext_lazy("API"),
    Via.CLI: gettext_lazy("command line"),
    Via.TASK: gettext_lazy("background task"),
    Via.SYSTEM: gettext_lazy("system"),
}
# The only detail keys an entry keeps: never a name, an address or free text.
SAFE_DETAILS = frozenset(
    {"fields", "merged_id", "count", "format", "segment_id", "kind", "purpose", "status"}
    | {"source", "double_opt_in", "created", "updated", "skipped", "failed", "rows"}
)


def _safe(value: Any) -> Any:
    """Ints, bools, short identifiers and lists of them; anything else is dropped."""
    if isinstance(value, bool | int):
        return value
    if (
        isinstance(value, str)
        and len(value) <= 60
        and value.replace("_", "").replace("-", "").isalnum()
    ):
        return value
    if isinstance(value, list | tuple):
        return [v for v in (_safe(item) for item in value) if v is not None]
    return None


def safe_details(details: Mapping[str, Any]) -> dict[str, Any]:
    """Keep only the allowed keys with identifier-like values (field names, counts, ids)."""
    kept = {k: _safe(v) for k, v in details.items() if k in SAFE_DETAILS}
    return {k: v for k, v in sorted(kept.items()) if v is not None}


def _actor(actor: Any, label: str) -> str:
    if actor is not None and getattr(actor, "pk", None) is not None:
        return f"user:{actor.pk}"
    return (label or "system")[:40]


def entry_digest(
    *,
    sequence: int,
    occurred_at: datetime.datetime,
    actor: str,
    channel: str,
    action: str,
    subject_kind: str,
    subject_id: int | None,
    details: Mapping[str, Any],
    prev_hash: str,
) -> str:
    """SHA-256 (hex) of the canonical form of an entry: sorted keys, UTC time to the
    microsecond, ASCII JSON, so the same row hashes the same on every engine."""
    canonical = {
        "sequence": sequence,
        "occurred_at": occurred_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "actor": actor,
        "channel": channel,
        "action": action,
        "subject_kind": subject_kind,
        "subject_id": subject_id,
        "details": details,
        "prev_hash": prev_hash,
    }
    raw = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(raw.encode("ascii")).hexdigest()


def _digest_of(entry: AuditEntry) -> str:
    return entry_digest(
        sequence=entry.sequence,
        occurred_at=entry.occurred_at,
        actor=entry.actor,
        channel=entry.channel,
        action=entry.action,
        subject_kind=entry.subject_kind,
        subject_id=entry.subject_id,
        details=entry.details,
        prev_hash=entry.prev_hash,
    )


def audit_append(
    *,
    action: str,
    actor: Any = None,
    actor_label: str = "",
    channel: str = "",
    subject_kind: str = "",
    subject_id: int | None = None,
    details: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry at the end of the chain, inside the caller's transaction (a write
    that rolls back takes its entry with it). Appends are serialized: the first entry is
    locked (PostgreSQL; SQLite's IMMEDIATE transactions already serialize writers), and a
    race for the same sequence number is retried against the new end."""
    values = {
        "occurred_at": timezone.now(),
        "actor": _actor(actor, actor_label),
        "channel": channel if channel in CHANNELS else Via.SYSTEM,
        "action": action[:30],
        "subject_kind": subject_kind if subject_kind in audit_subject_kinds() else "",
        "subject_id": subject_id,
        "details": safe_details(details or {}),
    }
    for attempt in range(APPEND_ATTEMPTS):
        try:
            with transaction.atomic():
                # Every writer locks the same row, the first entry, so appends queue up in
                # turn (locking the last entry instead lets a waiting writer wake to a row that
                # is no longer the last). Only the very first append can race: the unique
                # sequence refuses the loser, who retries.
                list(AuditEntry.objects.select_for_update().filter(sequence=1).values("id"))
                last = AuditEntry.objects.order_by("-sequence").only("sequence", "hash").first()
                sequence = last.sequence + 1 if last else 1
                prev_hash = last.hash if last else GENESIS
                entry = AuditEntry(sequence=sequence, prev_hash=prev_hash, **values)
                entry.hash = _digest_of(entry)
                entry.save(force_insert=True)
                return entry
        except IntegrityError:
            if attempt == APPEND_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _record_access(**note: Any) -> None:
    audit_append(**note)


def _record_event(event: Event) -> None:
    """A domain event as an audit entry: its audit action, the record's kind and id, the
    changed field names; names and snapshots never reach the event's details."""
    if not event.audit_action:
        return
    actor = event.actor
    audit_append(
        action=event.audit_action,
        actor=actor.user,
        actor_label=actor.audit_name,
        channel=actor.via.value,
        subject_kind=event.subject_kind,
        subject_id=event.subject_id,
        details=event.details(),
    )


def audit_recorder_register() -> None:
    """Called from the privacy app's ``ready()``: lower apps' notes and every audited domain
    event land in the trail, in the transaction of the write they record."""
    audit_register(_record_access)
    subscribe(Event, _record_event, in_transaction=True)


# Reading


def details_text(details: Mapping[str, Any]) -> str:
    """``fields: emails, given_name; merged_id: 7`` for a page or a terminal."""
    parts = []
    for key, value in details.items():
        shown = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        parts.append(f"{key}: {shown}")
    return "; ".join(parts)


@dataclass(frozen=True)
class Verification:
    ok: bool
    verified: int
    broken_at: int | None = None
    problem: str = ""
    head: str = GENESIS

    @property
    def message(self) -> str:
        if self.ok:
            return ngettext(
                "%(count)s entry verified; the chain is intact.",
                "%(count)s entries verified; the chain is intact.",
                self.verified,
            ) % {"count": self.verified}
        return self.problem


FIELDS = (
    "sequence", "occurred_at", "actor", "channel", "action", "subject_kind", "subject_id",
    "details", "prev_hash", "hash",
)  # fmt: skip


def _in_order() -> Iterator[Any]:
    """Every entry in sequence order, in batches (constant memory for millions of rows), as
    named tuples (no model instances: 100,200 entries on SQLite verify in 6.2 s, not 8.0 s)."""
    after = -1
    while True:
        batch = list(
            AuditEntry.objects.filter(sequence__gt=after)
            .order_by("sequence")
            .values_list(*FIELDS, named=True)[:VERIFY_BATCH]
        )
        yield from batch
        if len(batch) < VERIFY_BATCH:
            return
        after = batch[-1].sequence


def audit_verify() -> Verification:
    """Walk the chain in sequence order; the first entry whose number, link or hash does not
    fit is reported (a changed row fails its own hash, a removed one leaves a gap, a moved
    one fails its link)."""
    expected, prev_hash, count = 1, GENESIS, 0
    for entry in _in_order():
        params = {"sequence": entry.sequence, "expected": expected}
        if entry.sequence != expected:
            problem = _("Entry %(expected)s is missing (the next one is %(sequence)s).") % params
        elif entry.prev_hash != prev_hash:
            problem = (
                _("Entry %(sequence)s does not link to the entry before it (removed or reordered).")
                % params
            )
        elif _digest_of(entry) != entry.hash:
            problem = _("Entry %(sequence)s was changed after it was written.") % params
        else:
            expected, prev_hash, count = expected + 1, entry.hash, count + 1
            continue
        return Verification(False, count, broken_at=expected, problem=problem, head=prev_hash)
    return Verification(True, count, head=prev_hash)


@dataclass(frozen=True)
class AuditFilters:
    subject_kind: str = ""
    subject_id: int | None = None
    actor: str = ""
    action: str = ""
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None


ORDERING = Ordering(("sequence",), descending=True)


def audit_entries(filters: AuditFilters) -> QuerySet[AuditEntry]:
    """Entries matching every filter given (newest first when paged)."""
    entries = AuditEntry.objects.all()
    if filters.subject_kind:
        entries = entries.filter(subject_kind=filters.subject_kind)
    if filters.subject_id is not None:
        entries = entries.filter(subject_id=filters.subject_id)
    if filters.actor:
        entries = entries.filter(actor=filters.actor)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.since:
        entries = entries.filter(occurred_at__gte=filters.since)
    if filters.until:
        entries = entries.filter(occurred_at__lt=filters.until)
    return entries


def audit_page(filters: AuditFilters, *, cursor: str = "", limit: int = 50) -> Page[AuditEntry]:
    """One page of matching entries, newest first, continuing after ``cursor``."""
    if filters.since and filters.until and filters.since >= filters.until:
        raise DomainError(_("The start of the period must be before its end."), field="since")
    return keyset_page(
        audit_entries(filters), ordering=ORDERING, cursor=cursor or None, limit=limit
    )
