"""When it is acceptable to reach someone: the one function every outreach feature asks.

A send window is a working day of the person's calendar (not a weekend, not a public holiday
where they live) and a local time inside the window the channel allows, minus the quiet
hours: a phone call at 21:00 or an SMS at 07:00 their time is never proposed.

The windows are local times. ``CHANNEL_WINDOWS`` and ``QUIET_HOURS`` below are the defaults;
a deployment changes them with the Django settings ``AMITY_SEND_WINDOWS`` (a dict channel ->
("HH:MM", "HH:MM")) and ``AMITY_QUIET_HOURS`` (("HH:MM", "HH:MM"), may cross midnight).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.utils.translation import gettext as _

from amity.culture.calendars import BusinessCalendar
from amity.culture.local_time import zone_info

# Local windows per channel: calls and messages during office hours, email a bit wider
# (it waits in the inbox), a letter any time of the day (quiet hours still apply).
CHANNEL_WINDOWS: dict[str, tuple[time, time]] = {
    "email": (time(8), time(18)),
    "phone": (time(9, 30), time(17)),
    "video": (time(9), time(17)),
    "sms": (time(10), time(18)),
    "chat": (time(9), time(18)),
    "post": (time(0), time(23, 59)),
}
# Nobody is reached between these local times, whatever a channel's window says.
QUIET_HOURS: tuple[time, time] = (time(21), time(8))


class SendWindowError(ValueError):
    """A channel or a configured window that cannot be used (the message says why)."""


@dataclass(frozen=True)
class Recipient:
    key: object  # the caller's id for this person
    country: str
    zone: str
    subdivision: str | None = None


def _as_time(value: time | str) -> time:
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(value)
    except (TypeError, ValueError):
        raise SendWindowError(
            _("%(value)s is not a time of day (HH:MM).") % {"value": value}
        ) from None


def channel_windows() -> dict[str, tuple[time, time]]:
    """Every channel's local window: the defaults, overridden by ``AMITY_SEND_WINDOWS``."""
    windows = dict(CHANNEL_WINDOWS)
    for channel, (opens, closes) in getattr(settings, "AMITY_SEND_WINDOWS", {}).items():
        windows[channel] = (_as_time(opens), _as_time(closes))
    return windows


def quiet_hours() -> tuple[time, time]:
    """The local quiet hours (start, end): ``AMITY_QUIET_HOURS`` or ``QUIET_HOURS``."""
    start, end = getattr(settings, "AMITY_QUIET_HOURS", QUIET_HOURS)
    return _as_time(start), _as_time(end)


def window_for(channel: str) -> tuple[time, time]:
    """The local window a channel may be used in, quiet hours taken out; SendWindowError for
    an unknown channel or a window the quiet hours leave empty."""
    windows = channel_windows()
    if channel not in windows:
        raise SendWindowError(
            _("%(channel)s is not a channel; use one of: %(channels)s.")
            % {"channel": channel, "channels": ", ".join(sorted(windows))}
        )
    return _without_quiet_hours(*windows[channel], channel=channel)


def _without_quiet_hours(opens: time, closes: time, *, channel: str) -> tuple[time, time]:
    quiet_start, quiet_end = quiet_hours()
    if quiet_start > quiet_end:  # the usual case: quiet from the evening to the morning
        opens, closes = max(opens, quiet_end), min(closes, quiet_start)
    elif quiet_start < quiet_end:  # quiet inside the day (a siesta): keep the longer side
        before = (opens, min(closes, quiet_start))
        after = (max(opens, quiet_end), closes)
        opens, closes = max(before, after, key=_window_length)
    if opens >= closes:
        raise SendWindowError(
            _("The quiet hours leave no time to use %(channel)s.") % {"channel": channel}
        )
    return opens, closes


def _window_length(window: tuple[time, time]) -> int:
    opens, closes = window
    return (closes.hour * 60 + closes.minute) - (opens.hour * 60 + opens.minute)


def next_send_window(
    *,
    country: str,
    zone: str,
    after: datetime,
    channel: str = "email",
    subdivision: str | None = None,
    window: tuple[time, time] | None = None,
) -> datetime:
    """The first moment at or after ``after`` when a person in ``country`` (and
    ``subdivision``) living in ``zone`` may be contacted on ``channel``: a working day there
    (no weekend, no public holiday), inside the channel's local window and outside quiet
    hours. Aware, in the person's zone. ``window`` replaces the channel's window."""
    if window is None:
        opens, closes = window_for(channel)
    else:
        opens, closes = _without_quiet_hours(*window, channel=channel)
    zone_info(zone)  # keeps the zone cached for the calendar's own ZoneInfo(zone)
    calendar = BusinessCalendar.for_country(country, subdivision=subdivision, zone=zone)
    return calendar.with_hours(opens, closes).next_working_moment(after)


def next_send_windows(
    recipients: Iterable[Recipient],
    *,
    after: datetime,
    channel: str = "email",
    window: tuple[time, time] | None = None,
) -> dict[object, datetime]:
    """The batch form: people who share a country, subdivision and zone share an answer, so a
    million recipients cost a few hundred calendar computations."""
    if window is None:
        window = window_for(channel)  # checked once, not per recipient
    answers: dict[tuple, datetime] = {}
    result: dict[object, datetime] = {}
    for recipient in recipients:
        group = (recipient.country, recipient.subdivision, recipient.zone)
        moment = answers.get(group)
        if moment is None:
            moment = answers[group] = next_send_window(
                country=recipient.country,
                zone=recipient.zone,
                subdivision=recipient.subdivision,
                after=after,
                channel=channel,
                window=window,
            )
        result[recipient.key] = moment
    return result
