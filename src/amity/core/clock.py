"""Amity's one clock: code that asks "what time is it?" for a rule a user sees (who is
working now, which holidays are coming, when a link expires) asks here, so that tests (and a
demo shown on a chosen day) set the time in one place instead of patching each module.

``now()`` is aware UTC; ``today()`` is the date in the active time zone (the viewer's).
"""

from datetime import date, datetime

from django.utils import timezone

_frozen: datetime | None = None


def now() -> datetime:
    """The current moment (aware, UTC), or the moment the clock was set to."""
    return _frozen if _frozen is not None else timezone.now()


def today() -> date:
    """Today in the active time zone (the viewer's), by ``now()``."""
    return timezone.localdate(now())


def clock_set(moment: datetime | None) -> None:
    """Stop the clock at ``moment`` (aware); None lets it run again."""
    global _frozen
    if moment is not None and timezone.is_naive(moment):
        raise ValueError("the clock takes aware datetimes")
    _frozen = moment
