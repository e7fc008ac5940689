import pytest

from amity.accounts.models import AccountEvent, User
from amity.accounts.services import token_authenticate, token_create
from amity.core.permissions import Role
from factories import TeamFactory

pytestmark = pytest.mark.django_db


def test_only_admins_see_the_users_page(client, admin_user, manager):
    client.force_login(manager)
    assert client.get("/users/").status_code == 403

    client.force_login(admin_user)
    assert client.get("/users/").status_code == 200


def test_admin_creates_a_polish_user_in_a_team(client, admin_user):
    team = TeamFactory(name="Zespół Wsparcia")
    client.force_login(admin_user)

    response = client.post(
        "/users/",
        {
            "username": "zofia",
            "password": "Zażółć-gęślą-jaźń-2026",
            "display_name": "Zofia Wiśniewska",
            "email": "zofia@firma.pl",
            "role": "agent",
            "teams": [team.pk],
            "language": "pl",
            "timezone": "Europe/Warsaw",
        },
    )

    assert response.status_code == 302
    zofia = User.objects.get(username="zofia")
    assert (zofia.display_name, zofia.role, zofia.language) == ("Zofia Wiśniewska", "agent", "pl")
    assert list(zofia.teams.all()) == [team]


def test_admin_changes_role_and_deactivation_revokes_tokens(client, admin_user, agent):
    _token, secret = token_create(user=agent, name="sync")
    client.force_login(admin_user)

    client.post(
        f"/users/{agent.pk}/",
        {
            "display_name": "สมชาย ใจดี",
            "email": "",
            "role": "viewer",
            "language": "th",
            "timezone": "Asia/Bangkok",
        },
    )
    client.post(f"/users/{agent.pk}/", {"action": "deactivate"})

    agent.refresh_from_db()
    assert agent.role == Role.VIEWER
    assert agent.is_active is False
    assert token_authenticate(secret) is None
    assert AccountEvent.objects.filter(type=AccountEvent.Type.USER_UPDATED).count() == 2


def test_admin_cannot_lock_themselves_out(client, admin_user):
    client.force_login(admin_user)

    response = client.post(f"/users/{admin_user.pk}/", {"action": "deactivate"})

    admin_user.refresh_from_db()
    assert admin_user.is_active is True
    assert response.status_code == 200


def test_api_patch_user_role_needs_admin(api_as, admin_user, manager, agent):
    assert api_as(manager).patch(f"/users/{agent.pk}", {"role": "manager"}).status_code == 403

    response = api_as(admin_user).patch(f"/users/{agent.pk}", {"role": "manager"})

    assert response.json()["role"] == "manager"


def test_api_rejects_unknown_team_ids(api_as, admin_user, agent):
    response = api_as(admin_user).patch(f"/users/{agent.pk}", {"team_ids": [999]})

    assert response.status_code == 404
    assert list(agent.teams.all()) == []
