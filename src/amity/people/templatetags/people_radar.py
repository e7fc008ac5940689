"""Where the holiday radar appears in other apps' pages: a main navigation link and a home
page panel, each shown only to people whose role may read contacts.

    {% load people_radar %}{% holiday_radar_nav %}     in the navigation list
    {% load people_radar %}{% holiday_radar_panel %}   on the home page
"""

from django import template

from amity.core.permissions import Action, role_allows

register = template.Library()


def _may_read(context) -> bool:
    user = context.get("user")
    return bool(user and user.is_authenticated and role_allows(user.role, Action.VIEW_RECORDS))


@register.inclusion_tag("people/holiday_radar_nav.html", takes_context=True)
def holiday_radar_nav(context) -> dict:
    request = context.get("request")
    current = getattr(getattr(request, "resolver_match", None), "url_name", "") or ""
    return {"show": _may_read(context), "current": current.startswith("holiday_radar")}


@register.inclusion_tag("people/holiday_radar_panel.html", takes_context=True)
def holiday_radar_panel(context) -> dict:
    return {"show": _may_read(context)}
