"""How the REST API knows who is calling: a personal token, or the signed-in browser session."""

from django.utils import timezone, translation
from ninja.security import HttpBearer, SessionAuth

from amity.accounts.services import token_authenticate


def _activate(user):
    translation.activate(user.language)
    timezone.activate(user.timezone)
    return user


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        user = token_authenticate(token)
        if user is None:
            return None
        request.user = user
        return _activate(user)


class BrowserSessionAuth(SessionAuth):
    """The signed-in web user (CSRF-checked for writes, as any session-authenticated call)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return _activate(user) if user else None
