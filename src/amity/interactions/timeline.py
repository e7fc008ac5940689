"""One merged timeline for a contact or an organization, newest first.

Any app adds its own kind of entry (tickets, surveys, orders, messages) by registering a
source in its ``AppConfig.ready``: ``timeline.register("ticket", ticket_entries)``. A source
gets a ``TimelineQuery`` and returns at most ``query.limit`` entries older than the cursor,
newest first; ``query.before_q`` builds that filter for a queryset. The panel shows every
entry's title, time, actor and summary, and the rest with the template its record kind
registered (``RecordKind.timeline_template``, ``amity.core.records``). This app never needs
to change for a new kind.
"""

import base64
import binascii
import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Q

from amity.core.pagination import invalid_cursor
from amity.core.records import timeline_template


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    key: int
    occurred_at: datetime
    title: str
    summary: str = ""
    channel: str = ""  # what the entry is about: "email", "phone", "event", "ticket", ...
    direction: str = ""
    actor: str = ""
    url: str = ""
    language: str = ""  # the summary's language tag, when known
    withheld: bool = False  # the summary is only a notice: this reader may not see the text
    detail: dict[str, Any] = field(default_factory=dict)  # for the kind's own template

    @property
    def position(self) -> tuple[datetime, str, int]:
        return (self.occurred_at, self.kind, self.key)

    @property
    def template(self) -> str:
        """The template of this kind's own part of the entry ("": none, the generic part)."""
        return timeline_template(self.kind)


@dataclass(frozen=True)
class TimelineQuery:
    contact_ids: tuple[int, ...] = ()
    organization_id: int | None = None
    before: tuple[datetime, str, int] | None = None
    limit: int = 25
    # Who reads the page: sources withhold what this reader may not see (a confidential
    # summary); None (a system caller) sees nothing withheld.
    reader: Any = None
    channel: str = ""  # ui, api: for the audit note of a decryption

    def before_q(self, kind: str, *, when: str = "occurred_at", key: str = "id") -> Q:
        """Rows of ``kind`` strictly after the cursor in newest-first order."""
        if self.before is None:
            return Q()
        moment, cursor_kind, cursor_key = self.before
        if kind < cursor_kind:
            return Q(**{f"{when}__lte": moment})
        if kind > cursor_kind:
            return Q(**{f"{when}__lt": moment})
        return Q(**{f"{when}__lt": moment}) | Q(**{when: moment, f"{key}__lt": cursor_key})


Source = Callable[[TimelineQuery], list[TimelineEntry]]
_sources: dict[str, Source] = {}


def register(kind: str, source: Source) -> None:
    """Add (or replace) the source of one kind of timeline entry."""
    _sources[kind] = source


def registered_kinds() -> list[str]:
    return sorted(_sources)


@dataclass(frozen=True)
class TimelinePage:
    entries: list[TimelineEntry]
    next_cursor: str | None


def cursor_encode(entry: TimelineEntry) -> str:
    raw = f"{entry.occurred_at.isoformat()}|{entry.kind}|{entry.key}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def cursor_decode(cursor: str) -> tuple[datetime, str, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, kind, key = raw.split("|")
        when = datetime.fromisoformat(moment)
        if when.tzinfo is None:
            raise ValueError(moment)
        return when, kind, int(key)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise invalid_cursor() from None


def timeline(
    *,
    contact_ids: tuple[int, ...] = (),
    organization_id: int | None = None,
    cursor: str | None = None,
    limit: int = 25,
    kinds: list[str] | None = None,
    reader: Any = None,
    channel: str = "",
) -> TimelinePage:
    """A page of the merged timeline, newest first, and the cursor of the next page."""
    query = TimelineQuery(
        contact_ids=tuple(contact_ids),
        organization_id=organization_id,
        before=cursor_decode(cursor) if cursor else None,
        limit=limit + 1,
        reader=reader,
        channel=channel,
    )
    streams = [
        sorted(source(query), key=lambda e: e.position, reverse=True)
        for kind, source in sorted(_sources.items())
        if kinds is None or kind in kinds
    ]
    merged = list(heapq.merge(*streams, key=lambda e: e.position, reverse=True))[: limit + 1]
    more = len(merged) > limit
    entries = merged[:limit]
    return TimelinePage(entries, cursor_encode(entries[-1]) if more else None)
