"""How the REST API knows who is calling: a personal token, or the signed-in browser session."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from amity.accounts import throttling
from amity.accounts.security import two_factor_required
from amity.accounts.services import token_authenticate
from amity.core.errors import Refused


def _activate(user):
    translation.activate(user.language)
    timezone.activate(user.timezone)
    return user


class TokenAuth(HttpBearer):
    """A personal API token. An address that sends too many bad tokens gets 429 for a while.

    A valid token is always accepted: its 256-bit secret cannot be guessed, so checking the lock
    first would only cost every API call a query (and lock out colleagues behind one NAT).
    """

    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        user = token_authenticate(token)
        if user is None:
            address = throttling.client_address(request)
            until = throttling.locked_until(address=address, token=True)
            if until is None:
                throttling.failure_record(address=address, token=True)
                until = throttling.locked_until(address=address, token=True)
            if until is not None:
                seconds = max(1, int((until - timezone.now()).total_seconds()))
                raise HttpError(
                    429,
                    _(
                        "Too many invalid API tokens from your address. "
                        "Try again in %(seconds)d seconds."
                    )
                    % {"seconds": seconds},
                )
            return None
        request.user = user
        return _activate(user)


class BrowserSessionAuth(SessionAuth):
    """The signed-in web user (CSRF-checked for writes, as any session-authenticated call)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if not user:
            return None
        _activate(user)
        # The pages send such a user to the set-up page; the API, reached with the same
        # session, must not be a way around it (a personal token is a separate credential).
        if not user.has_two_factor and two_factor_required(user):
            raise Refused(
                _("Your role requires two-factor sign-in: set it up under Settings, Security."),
                code="two_factor_required",
            )
        return user
