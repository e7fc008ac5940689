"""GET/PUT /visibility and PUT /teams/{id}/territories: the record visibility policy for
administrators (see ``amity.accounts.visibility``)."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from amity.accounts.models import RecordVisibility, Team
from amity.accounts.visibility import (
    team_territories_set,
    visibility_policy,
    visibility_policy_update,
)
from amity.core.api_schemas import InputSchema
from amity.core.errors import NotFound
from amity.core.permissions import Action, require

router = Router(tags=["visibility"])

SCOPE_HELP = "all (every record) or teams (own records, teams' records, teams' territories)."


class VisibilityOut(Schema):
    manager_scope: str = Field(description=SCOPE_HELP)
    agent_scope: str = Field(description="What agents and viewers see: " + SCOPE_HELP)


class VisibilityIn(InputSchema):
    manager_scope: RecordVisibility.Scope = Field(description=SCOPE_HELP)
    agent_scope: RecordVisibility.Scope = Field(
        description="What agents and viewers see: " + SCOPE_HELP
    )


class TerritoriesIn(InputSchema):
    territories: list[str] = Field(max_length=300, description="ISO 3166-1 codes, e.g. TH, PL.")


class TerritoriesOut(Schema):
    id: int
    name: str
    territories: list[str]


@router.get("/visibility", response=VisibilityOut)
def visibility_get(request: HttpRequest):
    """What managers, agents and viewers see (administrators always see every record)."""
    require(request.auth, Action.MANAGE_SETTINGS)
    return visibility_policy()


@router.put("/visibility", response=VisibilityOut)
def visibility_put(request: HttpRequest, payload: VisibilityIn):
    """Choose what managers, and agents with viewers, see."""
    return visibility_policy_update(
        actor=request.auth,
        manager_scope=payload.manager_scope,
        agent_scope=payload.agent_scope,
    )


@router.put("/teams/{int:team_id}/territories", response=TerritoriesOut)
def team_territories_put(request: HttpRequest, team_id: int, payload: TerritoriesIn):
    """Set the countries whose records the team's members see under a restricted policy."""
    require(request.auth, Action.MANAGE_SETTINGS)
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise NotFound(_("No team has the id %(id)s.") % {"id": team_id})
    return team_territories_set(actor=request.auth, team=team, territories=payload.territories)
