"""The record visibility policy itself: the scope of each role, what it costs in queries,
the admin-only services that change it, and the settings page under Settings."""

import json

import pytest
from django.core.management import CommandError, call_command

from amity.accounts.models import AccountEvent, RecordVisibility, Team
from amity.accounts.visibility import (
    record_scope,
    team_territories_set,
    visibility_forget,
    visibility_policy_update,
    visible_contacts_q,
)
from amity.core.errors import DomainError
from amity.core.permissions import PermissionDenied
from amity.people.models import Contact
from factories import TeamFactory, make_contact

pytestmark = pytest.mark.django_db
SCOPED = RecordVisibility.Scope.TEAMS
ALL = RecordVisibility.Scope.ALL


@pytest.fixture
def thai_team(admin_user, agent):
    team = TeamFactory(name="TH")
    team_territories_set(actor=admin_user, team=team, territories=["TH", "la"])
    agent.teams.add(team)
    return team


def test_a_scoped_agent_gets_their_id_teams_and_territories_with_two_queries(
    admin_user, agent, thai_team, django_assert_num_queries
):
    visibility_policy_update(actor=admin_user, manager_scope=ALL, agent_scope=SCOPED)
    visibility_forget(agent)

    with django_assert_num_queries(2):  # the policy, the agent's teams
        scope = record_scope(agent)
    with django_assert_num_queries(0):  # kept for the rest of the request
        assert record_scope(agent) is scope

    assert (scope.everything, scope.user_id) == (False, agent.pk)
    assert scope.team_ids == {thai_team.pk}
    assert scope.countries == {"LA", "TH"}


