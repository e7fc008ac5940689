"""Writes for users, teams and API tokens. Every change leaves an AccountEvent with its actor."""

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.accounts.history import account_event_record
from amity.accounts.models import AccountEvent, ApiToken, Team, User
from amity.core.errors import Conflict, DomainError, NotFound
from amity.core.permissions import Action, Role, Scope, require, role_scopes

TOKEN_PREFIX = "amt_"  # noqa: S105 (a public marker, not a secret)
# last_used_at is informative; writing it on every request would serialize API traffic.
TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)


def _validated(instance: Model, *, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        field, errors = next(iter(error.error_dict.items()))
        message = " ".join(m for e in errors for m in e.messages)
        if any(e.code == "unique" for e in errors):
            raise Conflict(message, field=field) from error
        raise DomainError(message, field=field) from error


def user_create(
    *,
    actor: User | None,
    username: str,
    email: str = "",
    password: str | None = None,
    display_name: str = "",
    role: str = Role.AGENT,
    language: str = "en",
    timezone_name: str = "UTC",
    teams: list[Team] | None = None,
    actor_label: str = "",
) -> User:
    """Create a user. ``actor`` None means the command line or the installer."""
    if actor is not None:
        require(actor, Action.MANAGE_USERS)
    user = User(
        username=username.strip(),
        email=email.strip(),
        display_name=display_name.strip(),
        role=role,
        language=language,
        timezone=timezone_name,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), field="password") from error
        user.set_password(password)
    _validated(user, exclude=["password"])
    with transaction.atomic():
        try:
            user.save()
        except IntegrityError as error:
            raise Conflict(
                _("A user named %(username)s already exists.") % {"username": username},
                field="username",
            ) from error
        if teams:
            user.teams.set(teams)
        account_event_record(
            AccountEvent.Type.USER_CREATED,
            actor=actor,
            actor_label=actor_label,
            subject=user.username,
            role=role,
        )
    return user


def user_update(
    *,
    actor: User,
    user: User,
    display_name: str | None = None,
    email: str | None = None,
    role: str | None = None,
    language: str | None = None,
    timezone_name: str | None = None,
    teams: list[Team] | None = None,
    is_active: bool | None = None,
) -> User:
    """An administrator changes a user's profile, role, teams or access."""
    require(actor, Action.MANAGE_USERS)
    if user.pk == actor.pk and (is_active is False or (role and role != Role.ADMIN)):
        raise DomainError(
            _("You cannot remove your own administrator access; ask another administrator."),
            field="role" if role else "is_active",
        )
    changes = {
        "display_name": display_name,
        "email": email,
        "role": role,
        "language": language,
        "timezone": timezone_name,
        "is_active": is_active,
    }
    # JSON for the event's data: teams join as a list of names below.
    changed: dict[str, Any] = {name: value for name, value in changes.items() if value is not None}
    for name, value in changed.items():
        setattr(user, name, value.strip() if isinstance(value, str) else value)
    if role is not None:
        user.is_staff = user.is_superuser = role == Role.ADMIN
    _validated(user, exclude=["password"])
    with transaction.atomic():
        user.save()
        if teams is not None:
            user.teams.set(teams)
            changed["teams"] = sorted(team.name for team in teams)
        if is_active is False:
            # A deactivated user's tokens stop working at once, and stay revoked.
            user.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        account_event_record(
            AccountEvent.Type.USER_UPDATED, actor=actor, subject=user.username, **changed
        )
    return user


def user_preferences_update(
    *,
    user: User,
    language: str | None = None,
    timezone_name: str | None = None,
    calendar_era: str | None = None,
) -> User:
    """A user changes their own interface language, time zone or the era years are shown in."""
    changed = {}
    if calendar_era is not None and calendar_era != user.calendar_era:
        user.calendar_era = calendar_era
        changed["calendar_era"] = calendar_era
    if language is not None and language != user.language:
        user.language = language
        changed["language"] = language
    if timezone_name is not None and timezone_name != user.timezone:
        user.timezone = timezone_name
        changed["timezone"] = timezone_name
    if not changed:
        return user
    _validated(user, exclude=["password"])
    with transaction.atomic():
        user.save(update_fields=list(changed))
        account_event_record(
            AccountEvent.Type.PREFERENCES_CHANGED, actor=user, subject=user.username, **changed
        )
    return user


