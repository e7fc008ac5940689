"""Template filters and tags for people's data as a reader expects to see it; each registers a
function of amity.people.formatting, where the rules live.

    {% load people_format %}
    {{ phone.number|phone_national:contact.country }}   081 234 5678 (Thai number, Thai contact)
    {{ phone.number|phone_international }}              +66 81 234 5678
    {{ contact.country|country_name }}                  ไทย for a Thai reader
    {% local_time contact.country contact.timezone as there %}
    {{ there.moment|time:"TIME_FORMAT" }} {{ there.state }} {{ there.reason }}
    {% zone_local_time member.timezone as there %}      a colleague's time (users have a zone only)
"""

from django import template

from amity.culture.local_time import LocalTime
from amity.people.formatting import (
    country_name,
    in_zone,
    language_name,
    local_time_at,
    minutes,
    phone_international,
    phone_national,
    phone_uri,
    zone_local_time,
)

register = template.Library()

register.filter(phone_national)
register.filter(phone_international)
register.filter(phone_uri)
register.filter(country_name)
register.filter(language_name)
register.filter(minutes)
register.filter(in_zone)
register.simple_tag(zone_local_time)


@register.simple_tag
def local_time(country: str, zone: str, subdivision: str = "") -> LocalTime | None:
    """``{% local_time contact.country contact.timezone as there %}``; an organization adds
    its subdivision: ``{% local_time org.country "" org.subdivision as there %}``."""
    return local_time_at(country, zone, subdivision=subdivision)
