"""Writes for sign-in security: two-factor codes, recovery codes, ending sessions.

Every change leaves an AccountEvent with its actor, as the other account services do.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.accounts import two_factor
from amity.accounts.history import account_event_record
from amity.accounts.models import AccountEvent, RecoveryCode, User
from amity.core.errors import DomainError
from amity.core.permissions import Action, require


def two_factor_required(user: User) -> bool:
    """Whether the user's role must sign in with a second factor (AMITY_TWO_FACTOR_ROLES)."""
    return user.role in settings.AMITY_TWO_FACTOR_ROLES


def _recovery_codes_replace(user: User) -> list[str]:
    codes = two_factor.recovery_codes_new()
    user.recovery_codes.all().delete()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, digest=two_factor.recovery_code_digest(code)) for code in codes
    )
    return codes


def two_factor_enable(*, user: User, secret: str, code: str) -> list[str]:
    """Turn on two-factor sign-in once the user proves their app shows the right code.

    Returns the ten recovery codes, shown only this once.
    """
    if user.has_two_factor:
        raise DomainError(_("Two-factor sign-in is already on."), field="code")
    step = two_factor.code_step(secret=secret, code=code)
    if step is None:
        raise DomainError(
            _("That code does not match. Enter the 6-digit code your app shows now."),
            field="code",
        )
    with transaction.atomic():
        user.totp_secret_encrypted = two_factor.secret_encrypt(secret)
        user.totp_enabled_at = timezone.now()
        user.totp_last_step = step
        user.save(update_fields=["totp_secret_encrypted", "totp_enabled_at", "totp_last_step"])
        codes = _recovery_codes_replace(user)
        account_event_record(
            AccountEvent.Type.TWO_FACTOR_ENABLED, actor=user, subject=user.username
        )
    return codes


def _off(user: User) -> None:
    user.totp_secret_encrypted = ""
    user.totp_enabled_at = None
    user.totp_last_step = 0
    user.save(update_fields=["totp_secret_encrypted", "totp_enabled_at", "totp_last_step"])
    user.recovery_codes.all().delete()


def two_factor_verify(*, user: User, code: str) -> bool:
    """Check a sign-in code: an authenticator code (each accepted once) or an unused recovery
    code (then spent). True when it is good."""
    if not user.has_two_factor:
        return False
    secret = two_factor.secret_decrypt(user.totp_secret_encrypted)
    with transaction.atomic():
        if secret is not None:
            step = two_factor.code_step(secret=secret, code=code, after_step=user.totp_last_step)
            if step is not None:
                # Conditional update: two requests racing with one code, only one wins.
                won = User.objects.filter(pk=user.pk, totp_last_step__lt=step).update(
                    totp_last_step=step
                )
                if won:
                    user.totp_last_step = step
                return bool(won)
        spent = RecoveryCode.objects.filter(
            user=user, digest=two_factor.recovery_code_digest(code), used_at__isnull=True
        ).update(used_at=timezone.now())
        if spent:
            left = user.recovery_codes.filter(used_at__isnull=True).count()
            account_event_record(
                AccountEvent.Type.RECOVERY_CODE_USED,
                actor=user,
                subject=user.username,
                remaining=left,
            )
        return bool(spent)


def two_factor_disable(*, user: User, code: str) -> None:
    """The user turns two-factor sign-in off, proving it with a current code."""
    if not user.has_two_factor:
        raise DomainError(_("Two-factor sign-in is not on."), field="code")
    if two_factor_required(user):
        raise DomainError(
            _("Your role requires two-factor sign-in; it cannot be turned off."), field="code"
        )
    if not two_factor_verify(user=user, code=code):
        raise DomainError(_("That code does not match."), field="code")
    with transaction.atomic():
        _off(user)
        account_event_record(
            AccountEvent.Type.TWO_FACTOR_DISABLED, actor=user, subject=user.username
        )


def two_factor_reset(*, actor: User, user: User) -> None:
    """An administrator turns off a user's two-factor sign-in (a lost phone) and ends the
    user's sessions; the user sets it up again at the next sign-in if the role requires it."""
    require(actor, Action.MANAGE_USERS)
    with transaction.atomic():
        _off(user)
        User.objects.filter(pk=user.pk).update(session_version=F("session_version") + 1)
        account_event_record(AccountEvent.Type.TWO_FACTOR_RESET, actor=actor, subject=user.username)
    user.refresh_from_db(fields=["session_version"])


def sessions_end(*, actor: User, user: User) -> None:
    """End every session of ``user`` (sign out everywhere): the user, or an administrator."""
    if actor.pk != user.pk:
        require(actor, Action.MANAGE_USERS)
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(session_version=F("session_version") + 1)
        account_event_record(AccountEvent.Type.SESSIONS_ENDED, actor=actor, subject=user.username)
    user.refresh_from_db(fields=["session_version"])
