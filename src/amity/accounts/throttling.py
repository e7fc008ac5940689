"""Failed sign-ins counted per username and per address, so password guessing stops early.

After ``AMITY_SIGNIN_MAX_FAILURES`` failures (default 5) for one username or from one address
within ``AMITY_SIGNIN_WINDOW_SECONDS`` (default 15 minutes), further attempts are refused until
the oldest counted failure leaves the window. A username is counted whether or not such a user
exists, so a lockout reveals nothing. API token failures are counted per address alike.
"""

import ipaddress
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from amity.accounts.history import account_event_record
from amity.accounts.models import AccountEvent, SignInFailure

Scope = SignInFailure.Scope


def _limits() -> tuple[int, timedelta]:
    return (
        settings.AMITY_SIGNIN_MAX_FAILURES,
        timedelta(seconds=settings.AMITY_SIGNIN_WINDOW_SECONDS),
    )


def _keys(*, username: str = "", address: str = "", token: bool = False) -> list[tuple[str, str]]:
    if token:
        return [(Scope.TOKEN_ADDRESS, address)] if address else []
    keys = [(Scope.USERNAME, username.strip().casefold()[:150])] if username.strip() else []
    if address:
        keys.append((Scope.ADDRESS, address))
    return keys


def _retry_at(scope: str, key: str, now: datetime) -> datetime | None:
    limit, window = _limits()
    times = list(
        SignInFailure.objects.filter(scope=scope, key=key, created_at__gt=now - window)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(times) < limit:
        return None
    # Locked until the oldest of the last `limit` failures leaves the window.
    return times[-1] + window


def locked_until(*, username: str = "", address: str = "", token: bool = False) -> datetime | None:
    """When attempts for this username or from this address may resume, or None if allowed."""
    now = timezone.now()
    times = [
        at
        for scope, key in _keys(username=username, address=address, token=token)
        if (at := _retry_at(scope, key, now)) is not None
    ]
    return max(times) if times else None


def failure_record(*, username: str = "", address: str = "", token: bool = False) -> None:
    """Count one failed attempt; the attempt that reaches the limit leaves an AccountEvent."""
    now = timezone.now()
    limit, window = _limits()
    with transaction.atomic():
        for scope, key in _keys(username=username, address=address, token=token):
            # Old rows are no longer counted; dropping them keeps the table small.
            SignInFailure.objects.filter(
                scope=scope, key=key, created_at__lte=now - window
            ).delete()
            SignInFailure.objects.create(scope=scope, key=key, created_at=now)
            count = SignInFailure.objects.filter(
                scope=scope, key=key, created_at__gt=now - window
            ).count()
            if count == limit:
                account_event_record(
                    (
                        AccountEvent.Type.TOKEN_AUTH_LOCKED
                        if token
                        else AccountEvent.Type.SIGN_IN_LOCKED
                    ),
                    actor=None,
                    actor_label="system",
                    subject=key,
                    scope=scope,
                    failures=count,
                    until=(_retry_at(scope, key, now) or now).isoformat(),
                )


def failures_clear(*, username: str) -> None:
    """A successful sign-in forgives the username's failures (the address keeps its count)."""
    keys = _keys(username=username)
    if keys:
        SignInFailure.objects.filter(scope=keys[0][0], key=keys[0][1]).delete()


def client_address(request) -> str:
    """The caller's address: REMOTE_ADDR, or, when that is a reverse proxy Amity trusts
    (AMITY_TRUSTED_PROXIES), the nearest address in X-Forwarded-For that is not one of them.
    Addresses further left were written by the caller and are not believed; without trusted
    proxies the header is ignored (anyone can send it)."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.AMITY_TRUSTED_PROXIES
    if not _one_of(remote, trusted):
        return remote[:150]
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed([_without_port(hop.strip()) for hop in hops]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            break  # not an address: what comes before it cannot be trusted either
        if not _one_of(hop, trusted):
            return hop
    return remote[:150]


def _without_port(hop: str) -> str:
    """Some proxies write the caller's port too: "203.0.113.9:4711", "[2001:db8::1]:4711"."""
    if hop.startswith("[") and "]" in hop:
        return hop[1 : hop.index("]")]
    if hop.count(":") == 1:
        return hop.split(":")[0]
    return hop


def _one_of(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)
