"""API for the caller's profile, teams, users and personal tokens."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from amity.accounts import selectors, services
from amity.accounts.models import Team, User
from amity.core.errors import NotFound
from amity.core.permissions import ACTION_SCOPES, Action, InsufficientScope, Role, Scope, require

router = Router(tags=["accounts"])


class TeamOut(Schema):
    id: int
    name: str
    description: str


class UserOut(Schema):
    id: int
    username: str
    display_name: str
    email: str
    role: Role
    language: str
    timezone: str
    teams: list[TeamOut]

    @staticmethod
    def resolve_teams(obj: User) -> list[Team]:
        return list(obj.teams.all())


class PreferencesIn(Schema):
    language: str | None = None
    timezone: str | None = None


class UserIn(Schema):
    username: str = Field(min_length=1, max_length=150)
    email: str = ""
    password: str | None = None
    display_name: str = ""
    role: Role = Role.AGENT
    language: str = "en"
    timezone: str = "UTC"
    team_ids: list[int] = []


class UserPatch(Schema):
    display_name: str | None = None
    email: str | None = None
    role: Role | None = None
    language: str | None = None
    timezone: str | None = None
    team_ids: list[int] | None = None
    is_active: bool | None = None


class TeamIn(Schema):
    name: str = Field(min_length=1, max_length=120)
    description: str = ""


class TeamPatch(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=120)
    description: str | None = None


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    scopes: list[Scope] | None = Field(
        default=None,
        description="read, write, admin; default: every scope your role allows "
        "(a token calling this may give only scopes it has itself).",
    )


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    scopes: list[str]


class TokenCreated(TokenOut):
    secret: str = Field(description="Shown only once: store it now.")


@router.get("/me", response=UserOut)
def me(request):
    """The calling user."""
    return request.auth


@router.patch("/me", response=UserOut)
def me_update(request, payload: PreferencesIn):
    """Change your own interface language or time zone."""
    return services.user_preferences_update(
        user=request.auth, language=payload.language, timezone_name=payload.timezone
    )


@router.get("/users", response=list[UserOut])
def users_list(request, q: str = ""):
    require(request.auth, Action.VIEW_RECORDS)
    return selectors.user_list(query=q)


@router.post("/users", response={201: UserOut})
def users_create(request, payload: UserIn):
    require(request.auth, Action.MANAGE_USERS)
    teams = list(Team.objects.filter(pk__in=payload.team_ids))
    if len(teams) != len(set(payload.team_ids)):
        raise NotFound(_("One of the teams does not exist."))
    user = services.user_create(
        actor=request.auth,
        username=payload.username,
        email=payload.email,
        password=payload.password,
        display_name=payload.display_name,
        role=payload.role,
        language=payload.language,
        timezone_name=payload.timezone,
        teams=teams,
    )
    return Status(201, user)


@router.patch("/users/{user_id}", response=UserOut)
def users_update(request, user_id: int, payload: UserPatch):
    require(request.auth, Action.MANAGE_USERS)
    user = get_object_or_404(User, pk=user_id)
    teams = None
    if payload.team_ids is not None:
        teams = list(Team.objects.filter(pk__in=payload.team_ids))
        if len(teams) != len(set(payload.team_ids)):
            raise NotFound(_("One of the teams does not exist."))
    return services.user_update(
        actor=request.auth,
        user=user,
        display_name=payload.display_name,
        email=payload.email,
        role=payload.role,
        language=payload.language,
        timezone_name=payload.timezone,
        teams=teams,
        is_active=payload.is_active,
    )


@router.get("/teams", response=list[TeamOut])
def teams_list(request):
    require(request.auth, Action.VIEW_RECORDS)
    return selectors.team_list()


@router.post("/teams", response={201: TeamOut})
def teams_create(request, payload: TeamIn):
    team = services.team_create(
        actor=request.auth, name=payload.name, description=payload.description
    )
    return Status(201, team)


@router.get("/teams/{team_id}", response=TeamOut)
def teams_get(request, team_id: int):
    require(request.auth, Action.VIEW_RECORDS)
    return get_object_or_404(Team, pk=team_id)


@router.patch("/teams/{team_id}", response=TeamOut)
def teams_update(request, team_id: int, payload: TeamPatch):
    require(request.auth, Action.MANAGE_TEAMS)
    team = get_object_or_404(Team, pk=team_id)
    return services.team_update(
        actor=request.auth, team=team, name=payload.name, description=payload.description
    )


@router.delete("/teams/{team_id}", response={204: None})
def teams_delete(request, team_id: int):
    require(request.auth, Action.MANAGE_TEAMS)
    services.team_delete(actor=request.auth, team=get_object_or_404(Team, pk=team_id))
    return Status(204, None)


@router.get("/tokens", response=list[TokenOut])
def tokens_list(request):
    """Your personal API tokens (secrets are never shown again)."""
    return selectors.token_list(user=request.auth)


@router.post("/tokens", response={201: TokenCreated})
def tokens_create(request, payload: TokenIn):
    scopes = [scope.value for scope in payload.scopes] if payload.scopes is not None else None
    held = getattr(request.auth, "token_scopes", None)
    if held is not None:
        # A token cannot mint a token stronger than itself.
        scopes = [s for s in Scope if s in held] if scopes is None else scopes
        for scope in scopes:
            if scope not in held:
                raise InsufficientScope(next(a for a, s in ACTION_SCOPES.items() if s == scope))
    token, secret = services.token_create(user=request.auth, name=payload.name, scopes=scopes)
    return Status(201, {**TokenOut.from_orm(token).dict(), "secret": secret})


@router.delete("/tokens/{token_id}", response=TokenOut)
def tokens_revoke(request, token_id: int):
    return services.token_revoke(actor=request.auth, token_id=token_id)