def test_roles_that_see_everything_cost_one_query_and_administrators_none(
    admin_user, manager, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert record_scope(manager).everything
    with django_assert_num_queries(0):
        assert record_scope(admin_user).everything
        assert record_scope(None).everything  # the command line and tasks


def test_the_filter_keeps_owned_team_and_territory_contacts(admin_user, agent, thai_team):
    visibility_policy_update(actor=admin_user, manager_scope=ALL, agent_scope=SCOPED)
    visibility_forget(agent)
    make_contact(given_name="สมศรี", family_name="รักไทย", country="TH")
    make_contact(given_name="ສົມພອນ", family_name="ວົງສາ", country="LA")
    make_contact(given_name="Jan", family_name="Nowak", country="PL", owner_id=agent.pk)
    make_contact(given_name="Ewa", family_name="Zielińska", country="PL", team_id=thai_team.pk)
    make_contact(given_name="Piotr", family_name="Kowalski", country="PL")

    seen = Contact.objects.filter(visible_contacts_q(agent))

    assert {c.full_name for c in seen} == {
        "Ewa Zielińska",  # the team's
        "Jan Nowak",  # the agent's own
        "ສົມພອນ ວົງສາ",  # territory LA
        "สมศรี รักไทย",  # territory TH
    }


def test_only_administrators_change_the_policy_and_a_refusal_changes_nothing(admin_user, manager):
    with pytest.raises(PermissionDenied):
        visibility_policy_update(actor=manager, manager_scope=ALL, agent_scope=ALL)
    with pytest.raises(DomainError) as refused:
        visibility_policy_update(actor=admin_user, manager_scope="mine", agent_scope=ALL)

    assert refused.value.field == "manager_scope"
    assert not RecordVisibility.objects.exists()
    policy = visibility_policy_update(actor=admin_user, manager_scope=SCOPED, agent_scope=SCOPED)
    assert (policy.pk, policy.manager_scope, policy.agent_scope) == (1, "teams", "teams")
    event = AccountEvent.objects.filter(type=AccountEvent.Type.VISIBILITY_CHANGED).get()
    assert event.data == {"manager_scope": "teams", "agent_scope": "teams"}


def test_an_unknown_territory_is_refused_by_name_and_the_team_keeps_its_own(
    admin_user, manager, thai_team
):
    with pytest.raises(DomainError) as refused:
        team_territories_set(actor=admin_user, team=thai_team, territories=["PL", "XX"])
    with pytest.raises(PermissionDenied):  # territories widen what people see: admins only
        team_territories_set(actor=manager, team=thai_team, territories=["PL"])

    assert refused.value.message == "XX is not an ISO country code (for example TH or PL)."
    assert Team.objects.get(pk=thai_team.pk).territories == ["LA", "TH"]


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def test_the_settings_page_is_for_administrators_only(signed_in, manager, agent):
    assert signed_in(manager).get("/settings/visibility/").status_code == 403
    assert (
        signed_in(agent).post("/settings/visibility/", {"manager_scope": "all"}).status_code == 403
    )
    assert not RecordVisibility.objects.exists()


def test_an_administrator_restricts_agents_and_sets_territories_on_the_page(
    signed_in, admin_user, thai_team
):
    client = signed_in(admin_user)
    page = client.get("/settings/visibility/").content.decode()
    assert 'value="LA, TH"' in page
    assert "Record visibility" in page

    saved = client.post(
        "/settings/visibility/", {"manager_scope": "all", "agent_scope": "teams"}, follow=True
    )
    client.post(f"/settings/visibility/teams/{thai_team.pk}/", {"territories": "th, mm"})
    refused = client.post(
        f"/settings/visibility/teams/{thai_team.pk}/", {"territories": "TH, ZZ"}, follow=True
    )

    assert "Record visibility saved." in saved.content.decode()
    policy = RecordVisibility.objects.get()
    assert (policy.manager_scope, policy.agent_scope) == ("all", "teams")
    assert "ZZ is not an ISO country code (for example TH or PL)." in refused.content.decode()
    assert Team.objects.get(pk=thai_team.pk).territories == ["MM", "TH"]


def test_the_settings_page_speaks_polish(signed_in, admin_user):
    admin_user.language = "pl"
    admin_user.save()
    client = signed_in(admin_user)

    response = client.get("/settings/visibility/", HTTP_ACCEPT_LANGUAGE="pl")

    assert response.status_code == 200
    assert 'lang="pl"' in response.content.decode()


def _put(api, path: str, body: dict):
    return api.client.put(f"/api/v1{path}", data=body, content_type="application/json")


def test_the_api_reads_and_changes_the_policy_and_territories(api_as, admin_user):
    api = api_as(admin_user)
    team = TeamFactory(name="ไทย")

    assert api.get("/visibility").json() == {"manager_scope": "all", "agent_scope": "all"}
    changed = _put(api, "/visibility", {"manager_scope": "all", "agent_scope": "teams"})
    territories = _put(api, f"/teams/{team.pk}/territories", {"territories": ["th", "LA"]})

    assert changed.json() == {"manager_scope": "all", "agent_scope": "teams"}
    assert territories.json() == {"id": team.pk, "name": "ไทย", "territories": ["LA", "TH"]}


def test_the_api_refuses_bad_input_and_non_administrators_changing_nothing(
    api_as, admin_user, manager
):
    team = TeamFactory(name="PL")
    admin = api_as(admin_user)

    unknown_scope = _put(admin, "/visibility", {"manager_scope": "mine", "agent_scope": "all"})
    unknown_country = _put(admin, f"/teams/{team.pk}/territories", {"territories": ["PL", "QQ"]})
    no_team = _put(admin, "/teams/999999/territories", {"territories": ["PL"]})
    by_manager = _put(
        api_as(manager), "/visibility", {"manager_scope": "all", "agent_scope": "all"}
    )

    assert unknown_scope.status_code == 422
    assert unknown_country.status_code == 422
    assert unknown_country.json()["detail"] == (
        "QQ is not an ISO country code (for example TH or PL)."
    )
    assert unknown_country.json()["field"] == "territories"
    assert no_team.status_code == 404
    assert by_manager.status_code == 403
    assert api_as(manager).get("/visibility").status_code == 403
    assert not RecordVisibility.objects.exists()
    assert Team.objects.get(pk=team.pk).territories == []


def test_the_command_line_restricts_agents_and_sets_a_teams_territories(capsys):
    TeamFactory(name="ไทย")

    call_command(
        "visibility", "--agents", "teams", "--team", "ไทย", "--territories", "th, la", "--json"
    )

    assert json.loads(capsys.readouterr().out) == {
        "manager_scope": "all",
        "agent_scope": "teams",
        "territories": {"ไทย": ["LA", "TH"]},
    }


def test_the_command_line_refuses_an_unknown_country_before_changing_anything():
    team = TeamFactory(name="PL")

    with pytest.raises(CommandError, match="QQ is not an ISO country code"):
        call_command("visibility", "--agents", "teams", "--team", "PL", "--territories", "PL,QQ")

    assert not RecordVisibility.objects.exists()
    assert Team.objects.get(pk=team.pk).territories == []
