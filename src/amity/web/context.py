from django.conf import settings
from django.urls import reverse

from amity.core.permissions import Action, role_allows
from amity.core.records import navigation_entries


def navigation(request):
    """Main navigation and the language choices, for the base layout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"languages": settings.LANGUAGES}
    current = getattr(getattr(request, "resolver_match", None), "url_name", "") or ""
    return {
        "languages": settings.LANGUAGES,
        "nav_items": [
            {
                "key": entry.key,
                "label": entry.label,
                "url": reverse(entry.url_name),
                "current": entry.is_current(current),
            }
            for entry in navigation_entries()
            if not entry.action or role_allows(user.role, entry.action)
        ],
        "can_manage_teams": role_allows(user.role, Action.MANAGE_TEAMS),
    }
