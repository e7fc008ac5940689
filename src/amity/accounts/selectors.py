"""Reads for users, teams and tokens."""

from typing import Any, TypedDict

from django.db.models import Count, Q, QuerySet

from amity.accounts.models import AccountEvent, ApiToken, Team, User
from amity.accounts.visibility import role_restricted, visibility_policy
from amity.core.permissions import Action, Role, role_allows


class DirectoryMatches(TypedDict):
    """What directory_search found, by kind."""

    users: list[User]
    teams: list[Team]


def team_list() -> QuerySet[Team]:
    return Team.objects.annotate(member_count=Count("members")).order_by("name")


def user_list(*, query: str = "") -> QuerySet[User]:
    users = User.objects.filter(is_active=True).prefetch_related("teams")
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(display_name__icontains=query)
            | Q(email__icontains=query)
        )
    return users.order_by("username")


def token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def account_events(*, limit: int = 50) -> QuerySet[AccountEvent]:
    return AccountEvent.objects.select_related("actor")[:limit]


def directory_search(*, query: str, limit: int = 10) -> DirectoryMatches:
    """Users and teams whose names match: the part of global search this app answers."""
    query = query.strip()
    if not query:
        return {"users": [], "teams": []}
    return {
        "users": list(user_list(query=query)[:limit]),
        "teams": list(team_list().filter(name__icontains=query)[:limit]),
    }


def user_admin_list() -> QuerySet[User]:
    """Every user, active or not, for administrators."""
    return User.objects.prefetch_related("teams").order_by("-is_active", "username")


def record_access(
    *, owner_id: int | None = None, team_id: int | None = None, country: str = ""
) -> list[dict[str, Any]]:
    """Who can read and who can change a record (a contact or an organization).

    A user reads it when the role may view records and the record visibility policy lets the
    user see it (every record, or the user's own, team and territory records); the user changes
    it when the role may also write records. Each entry says why: owner, team member, territory.
    Three queries: the users, their teams, the visibility policy.
    """
    policy = visibility_policy()
    readers = [role for role in Role if role_allows(role, Action.VIEW_RECORDS)]
    users = (
        User.objects.filter(is_active=True, role__in=readers)
        .prefetch_related("teams")
        .order_by("username")
    )
    access = []
    for user in users:
        teams = list(user.teams.all())
        team_ids = frozenset(team.pk for team in teams)
        countries = frozenset(code for team in teams for code in (team.territories or []))
        in_team = team_id is not None and team_id in team_ids
        in_territory = bool(country) and country in countries
        is_owner = owner_id is not None and owner_id == user.pk
        if role_restricted(policy, user.role) and not (in_team or in_territory or is_owner):
            continue
        access.append(
            {
                "id": user.pk,
                "username": user.username,
                "display_name": str(user),
                "role": user.role,
                "can_read": True,
                "can_write": role_allows(user.role, Action.WRITE_RECORDS),
                "is_owner": is_owner,
                "in_team": in_team,
                "in_territory": in_territory,
            }
        )
    return access
