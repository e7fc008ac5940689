"""Where lower apps tell the audit trail that personal data was read or written, without
importing the app that keeps it (people must not import privacy). Privacy registers its
recorder in its ``apps.py``; with none registered (a project without privacy) these calls
do nothing.

``audit(...)`` notes a read or an export, which changes nothing and publishes no event;
writes reach the trail as domain events (``amity.core.events``), to which privacy subscribes.
"""

from collections.abc import Callable
from typing import Any

# Registered once by the app that keeps the trail.
_recorders: list[Callable[..., None]] = []


def audit_register(on_access: Callable[..., None]) -> None:
    """Register the trail's recorder (idempotent: a second registration is ignored, so a
    reloaded app config does not write every entry twice)."""
    if on_access not in _recorders:
        _recorders.append(on_access)


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
    for on_access in _recorders:
        on_access(
            action=action,
            actor=actor,
            actor_label=actor_label,
            channel=channel,
            subject_kind=subject_kind,
            subject_id=subject_id,
            details=details,
        )
