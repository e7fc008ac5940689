import json

import pytest
from django.test import Client

from amity.accounts.models import Team
from amity.accounts.services import token_revoke
from factories import TeamFactory

pytestmark = pytest.mark.django_db


def test_unauthenticated_calls_get_401_with_error_body():
    response = Client().get("/api/v1/me")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Bearer"


def test_bad_and_revoked_tokens_get_401(api_as, agent):
    api = api_as(agent)
    token_revoke(actor=agent, token_id=api.token.pk)

    assert api.get("/me").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer amt_nonsense").get("/api/v1/me").status_code == 401


def test_token_caller_sees_themselves(api_as, agent):
    response = api_as(agent).get("/me")

    assert response.status_code == 200
    body = response.json()
    assert (body["username"], body["display_name"], body["role"]) == (
        "somchai",
        "สมชาย ใจดี",
        "agent",
    )


def test_viewer_writing_gets_403(api_as, viewer):
    response = api_as(viewer).post("/teams", {"name": "Sales"})

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not Team.objects.exists()


def test_manager_creates_updates_and_deletes_a_team(api_as, manager):
    api = api_as(manager)

    created = api.post("/teams", {"name": "Zespół Kraków", "description": "Małopolska"})
    team_id = created.json()["id"]
    renamed = api.patch(f"/teams/{team_id}", {"name": "Zespół Krakowski"})
    deleted = api.delete(f"/teams/{team_id}")

    assert created.status_code == 201
    assert renamed.json()["name"] == "Zespół Krakowski"
    assert deleted.status_code == 204
    assert api.get(f"/teams/{team_id}").status_code == 404


def test_malformed_json_is_400_with_error_body(api_as, manager):
    api = api_as(manager)

    response = api.client.post("/api/v1/teams", data="{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


@pytest.mark.parametrize(
    "payload",
    [{"name": 5}, {"name": ""}, {}, {"name": "x" * 500}, [1, 2], "just a string"],
)
def test_invalid_team_payloads_are_422_and_name_the_field(api_as, manager, payload):
    api = api_as(manager)

    response = api.client.post(
        "/api/v1/teams", data=json.dumps(payload), content_type="application/json"
    )

    assert response.status_code in (400, 422)
    assert response.json()["code"] in ("invalid", "bad_request")
    assert not Team.objects.exists()


def test_bad_path_parameter_and_unknown_endpoint_and_method(api_as, agent):
    api = api_as(agent)

    assert api.get("/teams/abc").status_code == 422
    unknown = api.get("/no-such-thing")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "not_found")
    wrong_method = api.client.put("/api/v1/me", data="{}", content_type="application/json")
    assert (wrong_method.status_code, wrong_method.json()["code"]) == (405, "method_not_allowed")


def test_invalid_time_zone_is_rejected_with_field(api_as, agent):
    response = api_as(agent).patch("/me", {"timezone": "Mars/Olympus_Mons"})

    assert response.status_code == 422
    assert response.json()["field"] == "timezone"


def test_token_created_by_api_is_shown_once_and_works(api_as, agent):
    api = api_as(agent)

    created = api.post("/tokens", {"name": "ซิงค์ข้อมูล"}).json()
    listed = api.get("/tokens").json()

    assert created["secret"].startswith("amt_")
    assert all("secret" not in token for token in listed)
    again = Client(HTTP_AUTHORIZATION=f"Bearer {created['secret']}").get("/api/v1/me")
    assert again.json()["username"] == "somchai"


def test_admin_creates_user_agent_cannot(api_as, admin_user, agent):
    payload = {
        "username": "yuki",
        "display_name": "山田 由紀",
        "password": "桜が咲く季節-2026",
        "role": "viewer",
        "language": "en",
        "timezone": "Asia/Tokyo",
    }

    assert api_as(agent).post("/users", payload).status_code == 403
    response = api_as(admin_user).post("/users", payload)

    assert response.status_code == 201
    assert response.json()["display_name"] == "山田 由紀"


def test_team_list_uses_a_fixed_number_of_queries(api_as, agent, django_assert_num_queries):
    api = api_as(agent)
    for name in ["Bangkok Sales", "Warsaw Support", "東京", "الرياض"]:
        TeamFactory(name=name)

    # 1: token lookup, 2: team list (last_used_at was just written by api_as's token creation)
    with django_assert_num_queries(3):
        response = api.get("/teams")

    assert [t["name"] for t in response.json()] == sorted(
        ["Bangkok Sales", "Warsaw Support", "東京", "الرياض"]
    )


def test_openapi_document_is_valid_openapi_3():
    response = Client().get("/api/v1/openapi.json")

    document = response.json()
    assert response.status_code == 200
    assert document["openapi"].startswith("3.")
    assert "/api/v1/teams" in document["paths"]
    assert "bearer" in json.dumps(document["components"]["securitySchemes"]).lower()


def test_interactive_docs_page_is_served_without_cdn():
    response = Client().get("/api/v1/docs")

    assert response.status_code == 200
    assert b"cdn.jsdelivr" not in response.content
