"""The accounts app's domain events (``amity.core.events``): users, teams, tokens, two-factor
sign-in, sign-in locks and record visibility. Published by ``history.account_event_record``
beside the ``AccountEvent`` row the administrators' history reads. Account events touch no
customer's data: not in the audit trail."""

from dataclasses import dataclass

from amity.core.events import Event


@dataclass(frozen=True, kw_only=True)
class AccountChange(Event):
    # The user's username, the team's name, the token's name, the locked key, ...
    subject: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class UserCreated(AccountChange):
    name = "user.created"


@dataclass(frozen=True, kw_only=True)
class UserChanged(AccountChange):
    name = "user.updated"


@dataclass(frozen=True, kw_only=True)
class PreferencesChanged(AccountChange):
    name = "user.preferences_changed"


@dataclass(frozen=True, kw_only=True)
class SessionsEnded(AccountChange):
    name = "user.sessions_ended"


@dataclass(frozen=True, kw_only=True)
class TeamCreated(AccountChange):
    name = "team.created"


@dataclass(frozen=True, kw_only=True)
class TeamChanged(AccountChange):
    name = "team.updated"


@dataclass(frozen=True, kw_only=True)
class TeamDeleted(AccountChange):
    name = "team.deleted"


@dataclass(frozen=True, kw_only=True)
class TokenCreated(AccountChange):
    name = "token.created"


@dataclass(frozen=True, kw_only=True)
class TokenRevoked(AccountChange):
    name = "token.revoked"


@dataclass(frozen=True, kw_only=True)
class SignInLocked(AccountChange):
    name = "signin.locked"


@dataclass(frozen=True, kw_only=True)
class TokenUseLocked(AccountChange):
    name = "token.auth_locked"


@dataclass(frozen=True, kw_only=True)
class TwoFactorEnabled(AccountChange):
    name = "2fa.enabled"


@dataclass(frozen=True, kw_only=True)
class TwoFactorDisabled(AccountChange):
    name = "2fa.disabled"


@dataclass(frozen=True, kw_only=True)
class TwoFactorReset(AccountChange):
    name = "2fa.reset"


@dataclass(frozen=True, kw_only=True)
class RecoveryCodeUsed(AccountChange):
    name = "2fa.recovery_code_used"


@dataclass(frozen=True, kw_only=True)
class VisibilityChanged(AccountChange):
    name = "visibility.changed"


BY_TYPE: dict[str, type[AccountChange]] = {
    cls.name: cls
    for cls in (
        UserCreated,
        UserChanged,
        PreferencesChanged,
        SessionsEnded,
        TeamCreated,
        TeamChanged,
        TeamDeleted,
        TokenCreated,
        TokenRevoked,
        SignInLocked,
        TokenUseLocked,
        TwoFactorEnabled,
        TwoFactorDisabled,
        TwoFactorReset,
        RecoveryCodeUsed,
        VisibilityChanged,
    )
}
