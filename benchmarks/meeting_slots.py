"""Meeting slots for 5 participants in 5 zones over the next 30 days (issue 4's target: under
200 ms).

    python benchmarks/meeting_slots.py [--runs 20] [--days 30]

Bangkok, Warsaw, Tokyo, São Paulo and New York never share office hours, so the search looks
at every candidate and ranks the compromises: the worst case. The first run starts with cold
caches (holiday tables computed by the holidays package) and is reported on its own; the
median and p95 are over the warm runs. The baseline walks the same candidate slots and only
converts each to every participant's zone, without any calendar check, in the same process.
The company's office-hour settings are pinned in memory so no database is needed.
"""

import argparse
import json
import os
import statistics
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amity.settings")

import django

django.setup()

from amity.culture import calendars  # noqa: E402
from amity.culture.meetings import STEP, meeting_participant, meeting_slots  # noqa: E402
from amity.culture.selectors import (  # noqa: E402
    CompanyCalendarSettings,
    forget_company_calendar_settings,
)

PEOPLE = [
    ("contact:1", "สมชาย ใจดี", "Asia/Bangkok", "TH"),
    ("contact:2", "Anna Nowak", "Europe/Warsaw", "PL"),
    ("contact:3", "山田 太郎", "Asia/Tokyo", "JP"),
    ("contact:4", "Ana Souza", "America/Sao_Paulo", "BR"),
    ("user:1", "John Miller", "America/New_York", "US"),
]
AFTER = datetime(2026, 10, 19, 7, 13, tzinfo=UTC)  # spans both autumn DST changes
DURATION = 60


def _clear_caches() -> None:
    # Fails loudly if either stops being cached (a lost @cache once went unnoticed here).
    calendars.holiday_names.cache_clear()
    calendars._closed_by_holidays.cache_clear()


def _search(days: int):
    participants = [
        meeting_participant(key=key, name=name, zone=zone, country=country)
        for key, name, zone, country in PEOPLE
    ]
    return meeting_slots(participants, after=AFTER, days=days, duration_minutes=DURATION)


def _baseline(days: int) -> int:
    """The same candidates, each seen in every zone, no calendar: the floor of any search."""
    zones = [ZoneInfo(zone) for _key, _name, zone, _country in PEOPLE]
    duration = timedelta(minutes=DURATION)
    start = AFTER.replace(minute=30, second=0, microsecond=0)
    horizon = AFTER + timedelta(days=days)
    seen = 0
    while start + duration <= horizon:
        for zone in zones:
            start.astimezone(zone)
            (start + duration).astimezone(zone)
            seen += 1
        start += STEP
    return seen


def _timed(function, *args) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument(
        "--preload",
        action="store_true",
        help="load the calendar data first, as the server does at start (wsgi.py)",
    )
    options = parser.parse_args()
    forget_company_calendar_settings(replacement=CompanyCalendarSettings(hours={}, closures=()))
    _clear_caches()
    if options.preload:
        calendars.calendar_data_preload()
    cold, search = _timed(_search, options.days)
    warm = sorted(_timed(_search, options.days)[0] for _ in range(options.runs))
    baseline = sorted(_timed(_baseline, options.days)[0] for _ in range(options.runs))
    median = statistics.median(warm)
    p95 = warm[min(len(warm) - 1, round(0.95 * (len(warm) - 1)))]
    base = statistics.median(baseline)
    print(
        json.dumps(
            {
                "name": "meeting_slots",
                "n": options.runs,
                "participants": len(PEOPLE),
                "days": options.days,
                "candidates": _baseline(options.days) // len(PEOPLE),
                "slots": len(search.slots),
                "inside_everyone": search.inside_everyone,
                "seconds": round(median, 4),
                "p95_seconds": round(p95, 4),
                "cold_seconds": round(cold, 4),
                "preloaded": options.preload,
                "baseline_seconds": round(base, 4),
                "ratio": round(median / base, 1) if base else None,
                "target_seconds": 0.2,
            }
        )
    )


if __name__ == "__main__":
    main()
