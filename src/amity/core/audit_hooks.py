"""Where lower apps tell the audit trail that personal data was read or written, without
importing the app that keeps it (people must not import privacy). Privacy registers its
recorder in its ``apps.py``; with none registered (a project without privacy) these calls
do nothing.

Two kinds of note reach the recorder: ``audit(...)`` for a read or an export that leaves no
event row, and ``audit_event(event)`` for a typed event row a service has just written (the
recorder maps its type to an audit action and keeps only non-personal details).
"""

from collections.abc import Callable
from typing import Any

# (on_access, on_event): registered once by the app that keeps the trail.
_recorders: list[tuple[Callable[..., None], Callable[[Any], None]]] = []


def audit_register(on_access: Callable[..., None], on_event: Callable[[Any], None]) -> None:
    """Register the trail's recorder (idempotent: a second registration of the same pair is
    ignored, so a reloaded app config does not write every entry twice)."""
    if (on_access, on_event) not in _recorders:
        _recorders.append((on_access, on_event))


def audit(
    *,
    action: str,
    actor: Any = None,
    actor_label: str = "",
    channel: str = "",
    subject_kind: str = "",
    subject_id: int | None = None,
    **details: Any,
) -> None:
    """Note a read or an export of personal data (``viewed``, ``exported``). ``details`` are
    counts, formats, field names: never names, addresses or free text."""
    for on_access, _on_event in _recorders:
        on_access(
            action=action,
            actor=actor,
            actor_label=actor_label,
            channel=channel,
            subject_kind=subject_kind,
            subject_id=subject_id,
            details=details,
        )


def audit_event(event: Any) -> None:
    """Note a typed event row (created, changed, deleted, merged) a service just wrote."""
    for _on_access, on_event in _recorders:
        on_event(event)
