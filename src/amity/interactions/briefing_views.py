"""The printable cultural briefing page of a contact."""

from django.shortcuts import render
from django.utils import timezone, translation

from amity.core.page_access import reader_required
from amity.interactions.briefing import COUNTED_DAYS, RECENT_SHOWN, contact_briefing


@reader_required
def contact_briefing_page(request, contact_id: int):
    """One page to read before a call or meeting; prints on its own."""
    briefing = contact_briefing(
        contact_id,
        now=timezone.now(),
        language=translation.get_language() or "en",
        user=request.user,
    )
    return render(
        request,
        "interactions/briefing.html",
        {
            "briefing": briefing,
            "contact": briefing.contact,
            "recent_shown": RECENT_SHOWN,
            "counted_days": COUNTED_DAYS,
        },
    )
