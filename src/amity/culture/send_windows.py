"""When it is acceptable to reach someone: the one function every outreach feature asks.

A send window is a working day of the person's calendar (not a weekend, not a public holiday
where they live) and a local time inside the window the channel allows. Quiet hours are
simply the complement of the window: a phone call at 21:00 or an SMS at 07:00 their time is
never proposed.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time

from amity.culture.calendars import BusinessCalendar

# Local windows per channel: calls and messages during office hours, email a bit wider
# (it waits in the inbox), never at night.
CHANNEL_WINDOWS: dict[str, tuple[time, time]] = {
    "email": (time(8), time(18)),
    "phone": (time(9, 30), time(17)),
    "video": (time(9), time(17)),
    "sms": (time(10), time(18)),
    "chat": (time(9), time(18)),
    "post": (time(0), time(23, 59)),
}
DEFAULT_WINDOW = (time(9), time(17))


@dataclass(frozen=True)
class Recipient:
    key: object  # the caller's id for this person
    country: str
    zone: str
    subdivision: str | None = None


def window_for(channel: str) -> tuple[time, time]:
    return CHANNEL_WINDOWS.get(channel, DEFAULT_WINDOW)


def next_send_window(
    *,
    country: str,
    zone: str,
    after: datetime,
    channel: str = "email",
    subdivision: str | None = None,
    window: tuple[time, time] | None = None,
) -> datetime:
    """The first moment at or after ``after`` when a person may be contacted on ``channel``."""
    opens, closes = window or window_for(channel)
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
