import re

import pytest
from django.test import Client

from amity.accounts.models import ApiToken, Team
from factories import TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def test_home_redirects_anonymous_visitors_to_login(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/"


def test_login_with_password_and_wrong_password(client, agent, password):
    wrong = client.post("/login/", {"username": "somchai", "password": "nope"})
    right = client.post("/login/", {"username": "somchai", "password": password})

    assert wrong.status_code == 200
    assert b'role="alert"' in wrong.content
    assert right.status_code == 302
    assert right["Location"] == "/"


def test_login_form_requires_csrf(agent, password):
    strict = Client(enforce_csrf_checks=True)

    response = strict.post("/login/", {"username": "somchai", "password": password})

    assert response.status_code == 403


def test_home_greets_in_the_users_language_and_zone(signed_in, agent):
    response = signed_in(agent).get("/")

    html = response.content.decode()
    assert '<html lang="th"' in html
    assert "สมชาย ใจดี" in html
    assert "Asia/Bangkok" in html


@pytest.mark.parametrize("role_fixture", ["admin_user", "manager", "agent", "viewer"])
@pytest.mark.parametrize(
    "path", ["/", "/teams/", "/search/?q=a", "/settings/preferences/", "/settings/tokens/"]
)
def test_every_page_renders_for_every_role(request, signed_in, role_fixture, path):
    user = request.getfixturevalue(role_fixture)

    response = signed_in(user).get(path)

    assert response.status_code == 200


def test_language_switcher_saves_choice_on_user(signed_in, viewer):
    client = signed_in(viewer)

    response = client.post("/language/", {"language": "pl", "next": "/teams/"})

    viewer.refresh_from_db()
    assert response["Location"] == "/teams/"
    assert viewer.language == "pl"
    assert '<html lang="pl"' in client.get("/teams/").content.decode()


def test_language_switcher_refuses_foreign_redirects(client):
    response = client.post("/language/", {"language": "th", "next": "https://evil.example/"})

    assert response["Location"] == "/"
    assert response.cookies["amity_language"].value == "th"


def test_anonymous_language_choice_applies_to_login_page(client):
    client.post("/language/", {"language": "pl", "next": "/login/"})

    assert '<html lang="pl"' in client.get("/login/").content.decode()


def test_preferences_change_time_zone(signed_in, manager):
    client = signed_in(manager)

    client.post("/settings/preferences/", {"language": "th", "timezone": "Asia/Tokyo"})

    manager.refresh_from_db()
    assert (manager.language, manager.timezone) == ("th", "Asia/Tokyo")


def test_preferences_reject_unknown_zone(signed_in, manager):
    response = signed_in(manager).post(
        "/settings/preferences/", {"language": "en", "timezone": "Europe/Atlantis"}
    )

    manager.refresh_from_db()
    assert response.status_code == 200
    assert manager.timezone == "Europe/Warsaw"


def test_token_page_shows_the_secret_once(signed_in, agent):
    client = signed_in(agent)

    created = client.post(
        "/settings/tokens/", {"name": "Skrypt eksportu", "scopes": ["read"]}
    ).content.decode()
    secret = re.search(r'id="new-token">(amt_[^<]+)<', created).group(1)
    later = client.get("/settings/tokens/").content.decode()

    assert ApiToken.objects.get().name == "Skrypt eksportu"
    assert secret not in later
    assert "Skrypt eksportu" in later


def test_token_revoke_from_page(signed_in, agent):
    client = signed_in(agent)
    client.post("/settings/tokens/", {"name": "old", "scopes": ["read", "write"]})
    token = ApiToken.objects.get()

    client.post(f"/settings/tokens/{token.pk}/revoke/")

    token.refresh_from_db()
    assert token.revoked_at is not None


def test_manager_creates_team_from_page_viewer_cannot(signed_in, manager, viewer):
    signed_in(viewer).post("/teams/", {"name": "Ventas México"})
    assert not Team.objects.exists()

    signed_in(manager).post("/teams/", {"name": "Ventas México"})
    assert list(Team.objects.values_list("name", flat=True)) == ["Ventas México"]


def test_team_page_lists_members(signed_in, agent):
    team = TeamFactory(name="ทีมขายกรุงเทพ")
    agent.teams.add(team)

    response = signed_in(agent).get(f"/teams/{team.pk}/")

    assert "สมชาย ใจดี" in response.content.decode()


def test_search_type_ahead_returns_fragment(signed_in, agent, viewer):
    TeamFactory(name="Zespół Łódź")

    response = signed_in(agent).get("/search/?q=Łódź", HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert "Zespół Łódź" in html
    assert "<html" not in html


def test_user_content_is_escaped(signed_in, manager):
    TeamFactory(name="<script>alert(1)</script>")

    html = signed_in(manager).get("/teams/").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_team_list_page_query_count_is_fixed(signed_in, agent, django_assert_num_queries):
    client = signed_in(agent)
    for index in range(5):
        TeamFactory(name=f"Team {index}")
    client.get("/teams/")

    # session, user, team list; the count does not grow with the number of teams
    with django_assert_num_queries(3):
        client.get("/teams/")
    for index in range(5, 15):
        TeamFactory(name=f"Team {index}")
    with django_assert_num_queries(3):
        client.get("/teams/")
