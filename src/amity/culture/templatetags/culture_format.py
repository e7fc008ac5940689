"""Template filters for dates in the reader's era.

{% load culture_format %}
{{ interaction.occurred_at|era_date:user }}       8 มีนาคม 2569, 14:30 for a Buddhist-era reader
{{ interaction.follow_up_on|era_date:user }}      the date alone (DATE_FORMAT)
{{ day|era_short_date:user }}                     SHORT_DATE_FORMAT
"""

from django import template

from amity.culture.formatting import format_date_for, viewer_era

register = template.Library()


@register.filter(expects_localtime=True)
def era_date(value, viewer=None) -> str:
    """A date or datetime in the active language's format, the year in the viewer's era."""
    return format_date_for(value, era=viewer_era(viewer))


@register.filter(expects_localtime=True)
def era_short_date(value, viewer=None) -> str:
    """The short date form (SHORT_DATE_FORMAT), the year in the viewer's era."""
    return format_date_for(value, era=viewer_era(viewer), format_name="SHORT_DATE_FORMAT")
