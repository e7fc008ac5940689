"""Roles and what each may do. One table, checked by views, API handlers and the CLI alike."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from amity.core.actors import Actor, ActorKind


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    MANAGER = "manager", _("Manager")
    AGENT = "agent", _("Agent")
    VIEWER = "viewer", _("Viewer")


class Action(StrEnum):
    VIEW_RECORDS = "records.view"
    WRITE_RECORDS = "records.write"
    MANAGE_TEAMS = "teams.manage"
    MANAGE_USERS = "users.manage"
    MANAGE_SETTINGS = "settings.manage"


# Least privilege: each role lists exactly what it may do; nothing is implied by order.
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.MANAGER: frozenset({Action.VIEW_RECORDS, Action.WRITE_RECORDS, Action.MANAGE_TEAMS}),
    Role.AGENT: frozenset({Action.VIEW_RECORDS, Action.WRITE_RECORDS}),
    Role.VIEWER: frozenset({Action.VIEW_RECORDS}),
}


class Scope(StrEnum):
    """What an API token may be used for; a token never does more than its user's role allows."""

    READ = "read"  # read records (contacts, organizations, interactions, ...)
    WRITE = "write"  # create, change and delete records
    ADMIN = "admin"  # manage users, teams and settings


# Each action needs exactly one scope, so the endpoints' existing require() calls enforce scopes.
ACTION_SCOPES: dict[Action, Scope] = {
    Action.VIEW_RECORDS: Scope.READ,
    Action.WRITE_RECORDS: Scope.WRITE,
    Action.MANAGE_TEAMS: Scope.ADMIN,
    Action.MANAGE_USERS: Scope.ADMIN,
    Action.MANAGE_SETTINGS: Scope.ADMIN,
}


def role_scopes(role: str) -> list[str]:
    """The scopes a role can give its tokens: those of the actions it may do, in Scope order."""
    allowed = {ACTION_SCOPES[action] for action in ROLE_ACTIONS.get(role, frozenset())}
    return [scope.value for scope in Scope if scope in allowed]


class PermissionDenied(Exception):
    """The acting user's role does not allow the action."""

    def __init__(self, action: Action) -> None:
        super().__init__(action)
        self.action = action


class InsufficientScope(PermissionDenied):
    """The role allows the action, but the API token in use lacks the scope it needs."""

    def __init__(self, action: Action) -> None:
        super().__init__(action)
        self.scope = ACTION_SCOPES[action]


def role_allows(role: str, action: Action) -> bool:
    return action in ROLE_ACTIONS.get(role, frozenset())


def require(user: object, action: Action) -> None:
    """Raise PermissionDenied unless the (active) user's role allows the action.

    When the user acts through an API token (``token_scopes`` set by the token authentication),
    the token must also carry the action's scope, else InsufficientScope. A typed ``Actor``
    is checked as the user it acts for (a workflow: the user who configured it); the system
    itself may do anything, a contact nothing a staff action needs.
    """
    if isinstance(user, Actor):
        if user.user is None:
            if user.kind is ActorKind.SYSTEM:
                return
            raise PermissionDenied(action)
        user = user.user
    role = getattr(user, "role", None)
    if not getattr(user, "is_active", False) or role is None or not role_allows(role, action):
        raise PermissionDenied(action)
    scopes = getattr(user, "token_scopes", None)
    if scopes is not None and ACTION_SCOPES[action] not in scopes:
        raise InsufficientScope(action)
