"""Settings > Record visibility: what each role sees, and each team's territories (admins)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amity.accounts.models import RecordVisibility, Team
from amity.accounts.visibility import (
    team_territories_set,
    visibility_policy,
    visibility_policy_update,
)
from amity.core.errors import DomainError
from amity.core.page_access import action_required
from amity.core.permissions import Action


class VisibilityForm(forms.Form):
    manager_scope = forms.ChoiceField(
        label=gettext_lazy("Managers see"),
        choices=RecordVisibility.Scope.choices,
        widget=forms.RadioSelect,
    )
    agent_scope = forms.ChoiceField(
        label=gettext_lazy("Agents and viewers see"),
        choices=RecordVisibility.Scope.choices,
        widget=forms.RadioSelect,
    )


class TerritoriesForm(forms.Form):
    territories = forms.CharField(
        label=gettext_lazy("Territories"),
        required=False,
        max_length=1000,
        help_text=gettext_lazy("Country codes separated by commas, for example TH, LA."),
    )

    def codes(self) -> list[str]:
        text = self.cleaned_data["territories"].replace(";", ",").replace(" ", ",")
        return [code for code in text.split(",") if code.strip()]


@action_required(Action.MANAGE_SETTINGS)
def visibility_settings(request):
    """The policy form, and one territories form per team."""
    policy = visibility_policy()
    form = VisibilityForm(
        request.POST or None,
        initial={"manager_scope": policy.manager_scope, "agent_scope": policy.agent_scope},
    )
    if request.method == "POST" and form.is_valid():
        try:
            visibility_policy_update(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Record visibility saved."))
            return redirect("visibility_settings")
    teams = [
        (
            team,
            TerritoriesForm(
                auto_id=f"id_team{team.pk}_%s",
                initial={"territories": ", ".join(team.territories or [])},
            ),
        )
        for team in Team.objects.order_by("name")
    ]
    return render(request, "accounts/visibility.html", {"form": form, "teams": teams})


@action_required(Action.MANAGE_SETTINGS)
def team_territories(request, team_id: int):
    """Save one team's territories (POST from the visibility settings page)."""
    if request.method != "POST":
        return redirect("visibility_settings")
    team = get_object_or_404(Team, pk=team_id)
    form = TerritoriesForm(request.POST)
    if form.is_valid():
        try:
            team_territories_set(actor=request.user, team=team, territories=form.codes())
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Territories of “%(team)s” saved.") % {"team": team.name})
    else:
        messages.error(request, _("The territories could not be read."))
    return redirect("visibility_settings")
