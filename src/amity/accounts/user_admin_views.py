"""Administrators' pages for users: list, create, change role, teams and access."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amity.accounts import security, selectors, services
from amity.accounts.forms import PreferencesForm
from amity.accounts.models import Team, User
from amity.core.errors import DomainError
from amity.core.page_access import action_required
from amity.core.permissions import Action, Role


class UserForm(PreferencesForm):
    display_name = forms.CharField(label=gettext_lazy("Display name"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("Email"), required=False)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)
    teams = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Teams"),
        queryset=Team.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    field_order = ["display_name", "email", "role", "teams", "language", "timezone"]


class NewUserForm(UserForm):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)
    password = forms.CharField(
        label=gettext_lazy("Initial password"), widget=forms.PasswordInput, strip=False
    )
    field_order = ["username", "password", *UserForm.field_order]


def _show_error(form: forms.Form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@action_required(Action.MANAGE_USERS)
def users(request):
    form = NewUserForm(request.POST or None, initial={"role": Role.AGENT, "timezone": "UTC"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_create(
                actor=request.user,
                username=data["username"],
                password=data["password"],
                display_name=data["display_name"],
                email=data["email"],
                role=data["role"],
                language=data["language"],
                timezone_name=data["timezone"],
                teams=list(data["teams"]),
            )
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("User %(name)s created.") % {"name": user})
            return redirect("users")
    return render(
        request, "accounts/users.html", {"form": form, "users": selectors.user_admin_list()}
    )


@action_required(Action.MANAGE_USERS)
def user_edit(request, user_id: int):
    user = get_object_or_404(User, pk=user_id)
    initial = {
        "display_name": user.display_name,
        "email": user.email,
        "role": user.role,
        "teams": list(user.teams.all()),
        "language": user.language,
        "timezone": user.timezone,
    }
    form = UserForm(request.POST or None, initial=initial)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action in ("reset_two_factor", "end_sessions"):
                if action == "reset_two_factor":
                    security.two_factor_reset(actor=request.user, user=user)
                    done = _("Two-factor sign-in for %(name)s was reset.")
                else:
                    security.sessions_end(actor=request.user, user=user)
                    done = _("%(name)s was signed out everywhere.")
                messages.success(request, done % {"name": user})
                return redirect("user_edit", user_id=user.pk)
            if action in ("deactivate", "activate"):
                services.user_update(actor=request.user, user=user, is_active=action == "activate")
                messages.success(request, _("Access for %(name)s changed.") % {"name": user})
                return redirect("users")
            if form.is_valid():
                data = form.cleaned_data
                services.user_update(
                    actor=request.user,
                    user=user,
                    display_name=data["display_name"],
                    email=data["email"],
                    role=data["role"],
                    language=data["language"],
                    timezone_name=data["timezone"],
                    teams=list(data["teams"]),
                )
                messages.success(request, _("User %(name)s saved.") % {"name": user})
                return redirect("users")
        except DomainError as error:
            _show_error(form, error)
    return render(request, "accounts/user_edit.html", {"form": form, "subject": user})
