import pytest

from factories import make_contact

pytestmark = pytest.mark.django_db
POLISH_OR_VIP = {
    "match": "any",
    "rules": [
        {"field": "country", "op": "in", "value": ["PL"]},
        {"field": "tag", "op": "in", "value": ["vip"]},
    ],
}


@pytest.fixture
def contacts():
    return [
        make_contact(given_name="Łukasz", family_name="Żółw", country="PL"),
        make_contact(given_name="Agnieszka", family_name="Wójcik", country="PL"),
        make_contact(tags=("vip",)),
        make_contact(given_name="太郎", family_name="山田", country="JP"),
    ]


def test_a_saved_segment_counts_and_pages_its_members(api_as, agent, contacts):
    api = api_as(agent)

    created = api.post("/segments", {"name": "Polska i VIP", "rules": POLISH_OR_VIP})
    assert created.status_code == 201
    segment_id = created.json()["id"]

    assert api.get(f"/segments/{segment_id}/count").json() == {"count": 3}
    first = api.get(f"/segments/{segment_id}/members?limit=2").json()
    second = api.get(f"/segments/{segment_id}/members?limit=2&cursor={first['next_cursor']}")
    names = [m["full_name"] for m in first["items"] + second.json()["items"]]
    # Ordered by the folded family name: nowak... wojcik, zolw, ใจดี.
    assert names == ["Agnieszka Wójcik", "Łukasz Żółw", "สมชาย ใจดี"]
    assert second.json()["next_cursor"] is None
    before = second.json()["previous_cursor"]
    back = api.get(f"/segments/{segment_id}/members?limit=2&before={before}").json()
    assert back["items"] == first["items"]
    assert back["previous_cursor"] is None


def test_preview_counts_rules_before_saving(api_as, viewer, contacts):
    response = api_as(viewer).post("/segments/preview", {"rules": POLISH_OR_VIP})

    assert response.json() == {"count": 3}


def test_a_malformed_rule_is_a_422_with_the_reason(api_as, agent):
    response = api_as(agent).post(
        "/segments", {"name": "x", "rules": {"field": "shoe_size", "value": 1}}
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert "shoe_size" in response.json()["detail"]


def test_a_viewer_cannot_save_segments(api_as, viewer):
    response = api_as(viewer).post("/segments", {"name": "x", "rules": POLISH_OR_VIP})

    assert response.status_code == 403


def test_static_list_members_are_added_and_removed(api_as, agent, contacts):
    api = api_as(agent)
    segment_id = api.post("/segments", {"name": "Targi 2026", "kind": "static"}).json()["id"]

    added = api.post(f"/segments/{segment_id}/members", {"add": [c.pk for c in contacts[:3]]})
    removed = api.post(f"/segments/{segment_id}/members", {"remove": [contacts[0].pk]})

    assert (added.json(), removed.json()) == ({"count": 3}, {"count": 2})
    assert api.post(f"/segments/{segment_id}/members", {"add": ["x"]}).status_code in (400, 422)


def test_rule_fields_list_what_other_apps_registered(api_as, viewer):
    keys = [f["key"] for f in api_as(viewer).get("/segments/fields").json()]

    assert {"country", "language", "tag", "custom", "interactions"} <= set(keys)
