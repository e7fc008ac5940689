"""A role that must use two-factor sign-in cannot reach the API with a browser session until
the user has set it up; personal API tokens are a separate credential and keep working."""

import pyotp
import pytest
from django.test import Client

from amity.accounts import security
from amity.people.models import Contact

pytestmark = pytest.mark.django_db


def test_the_session_of_a_user_without_required_two_factor_is_refused(client, agent, settings):
    settings.AMITY_TWO_FACTOR_ROLES = ["agent"]
    agent.language = "en"
    agent.save()
    client.force_login(agent)

    read = client.get("/api/v1/contacts")
    written = client.post(
        "/api/v1/contacts",
        {"given_name": "สมชาย", "country": "TH"},
        content_type="application/json",
    )

    assert read.status_code == 403
    assert read.json() == {
        "detail": "Your role requires two-factor sign-in: set it up under Settings, Security.",
        "code": "two_factor_required",
    }
    assert written.status_code == 403
    assert written.json()["code"] == "two_factor_required"
    assert not Contact.objects.exists()


def test_the_refusal_is_in_the_users_language(client, agent, settings):
    settings.AMITY_TWO_FACTOR_ROLES = ["agent"]
    agent.language = "pl"
    agent.save()
    client.force_login(agent)

    answer = client.get("/api/v1/me")

    assert answer.status_code == 403
    assert answer.json()["code"] == "two_factor_required"


def test_after_setting_it_up_the_session_works_again(client, agent, settings):
    settings.AMITY_TWO_FACTOR_ROLES = ["agent"]
    secret = pyotp.random_base32(32)
    security.two_factor_enable(user=agent, secret=secret, code=pyotp.TOTP(secret).now())
    client.force_login(agent)

    assert client.get("/api/v1/me").status_code == 200


def test_roles_not_listed_and_tokens_are_unaffected(client, agent, manager, api_as, settings):
    settings.AMITY_TWO_FACTOR_ROLES = ["agent"]
    client.force_login(manager)

    assert client.get("/api/v1/me").status_code == 200
    assert api_as(agent).get("/me").status_code == 200
    assert Client().get("/api/v1/me").status_code == 401
