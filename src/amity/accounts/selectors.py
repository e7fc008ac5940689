"""Reads for users, teams and tokens."""

from django.db.models import Count, Q, QuerySet, Value

from amity.accounts.models import AccountEvent, ApiToken, Team, User
from amity.core.permissions import Action, Role, role_allows


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


def directory_search(*, query: str, limit: int = 10) -> dict[str, list]:
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


def record_access(*, owner_id: int | None = None, team_id: int | None = None) -> list[dict]:
    """Who can read and who can change a record (a contact or an organization).

    Today access follows the role alone: every active user whose role may view records reads
    it, and those whose role may write records change it. The record's owner and its team's
    members are marked, for when visibility by owner and team arrives.
    """
    readers = [role for role in Role if role_allows(role, Action.VIEW_RECORDS)]
    users = (
        User.objects.filter(is_active=True, role__in=readers)
        .annotate(in_team=Count("teams", filter=Q(teams__pk=team_id)) if team_id else Value(0))
        .order_by("username")
    )
    return [
        {
            "id": user.pk,
            "username": user.username,
            "display_name": str(user),
            "role": user.role,
            "can_read": True,
            "can_write": role_allows(user.role, Action.WRITE_RECORDS),
            "is_owner": user.pk == owner_id,
            "in_team": bool(user.in_team),
        }
        for user in users
    ]
