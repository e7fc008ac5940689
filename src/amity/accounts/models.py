import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from amity.core.permissions import Role


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(zone)s is not an IANA time zone (for example Asia/Bangkok)."),
            params={"zone": value},
            code="invalid_timezone",
        )


def validate_language(value: str) -> None:
    if value not in dict(settings.LANGUAGES):
        raise ValidationError(
            _("%(language)s is not one of the interface languages."),
            params={"language": value},
            code="invalid_language",
        )


class CalendarEra(models.TextChoices):
    # The values are the eras amity.culture.formatting knows.
    GREGORIAN = "gregorian", _("Gregorian era (2026)")
    BUDDHIST = "buddhist", _("Buddhist era (2569), as in Thailand")


class Team(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    # ISO 3166-1 alpha-2 codes: where scoped visibility lets members see every record
    # (amity.accounts.visibility).
    territories = models.JSONField(
        _("territories"),
        default=list,
        blank=True,
        help_text=_("Countries (ISO codes such as TH, PL) whose records the team's members see."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    # One name field in the person's own script and order; "first last" fits few cultures.
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    language = models.CharField(
        _("language"), max_length=16, default="en", validators=[validate_language]
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.AGENT)
    calendar_era = models.CharField(
        _("years shown in"),
        max_length=16,
        choices=CalendarEra.choices,
        default=CalendarEra.GREGORIAN,
    )
    teams = models.ManyToManyField(
        Team, verbose_name=_("teams"), related_name="members", blank=True
    )
    # Raised to end every session of the user at once ("sign out everywhere").
    session_version = models.PositiveIntegerField(_("session version"), default=0)
    # The TOTP secret, encrypted (amity.accounts.two_factor); empty when two-factor is off.
    totp_secret_encrypted = models.TextField(_("encrypted TOTP secret"), blank=True)
    totp_enabled_at = models.DateTimeField(_("two-factor enabled at"), null=True, blank=True)
    # The last accepted 30-second step: a code is accepted once, never replayed.
    totp_last_step = models.BigIntegerField(_("last TOTP step"), default=0)

    REQUIRED_FIELDS = ["email"]

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username

    def get_full_name(self) -> str:
        return self.display_name or self.username

    def get_short_name(self) -> str:
        return self.display_name or self.username

    @property
    def has_two_factor(self) -> bool:
        return self.totp_enabled_at is not None

    def _get_session_auth_hash(self, secret=None):
        # Django ends sessions whose hash no longer matches: a new password or a raised
        # session_version (sign out everywhere) both change it.
        return salted_hmac(
            "amity.accounts.User.session",
            f"{self.password}:{self.session_version}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 digest of the secret is stored; the secret is shown
    once, when the token is created."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, db_index=True)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # amity.core.permissions.Scope values; the token may do only these (and its user's role).
    scopes = models.JSONField(_("scopes"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AccountEvent(models.Model):
    """What happened to users, teams and tokens, and who did it: the trail for admins."""

    class Type(models.TextChoices):
        USER_CREATED = "user.created", _("User created")
        USER_UPDATED = "user.updated", _("User updated")
        PREFERENCES_CHANGED = "user.preferences_changed", _("Preferences changed")
        TEAM_CREATED = "team.created", _("Team created")
        TEAM_UPDATED = "team.updated", _("Team updated")
        TEAM_DELETED = "team.deleted", _("Team deleted")
        TOKEN_CREATED = "token.created", _("API token created")
        TOKEN_REVOKED = "token.revoked", _("API token revoked")
        SIGN_IN_LOCKED = "signin.locked", _("Sign-in locked after failed attempts")
        TOKEN_AUTH_LOCKED = "token.auth_locked", _("API token use locked after failed attempts")
        TWO_FACTOR_ENABLED = "2fa.enabled", _("Two-factor sign-in enabled")
        TWO_FACTOR_DISABLED = "2fa.disabled", _("Two-factor sign-in disabled")
        TWO_FACTOR_RESET = "2fa.reset", _("Two-factor sign-in reset by an administrator")
        RECOVERY_CODE_USED = "2fa.recovery_code_used", _("Recovery code used")
        SESSIONS_ENDED = "user.sessions_ended", _("Signed out everywhere")
        VISIBILITY_CHANGED = "visibility.changed", _("Record visibility changed")

    type = models.CharField(_("type"), max_length=40, choices=Type.choices)
    actor = models.ForeignKey(
        User,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("actor label"), max_length=150, blank=True)
    subject = models.CharField(_("subject"), max_length=150)
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("account event")
        verbose_name_plural = _("account events")

    def __str__(self) -> str:
        return f"{self.type} {self.subject}"


class RecoveryCode(models.Model):
    """A single-use code to sign in without the authenticator app; only a keyed digest is kept."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="recovery_codes"
    )
    digest = models.CharField(_("digest"), max_length=64)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self) -> str:
        return f"{self.user_id} {'used' if self.used_at else 'unused'}"


class SignInFailure(models.Model):
    """One failed sign-in (or API token use), counted per username and per address.

    Kept in the database so every worker process sees the same counts, on SQLite and PostgreSQL.
    """

    class Scope(models.TextChoices):
        USERNAME = "username", _("username")
        ADDRESS = "address", _("address")
        TOKEN_ADDRESS = "token_address", _("API token address")

    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    key = models.CharField(_("key"), max_length=150)
    created_at = models.DateTimeField(_("created at"), db_index=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "created_at"])]
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"


class RecordVisibility(models.Model):
    """Which contacts, organizations and interactions each role sees: one row (pk 1), edited by
    administrators. Administrators always see every record."""

    class Scope(models.TextChoices):
        ALL = "all", _("Every record")
        TEAMS = "teams", _("Their own records, their teams' records and their teams' territories")

    manager_scope = models.CharField(
        _("managers see"), max_length=8, choices=Scope.choices, default=Scope.ALL
    )
    # Viewers share the agents' scope; they only read.
    agent_scope = models.CharField(
        _("agents and viewers see"), max_length=8, choices=Scope.choices, default=Scope.ALL
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("record visibility")
        verbose_name_plural = _("record visibility")

    def __str__(self) -> str:
        return f"managers: {self.manager_scope}, agents: {self.agent_scope}"
