"""Template filters for dates in the reader's era; each registers a function of
amity.culture.formatting, where the rules live.

{% load culture_format %}
{{ interaction.occurred_at|era_date:user }}       8 มีนาคม 2569, 14:30 for a Buddhist-era reader
{{ interaction.follow_up_on|era_date:user }}      the date alone (DATE_FORMAT)
{{ day|era_short_date:user }}                     SHORT_DATE_FORMAT
"""

from django import template

from amity.culture.formatting import era_date, era_short_date

register = template.Library()

register.filter(era_date, expects_localtime=True)
register.filter(era_short_date, expects_localtime=True)
