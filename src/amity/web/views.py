"""Pages of the web shell: home, global search and the language switcher. The pages of a
user's account (preferences, API tokens, teams, security) are in ``amity.accounts``."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from amity.accounts import selectors, services
from amity.accounts.models import Team
from amity.core.records import record_kind, searchable_kinds
from amity.people import selectors as people_selectors
from amity.web.forms import LanguageForm


@login_required
def home(request):
    user = request.user
    return render(
        request,
        "web/home.html",
        {
            "now": timezone.now(),
            "my_teams": user.teams.all(),
            "team_count": Team.objects.count(),
            "recent_events": selectors.account_events(limit=8),
        },
    )


@login_required
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = selectors.directory_search(query=query)
    results["records"] = record_hits(query, user=request.user) if query else []
    template = "web/search_results.html" if request.htmx else "web/search.html"
    return render(request, template, {"query": query, **results})


def record_hits(query: str, *, user=None) -> list[dict]:
    """Records of every searchable kind matching the search box that ``user`` may see, with
    the page that shows each."""
    hits = people_selectors.search_hits(query, kinds=searchable_kinds(), limit=20, user=user)
    return [{"hit": hit, "url": record_kind(hit.kind).url(hit.object_id)} for hit in hits]


@require_POST
def set_language(request):
    """The language switcher: saved on the user when signed in, in a cookie always."""
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            services.user_preferences_update(user=request.user, language=language)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax", httponly=True)
    return response
