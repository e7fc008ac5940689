"""Reads for users, teams and tokens."""

from django.db.models import Count, Q, QuerySet

from amity.accounts.models import AccountEvent, ApiToken, Team, User


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
