"""The segment rule this app contributes, "interactions", in plain words: how many
interactions, optionally on one channel, in how many days (its value is an activity,
``people.segment_values``)."""

from typing import Any

from django.utils.translation import ngettext

from amity.people.models import Channel
from amity.people.segment_values import DEFAULT_COUNT, DEFAULT_DAYS
from amity.people.segment_words import number_in_words


def interactions_rule_in_words(op: str, value: Any) -> str:
    """The rule as a sentence: "At least 3 interactions by Phone in the last 90 days"."""
    count = int(value.get("count", DEFAULT_COUNT))
    parts = {
        "count": number_in_words(count),
        "days": number_in_words(int(value.get("days", DEFAULT_DAYS))),
        "channel": str(dict(Channel.choices).get(value.get("channel"), value.get("channel"))),
    }
    if op == "fewer_than" and value.get("channel"):
        template = ngettext(
            "Fewer than %(count)s interaction by %(channel)s in the last %(days)s days",
            "Fewer than %(count)s interactions by %(channel)s in the last %(days)s days",
            count,
        )
    elif op == "fewer_than":
        template = ngettext(
            "Fewer than %(count)s interaction in the last %(days)s days",
            "Fewer than %(count)s interactions in the last %(days)s days",
            count,
        )
    elif value.get("channel"):
        template = ngettext(
            "At least %(count)s interaction by %(channel)s in the last %(days)s days",
            "At least %(count)s interactions by %(channel)s in the last %(days)s days",
            count,
        )
    else:
        template = ngettext(
            "At least %(count)s interaction in the last %(days)s days",
            "At least %(count)s interactions in the last %(days)s days",
            count,
        )
    return template % parts
