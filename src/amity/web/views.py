"""Pages of the web shell: home, global search, preferences, API tokens and teams."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amity.accounts import selectors, services
from amity.accounts.models import Team
from amity.core.errors import DomainError
from amity.core.permissions import Action, PermissionDenied, require
from amity.core.records import record_kind, searchable_kinds
from amity.people import selectors as people_selectors
from amity.web.forms import LanguageForm, PreferencesForm, TeamForm, TokenForm


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


@login_required
def preferences(request):
    user = request.user
    form = PreferencesForm(
        request.POST or None,
        initial={
            "language": user.language,
            "timezone": user.timezone,
            "calendar_era": user.calendar_era,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.user_preferences_update(
            user=user,
            language=form.cleaned_data["language"],
            timezone_name=form.cleaned_data["timezone"],
            calendar_era=form.cleaned_data["calendar_era"] or None,
        )
        messages.success(request, _("Your preferences were saved."))
        response = redirect("preferences")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax", httponly=True
        )
        return response
    return render(request, "web/preferences.html", {"form": form})


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


@login_required
def tokens(request):
    form = TokenForm(request.POST or None, role=request.user.role)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_secret = services.token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else "name", error.message)
        else:
            form = TokenForm(role=request.user.role)
    return render(
        request,
        "web/tokens.html",
        {
            "form": form,
            "new_secret": new_secret,
            "tokens": selectors.token_list(user=request.user),
        },
    )


@login_required
@require_POST
def token_revoke(request, token_id: int):
    try:
        token = services.token_revoke(actor=request.user, token_id=token_id)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("tokens")


@login_required
def teams(request):
    form = TeamForm(request.POST or None)
    if request.method == "POST":
        try:
            require(request.user, Action.MANAGE_TEAMS)
        except PermissionDenied:
            messages.error(request, _("Only managers and administrators can create teams."))
            return redirect("teams")
        if form.is_valid():
            try:
                team = services.team_create(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Team “%(name)s” created.") % {"name": team.name})
                return redirect("teams")
    return render(request, "web/teams.html", {"form": form, "teams": selectors.team_list()})


@login_required
def team_detail(request, team_id: int):
    team = get_object_or_404(selectors.team_list(), pk=team_id)
    return render(
        request,
        "web/team_detail.html",
        {"team": team, "members": team.members.order_by("username")},
    )
