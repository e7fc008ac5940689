"""Who did something, and through which door: the typed actor every write and every event
carries (docs/adr/0016).

``actor=None`` used to mean "the system" and skipped every permission check; an ``Actor`` says
what kind of actor it is instead. Users, their API tokens and the imports and tasks they start
act with that user's permissions; a workflow acts with the permissions of the user who
configured it (``Actor.for_workflow``); only ``Actor.system`` (migrations, demo data,
retention, key rotation) and ``Actor.contact`` (the person themself, through the preference
centre) act without a user, and services decide explicitly what those may do.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from amity.accounts.models import User


class ActorKind(StrEnum):
    USER = "user"
    TOKEN = "token"  # noqa: S105 (a kind of actor: a personal API token, acting as its owner)
    IMPORT = "import"  # a file import started by a user
    TASK = "task"  # background work, for the user who started or configured it
    SYSTEM = "system"  # Amity itself: demo data, retention, maintenance commands
    CONTACT = "contact"  # the person themself (preference centre, confirmation links)


class Via(StrEnum):
    """The door a request came through, as the audit trail records it."""

    UI = "ui"
    API = "api"
    CLI = "cli"
    TASK = "task"
    SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    via: Via
    # The user whose permissions apply (a token's owner, a workflow's author); None for the
    # system and for a contact acting on their own record.
    user: User | None = None
    contact_id: int | None = None
    # What a person reading the history sees when no user is named ("import", "demo", ...).
    label: str = ""

    @classmethod
    def of_user(cls, user: User, *, via: Via = Via.UI) -> Actor:
        return cls(ActorKind.USER, via, user=user)

    @classmethod
    def of_import(cls, user: User | None, *, via: Via = Via.CLI) -> Actor:
        return cls(ActorKind.IMPORT, via, user=user, label="import")

    @classmethod
    def for_workflow(cls, configured_by: User, *, label: str) -> Actor:
        """A task acting for a workflow: checked against its author's permissions."""
        return cls(ActorKind.TASK, Via.TASK, user=configured_by, label=label)

    @classmethod
    def system(cls, label: str = "system", *, via: Via = Via.SYSTEM) -> Actor:
        return cls(ActorKind.SYSTEM, via, label=label)

    @classmethod
    def of_contact(cls, contact_id: int) -> Actor:
        return cls(ActorKind.CONTACT, Via.UI, contact_id=contact_id, label="contact")

    @property
    def display(self) -> str:
        """A short name for histories: the user's username, else the label or the kind."""
        if self.user is not None:
            return str(self.user.username)
        return self.label or self.kind.value

    @property
    def audit_name(self) -> str:
        """How the audit trail names the actor: ``user:ID``, else the label (40 characters)."""
        if self.user is not None and self.user.pk is not None:
            return f"user:{self.user.pk}"
        if self.kind is ActorKind.CONTACT and self.contact_id is not None:
            return f"contact:{self.contact_id}"
        return (self.label or self.kind.value)[:40]


def as_actor(actor: Any, label: str = "") -> Actor:
    """The typed actor for a service's ``actor`` argument: an ``Actor`` as it is; a user
    through the pages, or the API when ``label`` says "api"; None as the system under
    ``label`` ("cli", "import" and "export" through the command line). Lets the edges move
    to ``Actor`` one at a time."""
    if isinstance(actor, Actor):
        return actor
    if actor is None:
        via = Via.CLI if label in ("cli", "import", "export") else Via.SYSTEM
        return Actor.system(label or "system", via=via)
    via = Via.API if label == "api" else Via.UI
    if label == "import":
        return Actor.of_import(actor, via=via)
    return Actor(ActorKind.USER, via, user=actor, label=label)
