"""Roles and what each may do. One table, checked by views, API handlers and the CLI alike."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


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


class PermissionDenied(Exception):
    """The acting user's role does not allow the action."""

    def __init__(self, action: Action) -> None:
        super().__init__(action)
        self.action = action


def role_allows(role: str, action: Action) -> bool:
    return action in ROLE_ACTIONS.get(role, frozenset())


def require(user: object, action: Action) -> None:
    """Raise PermissionDenied unless the (active) user's role allows the action."""
    role = getattr(user, "role", None)
    if not getattr(user, "is_active", False) or role is None or not role_allows(role, action):
        raise PermissionDenied(action)
