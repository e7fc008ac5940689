"""Domain events: what happened, to which record, by whom (docs/adr/0016).

A service that changes a record publishes one typed, frozen event::

    publish(ContactChanged(actor=actor, contact_id=contact.pk, fields=("email",)))

Subscribers are registered in their app's ``AppConfig.ready`` with ``subscribe(EventType,
handler)``; a lower app publishes without knowing who listens, so the audit trail, search
indexing, timelines and automation learn of writes without the writing app importing them.

Two moments of delivery:
- after the transaction commits (the default): work that must only see committed data and
  may fail on its own (notifications, automation, webhooks); a rolled-back write delivers
  nothing;
- ``in_transaction=True``: derived records that must commit or roll back with the write
  itself (the audit trail's hash chain, the search entry), so a crash between the two never
  leaves a change without its audit entry. These run at ``publish()``, inside the caller's
  transaction; an error there rolls the write back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, ClassVar

from django.db import transaction

from amity.core.actors import Actor


@dataclass(frozen=True, kw_only=True)
class Event:
    """Base of every domain event. ``name`` is the stable dotted code (``contact.created``)
    that automation and the audit trail use; ``subject_kind``/``subject_id`` name the record
    (a registered record kind), ``actor`` who did it."""

    name: ClassVar[str] = ""
    subject_kind: ClassVar[str] = ""
    # What the audit trail calls it (created, changed, deleted, merged, consent, ...); an
    # event with none touches no person's data and is not audited.
    audit_action: ClassVar[str] = ""

    actor: Actor

    @property
    def subject_id(self) -> int | None:
        return None

    def details(self) -> dict[str, Any]:
        """Non-personal details (field names, counts, codes) for the audit trail."""
        return {}


Handler = Callable[[Any], None]


@dataclass
class _Subscriptions:
    during: dict[type[Event], list[Handler]] = field(default_factory=dict)
    after: dict[type[Event], list[Handler]] = field(default_factory=dict)


_subscriptions = _Subscriptions()


def subscribe[E: Event](
    event_type: type[E], handler: Callable[[E], None], *, in_transaction: bool = False
) -> None:
    """Call ``handler`` for every published ``event_type`` (and its subclasses). Registering
    the same handler twice is ignored, so a reloaded app config does not deliver twice."""
    table = _subscriptions.during if in_transaction else _subscriptions.after
    handlers = table.setdefault(event_type, [])
    if handler not in handlers:
        handlers.append(handler)


def _handlers(table: dict[type[Event], list[Handler]], event: Event) -> list[Handler]:
    found: list[Handler] = []
    for event_type in type(event).__mro__:
        for handler in table.get(event_type, []):
            if handler not in found:
                found.append(handler)
    return found


def publish(event: Event) -> None:
    """Deliver ``event``: in-transaction subscribers now, the others once the surrounding
    transaction commits (at once outside a transaction)."""
    if not event.name:
        raise TypeError(f"{type(event).__name__} has no event name")
    for handler in _handlers(_subscriptions.during, event):
        handler(event)
    for handler in _handlers(_subscriptions.after, event):
        # One callback each, robust: a failing subscriber is logged and the others still run.
        transaction.on_commit(partial(handler, event), robust=True)


def event_types() -> dict[str, type[Event]]:
    """Every event class defined so far, by name (for documentation and automation)."""
    found: dict[str, type[Event]] = {}
    pending = list(Event.__subclasses__())
    while pending:
        cls = pending.pop()
        if cls.name:
            found[cls.name] = cls
        pending.extend(cls.__subclasses__())
    return dict(sorted(found.items()))


# ----- Events about records, shared by every record kind -----


@dataclass(frozen=True, kw_only=True)
class RecordEvent(Event):
    """A record of a registered kind was created, changed or deleted."""

    record_id: int
    fields: tuple[str, ...] = ()

    @property
    def subject_id(self) -> int | None:
        return self.record_id

    def details(self) -> dict[str, Any]:
        return {"fields": sorted(self.fields)} if self.fields else {}
