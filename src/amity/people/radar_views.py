"""Pages of the holiday radar: the full list for the next N days, and the short summary the
home page loads into its panel. Thin: see people.holiday_radar."""

from django.shortcuts import render
from django.utils import translation

from amity.core import clock
from amity.core.errors import DomainError
from amity.core.page_access import reader_required
from amity.people.holiday_radar import DEFAULT_DAYS, MAX_DAYS, holiday_radar, radar_days

SUMMARY_ENTRIES = 5


def _radar(days: int):
    language = translation.get_language() or "en"
    return holiday_radar(start=clock.today(), days=days, language=language)


@reader_required
def radar_page(request):
    error = ""
    asked = request.GET.get("days", "").strip()
    try:
        days = radar_days(asked) if asked else DEFAULT_DAYS
    except DomainError as problem:
        error, days = problem.message, DEFAULT_DAYS
    return render(
        request,
        "people/holiday_radar.html",
        {
            "entries": _radar(days),
            "days": days,
            "asked": asked or days,
            "max_days": MAX_DAYS,
            "error": error,
        },
    )


@reader_required
def radar_summary(request):
    """The home page panel's contents (loaded by HTMX, so the home page stays quick)."""
    entries = _radar(DEFAULT_DAYS)
    return render(
        request,
        "people/holiday_radar_summary.html",
        {
            "entries": entries[:SUMMARY_ENTRIES],
            "more": max(len(entries) - SUMMARY_ENTRIES, 0),
            "days": DEFAULT_DAYS,
        },
    )
