from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from amity.core.permissions import Action, role_allows


def navigation(request):
    """Main navigation and the language choices, for the base layout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"languages": settings.LANGUAGES}
    items = [("home", _("Home"), reverse("home"))]
    if role_allows(user.role, Action.VIEW_RECORDS):
        # A key also marks the pages named "<key>_...": "contact" covers a contact's page.
        items.append(("contact", _("Contacts"), reverse("contact_list")))
        items.append(("organization", _("Organizations"), reverse("organization_list")))
        items.append(("segment", _("Segments"), reverse("segment_list")))
    items.append(("teams", _("Teams"), reverse("teams")))
    if role_allows(user.role, Action.MANAGE_USERS):
        items.append(("users", _("Users"), reverse("users")))
    current = getattr(getattr(request, "resolver_match", None), "url_name", "") or ""
    return {
        "languages": settings.LANGUAGES,
        "nav_items": [
            {
                "key": key,
                "label": label,
                "url": url,
                "current": current == key or current.startswith(f"{key}_"),
            }
            for key, label, url in items
        ],
        "can_manage_teams": role_allows(user.role, Action.MANAGE_TEAMS),
    }
