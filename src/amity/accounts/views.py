"""Pages of a user's account: preferences, API tokens and teams. Signing in and the Security
page are in ``sign_in_views``, the administrators' pages in ``user_admin_views`` and
``visibility_views``."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amity.accounts import selectors, services
from amity.accounts.forms import PreferencesForm, TeamForm, TokenForm
from amity.core.errors import DomainError
from amity.core.permissions import Action, PermissionDenied, require


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
    return render(request, "accounts/preferences.html", {"form": form})


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
        "accounts/tokens.html",
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
    return render(request, "accounts/teams.html", {"form": form, "teams": selectors.team_list()})


@login_required
def team_detail(request, team_id: int):
    team = get_object_or_404(selectors.team_list(), pk=team_id)
    return render(
        request,
        "accounts/team_detail.html",
        {"team": team, "members": team.members.order_by("username")},
    )
