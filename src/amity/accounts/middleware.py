from django.utils import timezone, translation


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
