import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone, translation

from amity.accounts.security import two_factor_required


class UserPreferencesMiddleware:
    """Signed-in users see the interface in their own language and time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
            timezone.activate(user.timezone)
        else:
            timezone.deactivate()
        return self.get_response(request)


def session_seen_at_login(sender, request, user, **kwargs) -> None:
    """Start the idle clock as the session starts, saved with it (no extra write later)."""
    if request is not None and hasattr(request, "session"):
        request.session[SessionSecurityMiddleware.SEEN_KEY] = int(time.time())


class SessionSecurityMiddleware:
    """Ends sessions idle longer than AMITY_SESSION_IDLE_SECONDS, and sends users whose role
    requires two-factor sign-in to set it up before anything else.

    The last-seen time is written at most once a minute, so ordinary requests do not each
    rewrite the session row.
    """

    SEEN_KEY = "amity_seen"
    TOUCH_SECONDS = 60
    # Pages a user who must set up two-factor sign-in can still reach.
    SETUP_PATHS = ("/settings/security/", "/logout/", "/language/", "/static/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(self.SEEN_KEY)
            if seen is not None and now - seen > settings.AMITY_SESSION_IDLE_SECONDS:
                logout(request)
            else:
                if seen is None or now - seen >= self.TOUCH_SECONDS:
                    request.session[self.SEEN_KEY] = now
                redirect = self._two_factor_setup(request, user)
                if redirect is not None:
                    return redirect
        return self.get_response(request)

    def _two_factor_setup(self, request, user):
        if user.has_two_factor or not two_factor_required(user):
            return None
        if request.path.startswith(self.SETUP_PATHS) or request.path.startswith("/api/"):
            return None
        return HttpResponseRedirect(reverse("security"))
