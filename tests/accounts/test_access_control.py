"""API token scopes, API token throttling and "who has access to a record"."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from amity.accounts import services, visibility
from amity.accounts.models import AccountEvent, ApiToken, SignInFailure
from amity.core.errors import DomainError
from factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def in_language(language: str, text: str, **words) -> str:
    """A message as a reader of ``language`` gets it."""
    with translation.override(language):
        return gettext(text) % words if words else gettext(text)


def _bearer(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_default_scopes_follow_the_role(admin_user, manager, agent, viewer):
    assert services.token_create(user=admin_user, name="a")[0].scopes == ["read", "write", "admin"]
    assert services.token_create(user=manager, name="m")[0].scopes == ["read", "write", "admin"]
    assert services.token_create(user=agent, name="g")[0].scopes == ["read", "write"]
    assert services.token_create(user=viewer, name="v")[0].scopes == ["read"]


def test_a_token_cannot_get_a_scope_its_role_lacks(viewer):
    with pytest.raises(DomainError) as error:
        services.token_create(user=viewer, name="skrypt", scopes=["read", "write"])
    assert error.value.message == "Your role cannot give a token the write scope."
    with pytest.raises(DomainError) as error:
        services.token_create(user=viewer, name="skrypt", scopes=["delete"])
    assert error.value.message == "delete is not a token scope; use read, write or admin."
    assert not ApiToken.objects.exists()


def test_read_only_token_reads_but_cannot_write(agent):
    _token, secret = services.token_create(user=agent, name="รายงาน", scopes=["read"])
    client = _bearer(secret)

    assert client.get("/api/v1/contacts").status_code == 200
    response = client.post(
        "/api/v1/contacts",
        {"given_name": "สมหญิง", "family_name": "รักไทย"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert response.json() == {
        "detail": in_language(
            "th",  # the agent reads Thai
            "This API token lacks the %(scope)s scope needed for this action (%(action)s).",
            scope="write",
            action="records.write",
        ),
        "code": "insufficient_scope",
        "scope": "write",
    }
    assert client.get("/api/v1/contacts").json()["items"] == []


def test_write_only_token_cannot_read(agent):
    _token, secret = services.token_create(user=agent, name="import", scopes=["write"])
    client = _bearer(secret)

    created = client.post(
        "/api/v1/contacts",
        {"given_name": "Zofia", "family_name": "Łukasiewicz"},
        content_type="application/json",
    )
    listed = client.get("/api/v1/contacts")

    assert created.status_code == 201
    assert listed.status_code == 403
    assert listed.json()["code"] == "insufficient_scope"


def test_scope_never_exceeds_the_role(viewer):
    # An old-style token given every scope still cannot do what the role forbids.
    token, secret = services.token_create(user=viewer, name="x")
    ApiToken.objects.filter(pk=token.pk).update(scopes=["read", "write", "admin"])

    response = _bearer(secret).post(
        "/api/v1/contacts", {"given_name": "Ali"}, content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_token_cannot_mint_a_stronger_token(agent, api_as):
    _token, secret = services.token_create(user=agent, name="ro", scopes=["read"])
    client = _bearer(secret)

    stronger = client.post(
        "/api/v1/tokens", {"name": "rw", "scopes": ["write"]}, content_type="application/json"
    )
    same = client.post("/api/v1/tokens", {"name": "ro2"}, content_type="application/json")

    assert stronger.status_code == 403
    assert stronger.json()["code"] == "insufficient_scope"
    assert same.status_code == 201
    assert same.json()["scopes"] == ["read"]


def test_session_callers_are_not_limited_by_scopes(agent, client):
    client.force_login(agent)
    response = client.post(
        "/api/v1/contacts", {"given_name": "Hiroshi"}, content_type="application/json"
    )
    assert response.status_code == 201


def test_createtoken_command_takes_scopes(agent, capsys):
    call_command("createtoken", "somchai", "--name", "nightly", "--scope", "read", "--json")
    out = capsys.readouterr().out
    token = ApiToken.objects.get(name="nightly")
    assert token.scopes == ["read"]
    assert '"scopes": ["read"], "secret": "amt_' in out


def test_bad_tokens_from_one_address_are_refused_then_allowed_after_the_window(agent, settings):
    settings.AMITY_SIGNIN_MAX_FAILURES = 3
    _token, good = services.token_create(user=agent, name="ok")
    bad = _bearer("amt_not-a-real-token")

    codes = [bad.get("/api/v1/me").status_code for _ in range(4)]
    refused = bad.get("/api/v1/me")

    assert codes == [401, 401, 429, 429]
    assert refused.json()["code"] == "too_many_attempts"
    assert re.fullmatch(
        r"Too many invalid API tokens from your address\. Try again in (899|900) seconds\.",
        refused.json()["detail"],
    )
    # A valid token still works from the same address.
    assert _bearer(good).get("/api/v1/me").status_code == 200
    assert AccountEvent.objects.filter(type="token.auth_locked", subject="127.0.0.1").count() == 1
    # Fifteen minutes pass: the failures leave the window.
    SignInFailure.objects.update(created_at=timezone.now() - timedelta(minutes=16))
    assert bad.get("/api/v1/me").status_code == 401


def _contact(api_client, **data) -> int:
    response = api_client.post("/contacts", data)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_access_list_by_role_with_owner_and_team(admin_user, manager, agent, viewer, api_as):
    team = TeamFactory(name="ทีมกรุงเทพ")
    agent.teams.add(team)
    UserFactory(username="gone", is_active=False)
    admin = api_as(admin_user)
    contact_id = _contact(
        admin, given_name="สมหญิง", family_name="รักไทย", owner_id=manager.pk, team_id=team.pk
    )

    response = admin.get(f"/contacts/{contact_id}/access")

    assert response.status_code == 200
    assert [
        (u["username"], u["can_read"], u["can_write"], u["is_owner"], u["in_team"])
        for u in response.json()
    ] == [
        ("agnieszka", True, True, True, False),
        ("layla", True, False, False, False),
        ("oliver", True, True, False, False),
        ("somchai", True, True, False, True),
    ]


def test_access_list_follows_record_visibility(admin_user, manager, agent, viewer, api_as):
    team = TeamFactory(name="Zespół Kraków")
    agent.teams.add(team)
    territory = TeamFactory(name="ทีมภาคเหนือ")
    viewer.teams.add(territory)
    visibility.team_territories_set(actor=admin_user, team=territory, territories=["TH"])
    visibility.visibility_policy_update(
        actor=admin_user, manager_scope="teams", agent_scope="teams"
    )
    admin = api_as(admin_user)
    in_thailand = _contact(admin, given_name="สมหญิง", family_name="รักไทย", country="TH")
    teams_contact = _contact(admin, given_name="Zofia", family_name="Nowak", team_id=team.pk)

    thai = admin.get(f"/contacts/{in_thailand}/access").json()
    polish = admin.get(f"/contacts/{teams_contact}/access").json()

    assert [(u["username"], u["in_territory"]) for u in thai] == [
        ("layla", True),
        ("oliver", False),
    ]
    assert [(u["username"], u["in_team"]) for u in polish] == [
        ("oliver", False),
        ("somchai", True),
    ]


def test_access_list_is_for_administrators_only(admin_user, manager, api_as):
    contact_id = _contact(api_as(admin_user), given_name="Jan", family_name="Kowalski")

    assert api_as(manager).get(f"/contacts/{contact_id}/access").status_code == 403
    missing = api_as(admin_user).get("/contacts/999999/access")
    assert missing.status_code == 404


def test_access_list_query_count(admin_user, api_as, django_assert_num_queries):
    for n in range(5):
        UserFactory(username=f"user{n}")
    admin = api_as(admin_user)
    contact_id = _contact(admin, given_name="Yui", family_name="Tanaka")
    admin.get("/me")  # the token's last-used time is now fresh
    with django_assert_num_queries(5):  # token, contact, visibility policy, users, their teams
        assert len(admin.get(f"/contacts/{contact_id}/access").json()) == 6


def test_access_panel_on_contact_page_for_admins(admin_user, agent, api_as, client):
    contact_id = _contact(api_as(admin_user), given_name="Layla", family_name="Al-Harbi")
    client.force_login(admin_user)

    page = client.get(f"/contacts/{contact_id}/").content.decode()
    panel = client.get(f"/contacts/{contact_id}/access/").content.decode()

    assert f'hx-get="/contacts/{contact_id}/access/"' in page
    assert "Read and change" in panel
    assert "somchai" in panel
    client.force_login(agent)
    assert 'id="record-access"' not in client.get(f"/contacts/{contact_id}/").content.decode()
    assert client.get(f"/contacts/{contact_id}/access/").status_code == 403
