"""The consent endpoints as a script uses them: exact bodies, 4xx JSON for bad input, and a
fixed number of queries."""

import pytest

from amity.privacy import services
from amity.privacy.models import ConsentEntry


@pytest.fixture
def api(api_as, agent):
    return api_as(agent)


def test_purposes_are_listed_in_the_callers_language(api_as, manager):
    body = api_as(manager).get("/purposes").json()  # Agnieszka reads Polish

    assert [p["slug"] for p in body][:2] == ["marketing-email", "marketing-sms"]
    assert body[0] == {
        "slug": "marketing-email",
        "name": "Marketing e-mailowy",
        "kind": "marketing",
        "channels": ["email"],
        "is_active": True,
    }


def test_recording_then_reading_consents(api, taro):
    created = api.post(
        f"/contacts/{taro.pk}/consents",
        {
            "purpose": "marketing-email",
            "channel": "email",
            "status": "granted",
            "source": "form",
            "evidence": "申込フォーム 2026-04-01",
            "wording": "メールマガジンの配信に同意します。",
            "wording_language": "ja",
        },
    )
    assert created.status_code == 201
    entry = created.json()
    assert (entry["purpose"], entry["status"], entry["recorded_by"]) == (
        "marketing-email",
        "granted",
        "api:somchai",
    )
    api.post(
        f"/contacts/{taro.pk}/consents",
        {"purpose": "marketing-email", "status": "withdrawn", "source": "email"},
    )

    body = api.get(f"/contacts/{taro.pk}/consents").json()

    assert body["regime"]["code"] == "JP"
    assert body["jurisdiction_overridden"] is False
    assert [e["status"] for e in body["current"]] == ["withdrawn"]
    assert [e["status"] for e in body["history"]] == ["withdrawn", "granted"]
    assert body["history"][1]["wording"] == "メールマガジンの配信に同意します。"


def test_may_contact_answers_with_the_reason(api_as, admin_user, taro):
    api = api_as(admin_user)  # Oliver reads English
    services.consent_record(
        actor=None, contact=taro, purpose="marketing-email", channel="email",
        status="granted", source="form",
    )  # fmt: skip

    body = api.get(f"/contacts/{taro.pk}/may-contact?purpose=marketing-email&channel=email").json()
    refused = api.get(f"/contacts/{taro.pk}/may-contact?purpose=marketing-sms&channel=sms").json()

    assert (body["allowed"], body["code"], body["regime"]["code"]) == (True, "consent", "JP")
    assert body["rule"]["law"] == "Act on Regulation of Transmission of Specified Electronic Mail"
    assert body["reason"].startswith("Allowed: 山田 太郎 consented to Marketing by email (Email)")
    assert (refused["allowed"], refused["code"]) == (False, "no_consent")


def test_double_opt_in_through_the_api_waits_for_the_person(api, anna, smtp_inbox):
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        created = api.post(
            f"/contacts/{anna.pk}/consents",
            {"purpose": "marketing-email", "status": "granted", "double_opt_in": True},
        )

    assert created.status_code == 201
    assert created.json()["double_opt_in"] == "pending"
    assert len(smtp_inbox.messages) == 1
    decision = api.get(f"/contacts/{anna.pk}/may-contact?purpose=marketing-email").json()
    assert decision["code"] == "awaiting_confirmation"


@pytest.mark.parametrize(
    ("path_or_body", "status", "code"),
    [
        ({"purpose": "newsletter", "status": "granted"}, 422, "unknown_purpose"),
        ({"purpose": "marketing-email", "status": "perhaps"}, 422, "invalid_status"),
        ({"purpose": "marketing-email", "status": "granted", "colour": "red"}, 422, "invalid"),
        ({"purpose": "marketing-email"}, 422, "invalid"),
        ({"purpose": "marketing-email", "status": "denied", "double_opt_in": True}, 422, "invalid"),
        ({"purpose": "marketing-email", "status": "granted", "evidence": "\x00"}, 422, "invalid"),
    ],
)
def test_malformed_recordings_get_a_clear_4xx_and_write_nothing(
    api, somchai, path_or_body, status, code
):
    response = api.post(f"/contacts/{somchai.pk}/consents", path_or_body)

    assert response.status_code == status
    assert response.json()["code"] == code
    assert response.json()["detail"]
    assert ConsentEntry.objects.count() == 0


def test_unreadable_json_and_unknown_contacts(api, somchai):
    broken = api.client.post(
        f"/api/v1/contacts/{somchai.pk}/consents", "{", content_type="application/json"
    )
    missing = api.get("/contacts/999999/consents")
    huge = api.get("/contacts/99999999999999999999/consents")
    no_purpose = api.get(f"/contacts/{somchai.pk}/may-contact")
    bad_channel = api.get(f"/contacts/{somchai.pk}/may-contact?purpose=surveys&channel=fax")

    assert (broken.status_code, broken.json()["code"]) == (400, "bad_request")
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    assert huge.status_code == 422
    assert (no_purpose.status_code, no_purpose.json()["code"]) == (422, "missing_purpose")
    assert (bad_channel.status_code, bad_channel.json()["code"]) == (422, "unknown_channel")


def test_viewers_read_but_do_not_record(api_as, viewer, layla):
    client = api_as(viewer)

    assert client.get(f"/contacts/{layla.pk}/consents").status_code == 200
    response = client.post(
        f"/contacts/{layla.pk}/consents", {"purpose": "surveys", "status": "granted"}
    )
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")


def test_consents_endpoint_query_count_does_not_grow(api, somchai, django_assert_num_queries):
    def record(n):
        for _ in range(n):
            for purpose, channel in [
                ("marketing-sms", "sms"),
                ("surveys", "any"),
                ("profiling", "any"),
            ]:
                for status in ["granted", "withdrawn"]:
                    services.consent_record(
                        actor=None, contact=somchai, purpose=purpose, channel=channel,
                        status=status, source="form",
                    )  # fmt: skip

    record(1)
    api.get(f"/contacts/{somchai.pk}/consents")
    # token, visibility policy, contact (+ emails, phones, tags, roles), history, current
    # state, override
    with django_assert_num_queries(10):
        first = api.get(f"/contacts/{somchai.pk}/consents").json()
    record(3)
    with django_assert_num_queries(10):
        later = api.get(f"/contacts/{somchai.pk}/consents").json()
    assert (len(first["history"]), len(later["history"])) == (6, 24)
    assert len(later["current"]) == 3


def test_a_jurisdiction_override_through_the_api(api, anna):
    def put(body):
        return api._call("put", f"/contacts/{anna.pk}/jurisdiction", body)

    moved = put({"country": "us", "subdivision": "US-CA", "reason": "Mieszka w San Francisco"})
    wrong = put({"country": "US", "subdivision": "PL-14"})
    cleared = put({"country": ""})

    assert (moved.status_code, moved.json()["code"]) == (200, "US-CA")
    assert (wrong.status_code, wrong.json()["code"]) == (422, "invalid")
    assert cleared.json()["code"] == "PL"
