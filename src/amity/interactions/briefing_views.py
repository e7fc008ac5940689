"""The printable cultural briefing page of a contact."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation

from amity.core.errors import NotFound
from amity.core.permissions import Action, role_allows
from amity.interactions.briefing import COUNTED_DAYS, RECENT_SHOWN, contact_briefing


@login_required
def contact_briefing_page(request, contact_id: int):
    """One page to read before a call or meeting; prints on its own."""
    if not role_allows(request.user.role, Action.VIEW_RECORDS):
        raise Forbidden
    try:
        briefing = contact_briefing(
            contact_id,
            now=timezone.now(),
            language=translation.get_language() or "en",
            user=request.user,
        )
    except NotFound:
        raise Http404 from None
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
