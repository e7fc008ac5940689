"""The interactions app's domain events (``amity.core.events``). Interactions are not in the
audit trail (they never were); automation and the timelines' subscribers receive them."""

from dataclasses import dataclass
from typing import Any

from amity.core.events import RecordEvent


@dataclass(frozen=True, kw_only=True)
class InteractionEvent(RecordEvent):
    subject_kind = "interaction"
    # The contacts whose timelines show it (after the change; before it, for a deletion).
    contact_ids: tuple[int, ...] = ()
    channel: str = ""

    def details(self) -> dict[str, Any]:
        return {**super().details(), "count": len(self.contact_ids)}


@dataclass(frozen=True, kw_only=True)
class InteractionLogged(InteractionEvent):
    name = "interaction.logged"


@dataclass(frozen=True, kw_only=True)
class InteractionChanged(InteractionEvent):
    name = "interaction.updated"


@dataclass(frozen=True, kw_only=True)
class InteractionDeleted(InteractionEvent):
    name = "interaction.deleted"
