"""The interactions and timeline REST API."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from amity.interactions.contracts import InteractionData
from amity.interactions.models import Interaction
from amity.interactions.services import interaction_log
from amity.people.contracts import RoleData
from factories import make_contact, make_organization

pytestmark = pytest.mark.django_db

BANGKOK_MORNING = "2026-04-13T09:30:00+07:00"


def log(contact=None, *, when, channel="email", direction="outbound", **fields):
    return interaction_log(
        actor=None,
        actor_label="test",
        data=InteractionData(
            channel=channel,
            occurred_at=when,
            direction=direction,
            contact_ids=(contact.pk,) if contact else (),
            **fields,
        ),
    )


def at(day, hour=9):
    return datetime(2026, 4, day, hour, tzinfo=UTC)


def walk(api, path, limit):
    items, cursor = [], None
    while True:
        separator = "&" if "?" in path else "?"
        query = f"{path}{separator}limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        response = api.get(query)
        assert response.status_code == 200, response.json()
        items += response.json()["items"]
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return items


@pytest.fixture
def somchai():
    return make_contact(given_name="สมชาย", family_name="ใจดี", country="TH")


def test_agent_logs_a_call_with_its_offset_and_reads_it_back_in_utc(api_as, agent, somchai):
    api = api_as(agent)
    siam = make_organization()

    created = api.post(
        "/interactions",
        {
            "channel": "phone",
            "direction": "inbound",
            "occurred_at": BANGKOK_MORNING,
            "subject": "สอบถามราคาแพ็กเกจองค์กร",
            "body": "ลูกค้าขอใบเสนอราคาภายในวันศุกร์",
            "language": "th",
            "duration": "PT12M",
            "outcome": "follow_up",
            "follow_up_on": "2026-04-17",
            "organization_id": siam.pk,
            "contact_ids": [somchai.pk],
            "user_ids": [agent.pk],
            "external_id": "pbx-20260413-1",
        },
    )

    assert created.status_code == 201, created.json()
    body = created.json()
    assert body == api.get(f"/interactions/{body['id']}").json()
    assert body["occurred_at"] == "2026-04-13T02:30:00Z"
    assert (body["channel"], body["direction"], body["outcome"]) == (
        "phone",
        "inbound",
        "follow_up",
    )
    assert (body["contact_ids"], body["user_ids"], body["organization_id"]) == (
        [somchai.pk],
        [agent.pk],
        siam.pk,
    )
    assert (body["created_by_id"], body["source"]) == (agent.pk, "api")
    assert body["follow_up_on"] == "2026-04-17"
    assert Interaction.objects.get().duration == timedelta(minutes=12)


@pytest.mark.parametrize("moment", ["2026-04-13T09:30:00", "2026-04-13", None, "yesterday"])
def test_a_time_without_zone_is_refused(api_as, agent, somchai, moment):
    response = api_as(agent).post(
        "/interactions", {"channel": "email", "occurred_at": moment, "contact_ids": [somchai.pk]}
    )

    assert response.status_code == 422
    body = response.json()
    assert body.get("field") == "occurred_at" or body["errors"][0]["field"] == "occurred_at"
    assert not Interaction.objects.exists()


def test_naive_time_error_says_what_to_send(api_as, admin_user, somchai):
    response = api_as(admin_user).post(
        "/interactions",
        {"channel": "email", "occurred_at": "2026-04-13T09:30", "contact_ids": [somchai.pk]},
    )

    assert response.json()["code"] == "naive_datetime"
    assert "2026-04-13T09:30+07:00" in response.json()["detail"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"channel": "pigeon"}, "channel"),
        ({"direction": "sideways"}, "direction"),
        ({"outcome": "maybe"}, "outcome"),
        ({"language": "klingon!"}, "language"),
        ({"duration": "P8D"}, "duration"),
        ({"contact_ids": [424242]}, "contact_ids"),
        ({"contact_ids": []}, "contact_ids"),
        ({"organization_id": 424242}, "organization_id"),
        ({"user_ids": [424242]}, "user_ids"),
        ({"subject": "ห" * 251}, "subject"),
        ({"occurred_at": "0001-01-01T00:00:00+05:00"}, "occurred_at"),
    ],
)
def test_invalid_interaction_is_422_and_names_the_field(api_as, agent, somchai, payload, field):
    record = {"channel": "email", "occurred_at": BANGKOK_MORNING, "contact_ids": [somchai.pk]}

    response = api_as(agent).post("/interactions", {**record, **payload})

    assert (response.status_code, response.json()["field"]) == (422, field)
    assert not Interaction.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"channel": 5},
        {"subject": ["a"]},
        {"contact_ids": "1"},
        {"contact_ids": [0]},
        {"duration": "soon"},
        {"follow_up_on": "2026-02-30"},
        {"body": "nul\x00"},
        {"colour": "red"},
        {"external_id": "x" * 101},
    ],
)
def test_malformed_interaction_body_is_422(api_as, agent, somchai, payload):
    record = {"channel": "email", "occurred_at": BANGKOK_MORNING, "contact_ids": [somchai.pk]}

    response = api_as(agent).client.post(
        "/api/v1/interactions",
        data=json.dumps({**record, **payload}),
        content_type="application/json",
    )

    assert (response.status_code, response.json()["code"]) == (422, "invalid")
    assert not Interaction.objects.exists()


def test_duplicate_external_id_is_409_not_500(api_as, agent, somchai):
    log(somchai, when=at(1), external_id="gmail-abc")

    response = api_as(agent).post(
        "/interactions",
        {
            "channel": "email",
            "occurred_at": BANGKOK_MORNING,
            "contact_ids": [somchai.pk],
            "external_id": "gmail-abc",
        },
    )

    assert (response.status_code, response.json()["code"]) == (409, "conflict")
    assert Interaction.objects.count() == 1


def test_patch_changes_only_the_fields_sent(api_as, agent, somchai):
    interaction = log(somchai, when=at(13), subject="Pytanie o cennik", outcome="completed")
    api = api_as(agent)

    body = api.patch(f"/interactions/{interaction.pk}", {"subject": "Spotkanie w sprawie umowy"})

    assert body.status_code == 200
    assert body.json()["subject"] == "Spotkanie w sprawie umowy"
    assert body.json()["occurred_at"] == "2026-04-13T09:00:00Z"
    assert (body.json()["outcome"], body.json()["contact_ids"]) == ("completed", [somchai.pk])


def test_patch_moves_the_time_and_refuses_a_naive_one(api_as, agent, somchai):
    interaction = log(somchai, when=at(13))
    api = api_as(agent)

    moved = api.patch(f"/interactions/{interaction.pk}", {"occurred_at": "2026-04-14T08:00+02:00"})
    naive = api.patch(f"/interactions/{interaction.pk}", {"occurred_at": "2026-04-15T08:00"})
    cleared = api.patch(f"/interactions/{interaction.pk}", {"occurred_at": None})

    assert moved.json()["occurred_at"] == "2026-04-14T06:00:00Z"
    assert (naive.status_code, naive.json()["code"]) == (422, "naive_datetime")
    assert cleared.status_code == 422
    interaction.refresh_from_db()
    assert interaction.occurred_at == datetime(2026, 4, 14, 6, tzinfo=UTC)


def test_delete_interaction(api_as, agent, somchai):
    interaction = log(somchai, when=at(1))
    api = api_as(agent)

    assert api.delete(f"/interactions/{interaction.pk}").status_code == 204
    assert api.get(f"/interactions/{interaction.pk}").status_code == 404
    assert not Interaction.objects.exists()


@pytest.fixture
def history(somchai):
    layla = make_contact(given_name="ليلى", family_name="الحربي", country="SA")
    siam = make_organization()
    return {
        "call": log(somchai, when=at(1), channel="phone", direction="inbound"),
        "mail": log(somchai, when=at(2), channel="email"),
        "chat": log(layla, when=at(3), channel="chat", direction="inbound"),
        "visit": interaction_log(
            actor=None,
            data=InteractionData(channel="meeting", occurred_at=at(4), organization_id=siam.pk),
        ),
        "somchai": somchai,
        "layla": layla,
        "siam": siam,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["visit", "chat", "mail", "call"]),
        ("contact_id={somchai}", ["mail", "call"]),
        ("organization_id={siam}", ["visit"]),
        ("channel=chat", ["chat"]),
        ("direction=inbound", ["chat", "call"]),
        ("since=2026-04-02T09:00:00Z", ["visit", "chat", "mail"]),
        ("until=2026-04-02T16:01:00%2B07:00", ["mail", "call"]),
        ("until=2026-04-02T16:00:00%2B07:00", ["call"]),  # until is exclusive
        ("since=2026-04-02T00:00Z&until=2026-04-04T00:00Z&direction=inbound", ["chat"]),
        ("contact_id={layla}&channel=email", []),
    ],
)
def test_interaction_filters_newest_first(api_as, viewer, history, query, expected):
    ids = {key: value.pk for key, value in history.items()}

    response = api_as(viewer).get("/interactions?" + query.format(**ids))

    assert response.status_code == 200, response.json()
    assert [item["id"] for item in response.json()["items"]] == [ids[k] for k in expected]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("since=2026-04-02T09:00:00", "since"),
        ("until=2026-04-02", "until"),
        ("since=someday", "query.since"),
        ("channel=pigeon", "query.channel"),
        ("direction=up", "query.direction"),
        ("contact_id=-3", "query.contact_id"),
        ("limit=500", "query.limit"),
        ("cursor=%F0%9F%90%A2", "cursor"),
    ],
)
def test_bad_interaction_list_parameters_are_422(api_as, viewer, query, field):
    response = api_as(viewer).get(f"/interactions?{query}")

    assert response.status_code == 422
    body = response.json()
    assert body.get("field") == field or [e["field"] for e in body["errors"]] == [field]


def test_cursor_walks_interactions_with_equal_times_once(api_as, viewer, somchai):
    # Imports often carry the same timestamp for a batch of messages.
    for day in [1, 1, 1, 2, 2, 3, 3, 3, 3, 4]:
        log(somchai, when=at(day))

    items = walk(api_as(viewer), f"/interactions?contact_id={somchai.pk}", limit=3)

    expected = Interaction.objects.order_by("-occurred_at", "-id").values_list("pk", flat=True)
    assert [item["id"] for item in items] == list(expected)


def test_previous_cursor_walks_back_through_equal_times(api_as, viewer, somchai):
    for day in [1, 1, 1, 2, 2, 3, 3, 3, 3, 4]:
        log(somchai, when=at(day))
    api = api_as(viewer)
    path = f"/interactions?contact_id={somchai.pk}&limit=3"
    page = api.get(path).json()
    while page["next_cursor"]:
        page = api.get(f"{path}&cursor={page['next_cursor']}").json()

    items = page["items"]
    while page["previous_cursor"]:
        page = api.get(f"{path}&before={page['previous_cursor']}").json()
        items = page["items"] + items

    expected = Interaction.objects.order_by("-occurred_at", "-id").values_list("pk", flat=True)
    assert [item["id"] for item in items] == list(expected)


def test_interaction_list_query_count_does_not_grow_with_rows(api_as, viewer, agent, somchai):
    api = api_as(viewer)

    def add(count):
        for index in range(count):
            log(somchai, when=at(1 + index % 20), user_ids=(agent.pk,))

    add(5)
    api.get("/me")
    with CaptureQueriesContext(connection) as with_5:
        api.get(f"/interactions?contact_id={somchai.pk}")
    add(20)
    with CaptureQueriesContext(connection) as with_25:
        response = api.get(f"/interactions?contact_id={somchai.pk}")

    assert len(response.json()["items"]) == 25
    # token, visibility policy, interactions, contacts, users
    assert len(with_5) == len(with_25) == 5


def test_bulk_logs_good_interactions_and_reports_bad_ones(api_as, agent, somchai):
    base = {"channel": "email", "contact_ids": [somchai.pk]}
    records = [
        {**base, "occurred_at": "2026-04-01T10:00+02:00", "subject": "Pytanie o cennik"},
        {**base, "occurred_at": "2026-04-01T10:00"},
        {**base, "occurred_at": "2026-04-02T10:00+09:00", "channel": "fax"},
        {**base, "occurred_at": "2026-04-03T10:00+03:00", "subject": "استفسار عن الأسعار"},
        {**base},
    ]

    response = api_as(agent).post("/interactions/bulk", {"records": records})

    body = response.json()
    assert [(e["index"], e["field"], e["code"]) for e in body["errors"]] == [
        (1, "occurred_at", "naive_datetime"),
        (2, "channel", "invalid"),
        (4, "occurred_at", "invalid"),
    ]
    subjects = Interaction.objects.filter(pk__in=body["created"]).order_by("occurred_at")
    assert [i.subject for i in subjects] == ["Pytanie o cennik", "استفسار عن الأسعار"]
    assert Interaction.objects.count() == 2


def test_bulk_reports_a_duplicate_external_id_and_keeps_the_rest(api_as, agent, somchai):
    base = {"channel": "sms", "occurred_at": BANGKOK_MORNING, "contact_ids": [somchai.pk]}

    body = (
        api_as(agent)
        .post(
            "/interactions/bulk",
            {
                "records": [
                    {**base, "external_id": "sms-1"},
                    {**base, "external_id": "sms-1"},
                    {**base, "external_id": "sms-2"},
                ]
            },
        )
        .json()
    )

    assert [(e["index"], e["code"]) for e in body["errors"]] == [(1, "conflict")]
    assert len(body["created"]) == 2
    assert set(Interaction.objects.values_list("external_id", flat=True)) == {"sms-1", "sms-2"}


def test_viewer_reads_interactions_but_cannot_write(api_as, viewer, somchai):
    interaction = log(somchai, when=at(1), subject="お見積りのご依頼")
    api = api_as(viewer)
    record = {"channel": "email", "occurred_at": BANGKOK_MORNING, "contact_ids": [somchai.pk]}

    assert api.get("/interactions").status_code == 200
    assert api.get(f"/interactions/{interaction.pk}").status_code == 200
    refused = [
        api.post("/interactions", record),
        api.post("/interactions/bulk", {"records": [record]}),
        api.patch(f"/interactions/{interaction.pk}", {"subject": "x"}),
        api.delete(f"/interactions/{interaction.pk}"),
    ]

    assert [r.status_code for r in refused] == [403] * 4
    assert Interaction.objects.get().subject == "お見積りのご依頼"


@pytest.mark.parametrize(
    "path",
    ["/interactions", "/interactions/1", "/contacts/1/timeline", "/organizations/1/timeline"],
)
def test_unauthenticated_reads_are_401(path):
    assert Client().get(f"/api/v1{path}").status_code == 401


# Timelines


def test_contact_timeline_merges_interactions_and_record_events(api_as, viewer, somchai):
    log(somchai, when=datetime(2020, 1, 1, tzinfo=UTC), subject="Pytanie o cennik")
    log(somchai, when=datetime(2099, 1, 1, tzinfo=UTC), channel="meeting", direction="inbound")

    response = api_as(viewer).get(f"/contacts/{somchai.pk}/timeline")

    items = response.json()["items"]
    assert [(i["kind"], i["channel"]) for i in items] == [
        ("interaction", "meeting"),
        ("people_event", "event"),
        ("interaction", "email"),
    ]
    assert items[2]["title"] == "Pytanie o cennik"
    assert items[2]["occurred_at"] == "2020-01-01T00:00:00Z"
    assert items[0]["direction"] == "inbound"
    assert response.json()["next_cursor"] is None


def test_timeline_pages_follow_the_cursor(api_as, viewer, somchai):
    for day in [1, 1, 2, 3, 3, 3, 4]:
        log(somchai, when=at(day))

    items = walk(api_as(viewer), f"/contacts/{somchai.pk}/timeline", limit=2)

    keys = [(item["kind"], item["key"]) for item in items]
    assert len(keys) == len(set(keys)) == 8  # seven interactions and the creation
    assert [item["occurred_at"] for item in items] == sorted(
        (item["occurred_at"] for item in items), reverse=True
    )


def test_organization_timeline_includes_its_people(api_as, viewer):
    siam = make_organization()
    member = make_contact(roles=(RoleData(siam.pk, "CEO"),))
    outsider = make_contact(given_name="Anna", family_name="Nowak", country="PL")
    log(member, when=at(2), subject="นัดประชุมทบทวนสัญญา")
    log(outsider, when=at(3), subject="Przypomnienie o ofercie")

    items = api_as(viewer).get(f"/organizations/{siam.pk}/timeline").json()["items"]

    titles = [item["title"] for item in items if item["kind"] == "interaction"]
    assert titles == ["นัดประชุมทบทวนสัญญา"]


@pytest.mark.parametrize("path", ["/contacts/424242/timeline", "/organizations/424242/timeline"])
def test_timeline_of_an_unknown_record_is_404(api_as, viewer, path):
    assert api_as(viewer).get(path).status_code == 404


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "MjAyNi0wNC0wMXxpbnRlcmFjdGlvbnw1",
        "MDAwMS0wMS0wMVQwMDowMDowMCswNTowMHxpbnRlcmFjdGlvbnwx",
    ],
)
def test_bad_timeline_cursor_is_422(api_as, viewer, somchai, cursor):
    response = api_as(viewer).get(f"/contacts/{somchai.pk}/timeline?cursor={cursor}")

    assert (response.status_code, response.json()["code"]) == (422, "invalid_cursor")


def test_timeline_query_count_does_not_grow_with_rows(api_as, viewer, agent, somchai):
    api = api_as(viewer)
    api.get("/me")
    for day in range(1, 6):
        log(somchai, when=at(day), user_ids=(agent.pk,))
    with CaptureQueriesContext(connection) as with_5:
        api.get(f"/contacts/{somchai.pk}/timeline")
    for day in range(6, 26):
        log(somchai, when=at(day), user_ids=(agent.pk,))
    with CaptureQueriesContext(connection) as with_25:
        response = api.get(f"/contacts/{somchai.pk}/timeline")

    assert len(response.json()["items"]) == 26
    assert len(with_5) == len(with_25)
