"""Where the holiday radar appears in other apps' pages: a home page panel, shown only to
people whose role may read contacts (its navigation entry is registered in people's apps.py).

    {% load people_radar %}{% holiday_radar_panel %}   on the home page
"""

from django import template

from amity.core.permissions import Action, role_allows

register = template.Library()


def _may_read(context) -> bool:
    user = context.get("user")
    return bool(user and user.is_authenticated and role_allows(user.role, Action.VIEW_RECORDS))


@register.inclusion_tag("people/holiday_radar_panel.html", takes_context=True)
def holiday_radar_panel(context) -> dict:
    return {"show": _may_read(context)}
