"""The accounts app's history: an ``AccountEvent`` row per change, and its domain event."""

from typing import Any

from amity.accounts.events import BY_TYPE
from amity.accounts.models import AccountEvent, User
from amity.core.actors import Actor, as_actor
from amity.core.events import publish


def account_event_record(
    type_: str,
    *,
    actor: User | Actor | None,
    subject: str,
    actor_label: str = "",
    **data: Any,
) -> AccountEvent:
    """Write the row (who, what, to whom) and publish the typed event for it."""
    typed = as_actor(actor, actor_label)
    row = AccountEvent.objects.create(
        type=type_,
        actor=typed.user,
        actor_label=actor_label or typed.display,
        subject=subject,
        data=data,
    )
    publish(BY_TYPE[type_](actor=typed, subject=subject, fields=tuple(sorted(data))))
    return row