def team_create(*, actor: User, name: str, description: str = "") -> Team:
    require(actor, Action.MANAGE_TEAMS)
    team = Team(name=name.strip(), description=description.strip())
    _validated(team)
    with transaction.atomic():
        team.save()
        account_event_record(AccountEvent.Type.TEAM_CREATED, actor=actor, subject=team.name)
    return team


def team_update(
    *, actor: User, team: Team, name: str | None = None, description: str | None = None
) -> Team:
    require(actor, Action.MANAGE_TEAMS)
    if name is not None:
        team.name = name.strip()
    if description is not None:
        team.description = description.strip()
    _validated(team)
    with transaction.atomic():
        team.save()
        account_event_record(AccountEvent.Type.TEAM_UPDATED, actor=actor, subject=team.name)
    return team


def team_delete(*, actor: User, team: Team) -> None:
    require(actor, Action.MANAGE_TEAMS)
    with transaction.atomic():
        account_event_record(AccountEvent.Type.TEAM_DELETED, actor=actor, subject=team.name)
        team.delete()


def team_members_set(*, actor: User, team: Team, members: list[User]) -> Team:
    require(actor, Action.MANAGE_TEAMS)
    with transaction.atomic():
        team.members.set(members)
        account_event_record(
            AccountEvent.Type.TEAM_UPDATED,
            actor=actor,
            subject=team.name,
            members=sorted(u.username for u in members),
        )
    return team


def token_digest(secret: str) -> str:
    # Tokens are 256-bit random strings, so a fast digest is enough (no need for a slow hash).
    return hashlib.sha256(secret.encode()).hexdigest()


def _scopes_checked(user: User, scopes: list[str] | None) -> list[str]:
    allowed = role_scopes(user.role)
    if scopes is None:
        return allowed
    for scope in scopes:
        if scope not in {s.value for s in Scope}:
            raise DomainError(
                _("%(scope)s is not a token scope; use read, write or admin.") % {"scope": scope},
                field="scopes",
            )
        if scope not in allowed:
            raise DomainError(
                _("Your role cannot give a token the %(scope)s scope.") % {"scope": scope},
                field="scopes",
            )
    if not scopes:
        raise DomainError(_("Choose at least one scope for the token."), field="scopes")
    return [scope for scope in allowed if scope in scopes]


def token_create(*, user: User, name: str, scopes: list[str] | None = None) -> tuple[ApiToken, str]:
    """Create a personal API token; returns the token and its secret, shown only this once.

    ``scopes`` (read, write, admin) limit what the token may do; None gives every scope the
    user's role allows. A token never does more than its user's role, whatever its scopes.
    """
    name = name.strip()
    if not name:
        raise DomainError(_("Give the token a name, so you can recognise it later."), field="name")
    scopes = _scopes_checked(user, scopes)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name[:100],
        prefix=secret[:12],
        digest=token_digest(secret),
        scopes=scopes,
    )
    with transaction.atomic():
        token.save()
        account_event_record(
            AccountEvent.Type.TOKEN_CREATED,
            actor=user,
            subject=user.username,
            token=name,
            scopes=scopes,
        )
    return token, secret


def token_revoke(*, actor: User, token_id: int) -> ApiToken:
    """Revoke one of the actor's tokens (admins may revoke anyone's)."""
    tokens = ApiToken.objects.all()
    if actor.role != Role.ADMIN:
        tokens = tokens.filter(user=actor)
    token = tokens.filter(pk=token_id).select_related("user").first()
    if token is None:
        raise NotFound(_("No such API token."))
    if token.revoked_at is None:
        with transaction.atomic():
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            account_event_record(
                AccountEvent.Type.TOKEN_REVOKED,
                actor=actor,
                subject=token.user.username,
                token=token.name,
            )
    return token


def token_authenticate(secret: str) -> User | None:
    """The active user behind a token secret, or None. Notes the time of use.

    The user carries ``token_scopes``: amity.core.permissions.require checks them.
    """
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOKEN_TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    # A per-request attribute, not a field: require() reads it with getattr.
    token.user.token_scopes = frozenset(token.scopes)  # type: ignore[attr-defined]
    return token.user
