"""The contacts and organizations REST API: CRUD, filters, search, cursor pages, bulk, errors."""

import json
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from amity.people.contracts import RoleData
from amity.people.models import Contact, ContactOrganization, Organization, PeopleEvent
from amity.people.services import custom_field_define
from factories import TeamFactory, make_contact, make_organization

pytestmark = pytest.mark.django_db


def walk(api, path, limit):
    """Every item of a paginated list, following next_cursor; and how many pages it took."""
    items, cursor, pages = [], None, 0
    while True:
        separator = "&" if "?" in path else "?"
        query = f"{path}{separator}limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        response = api.get(query)
        assert response.status_code == 200, response.json()
        body = response.json()
        items += body["items"]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return items, pages


def names(response):
    return [item["full_name"] for item in response.json()["items"]]


# Contacts: reading and writing one


def test_agent_creates_a_thai_contact_and_reads_it_back(api_as, agent):
    api = api_as(agent)
    siam = make_organization(name="บริษัท สยามเทรดดิ้ง จำกัด")
    team = TeamFactory(name="ทีมกรุงเทพ")

    created = api.post(
        "/contacts",
        {
            "honorific_prefix": "คุณ",
            "given_name": "สมชาย",
            "family_name": "ใจดี",
            "preferred_name": "ชาย",
            "name_latin": "Somchai Jaidee",
            "languages": ["th", "en_GB"],
            "country": "th",
            "emails": [
                {"address": "Somchai@Example.co.th", "label": "งาน"},
                {"address": "s@ex.th"},
            ],
            "phones": [{"number": "081 234 5678", "label": "มือถือ"}],
            "preferred_channels": ["phone", "email"],
            "owner_id": agent.pk,
            "team_id": team.pk,
            "organizations": [{"organization_id": siam.pk, "title": "ผู้จัดการฝ่ายขาย"}],
            "tags": ["ลูกค้าVIP", "กรุงเทพ"],
            "external_id": "crm-42",
        },
    )

    assert created.status_code == 201, created.json()
    body = created.json()
    assert body == api.get(f"/contacts/{body['id']}").json()
    assert body["full_name"] == "สมชาย ใจดี"
    assert (body["name_order"], body["country"], body["timezone"]) == (
        "given_family",
        "TH",
        "Asia/Bangkok",
    )
    assert body["languages"] == ["th", "en-GB"]
    assert body["emails"] == [
        {"address": "Somchai@Example.co.th", "label": "งาน", "is_primary": True},
        {"address": "s@ex.th", "label": "", "is_primary": False},
    ]
    assert body["phones"] == [
        {"number": "+66812345678", "national": "081 234 5678", "label": "มือถือ", "is_primary": True}
    ]
    assert body["organizations"] == [
        {"organization_id": siam.pk, "name": "บริษัท สยามเทรดดิ้ง จำกัด", "title": "ผู้จัดการฝ่ายขาย"}
    ]
    assert (body["owner_id"], body["team_id"]) == (agent.pk, team.pk)
    assert body["tags"] == ["กรุงเทพ", "ลูกค้าVIP"]  # by name
    assert body["external_id"] == "crm-42"
    assert body["created_at"].endswith("Z")
    assert PeopleEvent.objects.get(contact_id=body["id"]).actor == agent


def test_japanese_contact_gets_family_name_first(api_as, manager):
    response = api_as(manager).post(
        "/contacts",
        {
            "given_name": "太郎",
            "family_name": "山田",
            "country": "JP",
            "phones": [{"number": "03-1234-5678"}],
        },
    )

    body = response.json()
    assert (body["full_name"], body["name_order"]) == ("山田 太郎", "family_given")
    assert body["phones"][0]["number"] == "+81312345678"
    assert body["phones"][0]["national"] == "03-1234-5678"


def test_custom_fields_are_typed(api_as, admin_user):
    custom_field_define(actor=None, key="nps", label="NPS", type_="number")
    api = api_as(admin_user)

    ok = api.post("/contacts", {"given_name": "محمد", "country": "SA", "custom": {"nps": "9"}})
    bad = api.post("/contacts", {"given_name": "ليلى", "country": "SA", "custom": {"nps": "x"}})

    assert ok.json()["custom"] == {"nps": 9}
    assert (bad.status_code, bad.json()["field"]) == (422, "custom.nps")


def test_patch_changes_only_the_fields_sent(api_as, agent):
    api = api_as(agent)
    contact = make_contact(
        given_name="Łukasz",
        family_name="Żółkiewski",
        country="PL",
        emails=["lukasz@firma.pl"],
        phones=["+48 601 234 567"],
        tags=("Kraków",),
    )

    patched = api.patch(
        f"/contacts/{contact.pk}", {"preferred_name": "Łuki", "do_not_contact": True}
    )

    body = patched.json()
    assert patched.status_code == 200
    assert (body["preferred_name"], body["do_not_contact"]) == ("Łuki", True)
    assert (body["given_name"], body["family_name"]) == ("Łukasz", "Żółkiewski")
    assert [e["address"] for e in body["emails"]] == ["lukasz@firma.pl"]
    assert [p["number"] for p in body["phones"]] == ["+48601234567"]
    assert body["tags"] == ["Kraków"]
    event = PeopleEvent.objects.filter(contact=contact, type="contact.updated").get()
    assert event.data["fields"] == ["do_not_contact", "preferred_name"]


def test_patch_can_clear_lists_and_replace_roles(api_as, agent):
    api = api_as(agent)
    first, second = make_organization(name="Żółw Logistyka"), make_organization(name="株式会社山田")
    contact = make_contact(emails=["a@example.th"], roles=(RoleData(first.pk, "CFO"),))

    body = api.patch(
        f"/contacts/{contact.pk}",
        {"emails": [], "organizations": [{"organization_id": second.pk, "title": "部長"}]},
    ).json()

    assert body["emails"] == []
    assert body["organizations"] == [
        {"organization_id": second.pk, "name": "株式会社山田", "title": "部長"}
    ]


def test_failed_patch_changes_nothing(api_as, agent):
    api = api_as(agent)
    contact = make_contact(phones=["+66812345678"])

    response = api.patch(
        f"/contacts/{contact.pk}", {"given_name": "สมหญิง", "phones": [{"number": "12"}]}
    )

    assert (response.status_code, response.json()["field"]) == (422, "phones")
    contact.refresh_from_db()
    assert contact.given_name == "สมชาย"
    assert list(contact.phones.values_list("number", flat=True)) == ["+66812345678"]


def test_delete_contact(api_as, agent):
    api = api_as(agent)
    contact = make_contact()

    deleted = api.delete(f"/contacts/{contact.pk}")

    assert deleted.status_code == 204
    assert api.get(f"/contacts/{contact.pk}").status_code == 404
    assert api.delete(f"/contacts/{contact.pk}").status_code == 404
    assert not api.get("/contacts?q=สมชาย").json()["items"]


@pytest.mark.parametrize("path", ["/contacts/999999", "/contacts/99999999999999999999999"])
def test_unknown_contact_is_404(api_as, viewer, path):
    response = api_as(viewer).get(path)

    assert (response.status_code, response.json()["code"]) == (404, "not_found")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"given_name": "Anna", "country": "XX"}, "country"),
        ({"given_name": "Anna", "country": "PL", "phones": [{"number": "123"}]}, "phones"),
        ({"given_name": "Anna", "phones": [{"number": "601 234 567"}]}, "phones"),
        ({"given_name": "Anna", "emails": [{"address": "anna@"}]}, "emails"),
        ({"given_name": "Anna", "languages": ["polish!"]}, "languages"),
        ({"given_name": "Anna", "timezone": "Europe/Kraków"}, "timezone"),
        ({"given_name": "Anna", "name_order": "random"}, "name_order"),
        ({"given_name": "Anna", "preferred_channels": ["pigeon"]}, "preferred_channels"),
        ({"given_name": "Anna", "owner_id": 424242}, "owner_id"),
        ({"given_name": "Anna", "organizations": [{"organization_id": 424242}]}, "roles"),
        ({"given_name": "Anna", "custom": {"undefined": 1}}, "custom.undefined"),
        ({"given_name": "x" * 121}, "given_name"),
        ({"family_name": ""}, "given_name"),
    ],
)
def test_invalid_contact_is_422_names_the_field_and_creates_nothing(api_as, agent, payload, field):
    response = api_as(agent).post("/contacts", payload)

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert set(response.json()) >= {"detail", "code"}
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"given_name": 5},
        {"given_name": ["Anna"]},
        {"given_name": "Anna", "emails": ["anna@example.pl"]},
        {"given_name": "Anna", "phones": "601234567"},
        {"given_name": "Anna", "do_not_contact": "maybe"},
        {"given_name": "Anna", "owner_id": "me"},
        {"given_name": "Anna", "owner_id": 2**70},
        {"given_name": "Anna", "organizations": [{"organization_id": -1}]},
        {"given_name": "Anna", "custom": {"nps": {"nested": 1}}},
        {"given_name": "Anna\x00"},
        {"given_name": "Anna", "givenname": "typo"},
        {"given_name": "Anna", "emails": [{"address": "a" * 250 + "@example.pl"}]},
        {"given_name": "Anna", "languages": ["pl"] * 21},
        [1, 2],
        "Anna",
    ],
)
def test_malformed_contact_body_is_422_not_500(api_as, agent, payload):
    response = api_as(agent).client.post(
        "/api/v1/contacts", data=json.dumps(payload), content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert response.json()["errors"]
    assert not Contact.objects.exists()


def test_malformed_json_is_400(api_as, agent):
    response = api_as(agent).client.post(
        "/api/v1/contacts", data='{"given_name": ', content_type="application/json"
    )

    assert (response.status_code, response.json()["code"]) == (400, "bad_request")


def test_patch_with_null_for_a_text_field_is_422(api_as, agent):
    contact = make_contact()

    response = api_as(agent).patch(f"/contacts/{contact.pk}", {"given_name": None})

    assert response.status_code == 422
    contact.refresh_from_db()
    assert contact.given_name == "สมชาย"


def test_external_id_conflict_is_409(api_as, agent):
    make_contact(external_id="hubspot-1")

    response = api_as(agent).post("/contacts", {"given_name": "Anna", "external_id": "hubspot-1"})

    assert (response.status_code, response.json()["code"]) == (409, "conflict")
    assert Contact.objects.count() == 1


# Contacts: lists, filters, search


@pytest.fixture
def people(agent, manager):
    siam = make_organization(name="บริษัท สยามเทรดดิ้ง จำกัด")
    return {
        "somchai": make_contact(
            honorific_prefix="นาย",
            given_name="สมชาย",
            family_name="ใจดี",
            languages=("th",),
            phones=["081 234 5678"],
            tags=("vip",),
            owner_id=agent.pk,
            roles=(RoleData(siam.pk, "กรรมการผู้จัดการ"),),
        ),
        "nickname": make_contact(
            given_name="", family_name="", preferred_name="นายสมชายผู้ใหญ่", country="TH"
        ),
        "lukasz": make_contact(
            given_name="Łukasz",
            family_name="Żółkiewski",
            country="PL",
            languages=("pl", "en"),
            emails=["lukasz@firma.pl"],
            owner_id=manager.pk,
        ),
        "taro": make_contact(
            given_name="太郎", family_name="山田", country="JP", languages=("ja",), tags=("vip",)
        ),
        "layla": make_contact(
            given_name="ليلى",
            family_name="الحربي",
            country="SA",
            languages=("ar",),
            do_not_contact=True,
            roles=(RoleData(siam.pk, ""),),
        ),
        "siam": siam,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=pl", ["lukasz"]),
        ("country=TH", ["nickname", "somchai"]),
        ("language=en", ["lukasz"]),
        ("language=ja", ["taro"]),
        ("tag=vip", ["somchai", "taro"]),
        ("do_not_contact=true", ["layla"]),
        ("do_not_contact=false&country=JP", ["taro"]),
        ("q=lukasz", ["lukasz"]),
        ("q=ZOLKIEWSKI", ["lukasz"]),
        ("q=สมชาย", ["nickname", "somchai"]),
        ("q=somchai", ["nickname", "somchai"]),  # romanized
        ("q=山田", ["taro"]),
        ("q=الحربي", ["layla"]),
        ("q=0812345678", ["somchai"]),
        ("q=lukasz@firma.pl", ["lukasz"]),
        ("q=nobody-at-all", []),
        ("q=lukasz&country=TH", []),
    ],
)
def test_contact_filters_and_search(api_as, viewer, people, query, expected):
    response = api_as(viewer).get(f"/contacts?{query}")

    assert response.status_code == 200, response.json()
    found = {item["id"] for item in response.json()["items"]}
    assert found == {people[key].pk for key in expected}


def test_contact_filters_by_owner_and_organization(api_as, viewer, agent, people):
    api = api_as(viewer)

    by_owner = api.get(f"/contacts?owner_id={agent.pk}").json()["items"]
    by_org = api.get(f"/contacts?organization_id={people['siam'].pk}").json()["items"]

    assert [c["id"] for c in by_owner] == [people["somchai"].pk]
    assert {c["id"] for c in by_org} == {people["somchai"].pk, people["layla"].pk}


def test_a_page_has_50_contacts_unless_told_otherwise(api_as, viewer):
    for index in range(51):
        make_contact(given_name=f"Anna{index}", family_name="Kowalska", country="PL")
    api = api_as(viewer)

    default = api.get("/contacts").json()
    everything = api.get("/contacts?limit=200").json()

    assert (len(default["items"]), bool(default["next_cursor"])) == (50, True)
    assert (len(everything["items"]), everything["next_cursor"]) == (51, None)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("country=XX", "country"),
        ("language=!!", "language"),
        ("ordering=surname", "query.ordering"),
        ("limit=0", "query.limit"),
        ("limit=201", "query.limit"),
        ("limit=ten", "query.limit"),
        ("owner_id=me", "query.owner_id"),
        ("do_not_contact=maybe", "query.do_not_contact"),
        ("tag=%00", "query.tag"),
        ("cursor=not-a-cursor", "cursor"),
    ],
)
def test_bad_list_parameters_are_422(api_as, viewer, query, field):
    response = api_as(viewer).get(f"/contacts?{query}")

    assert response.status_code == 422
    body = response.json()
    assert body.get("field") == field or [e["field"] for e in body["errors"]] == [field]


def test_contacts_are_ordered_by_family_name_folded(api_as, viewer):
    for given, family in [("Zofia", "Ąbel"), ("Anna", "Nowak"), ("Łukasz", "Lis")]:
        make_contact(given_name=given, family_name=family, country="PL")
    api = api_as(viewer)

    assert names(api.get("/contacts")) == ["Zofia Ąbel", "Łukasz Lis", "Anna Nowak"]
    assert names(api.get("/contacts?ordering=-name")) == ["Anna Nowak", "Łukasz Lis", "Zofia Ąbel"]
    assert names(api.get("/contacts?ordering=-created")) == [
        "Łukasz Lis",
        "Anna Nowak",
        "Zofia Ąbel",
    ]


@pytest.mark.parametrize(
    "ordering", ["name", "-name", "created", "-created", "updated", "-updated"]
)
def test_cursor_walks_every_contact_once_even_with_ties(api_as, viewer, ordering):
    # Ties on every ordering column: equal names, equal creation and update times.
    for index in range(11):
        make_contact(given_name="สมชาย", family_name="ใจดี" if index % 2 else "ศรีสุข")
    Contact.objects.filter(pk__in=Contact.objects.order_by("pk").values("pk")[:6]).update(
        created_at=datetime(2026, 1, 1, tzinfo=UTC), updated_at=datetime(2026, 1, 2, tzinfo=UTC)
    )
    api = api_as(viewer)

    items, pages = walk(api, f"/contacts?ordering={ordering}", limit=3)

    whole = api.get(f"/contacts?ordering={ordering}&limit=200").json()["items"]
    assert [c["id"] for c in items] == [c["id"] for c in whole]
    assert sorted(c["id"] for c in items) == sorted(Contact.objects.values_list("pk", flat=True))
    assert pages == 4


def test_cursor_survives_rows_added_before_it(api_as, viewer):
    for family in ["Adamska", "Borowska", "Cichy", "Dąbrowska"]:
        make_contact(given_name="Anna", family_name=family, country="PL")
    api = api_as(viewer)
    first = api.get("/contacts?limit=2").json()

    make_contact(given_name="Anna", family_name="Abramowicz", country="PL")
    second = api.get(f"/contacts?limit=2&cursor={first['next_cursor']}").json()

    assert names(api.get("/contacts?limit=2")) == ["Anna Abramowicz", "Anna Adamska"]
    assert [c["family_name"] for c in second["items"]] == ["Cichy", "Dąbrowska"]
    assert second["next_cursor"] is None


def test_previous_cursor_goes_back_through_the_pages_seen(api_as, viewer):
    for family in ["Adamska", "Bąk", "Czarnecka", "Dudek", "Ewa"]:
        make_contact(given_name="Anna", family_name=family, country="PL")
    make_contact(given_name="สมชาย", family_name="ใจดี", country="TH")
    api = api_as(viewer)
    pages = [api.get("/contacts?country=PL&limit=2").json()]
    while pages[-1]["next_cursor"]:
        pages.append(
            api.get(f"/contacts?country=PL&limit=2&cursor={pages[-1]['next_cursor']}").json()
        )
    back = [pages[-1]]
    while back[-1]["previous_cursor"]:
        back.append(
            api.get(f"/contacts?country=PL&limit=2&before={back[-1]['previous_cursor']}").json()
        )

    assert pages[0]["previous_cursor"] is None
    assert [[c["family_name"] for c in page["items"]] for page in back] == [
        ["Ewa"],
        ["Czarnecka", "Dudek"],
        ["Adamska", "Bąk"],
    ]


def test_results_by_relevance_cannot_page_back(api_as, viewer):
    make_contact(given_name="Anna", family_name="Kowalska", country="PL")

    response = api_as(viewer).get("/contacts?q=anna&before=c29tZXdoZXJl")

    assert (response.status_code, response.json()["field"]) == (422, "before")
    assert "relevance" in response.json()["detail"]


def test_cursor_of_another_ordering_is_refused(api_as, viewer):
    for _ in range(3):
        make_contact()
    api = api_as(viewer)
    cursor = api.get("/contacts?limit=1&ordering=created").json()["next_cursor"]

    response = api.get(f"/contacts?limit=1&ordering=name&cursor={cursor}")

    assert (response.status_code, response.json()["code"]) == (422, "invalid_cursor")


def _list_queries(api, path):
    with CaptureQueriesContext(connection) as captured:
        response = api.get(path)
    assert response.status_code == 200
    return len(captured)


def _rich_contact(organization, index):
    return make_contact(
        given_name=f"Agnieszka{index}",
        family_name="Wójcik",
        country="PL",
        emails=[f"a{index}@firma.pl", f"b{index}@firma.pl"],
        phones=[f"+48 601 234 {index:03d}"],
        tags=("Kraków", f"t{index}"),
        roles=(RoleData(organization.pk, "Dyrektor"),),
    )


def test_contact_list_query_count_does_not_grow_with_rows(api_as, viewer):
    organization = make_organization(name="Żółw Logistyka", country="PL")
    api = api_as(viewer)
    for index in range(5):
        _rich_contact(organization, index)
    api.get("/me")  # the token's first use is noted once

    with_5 = _list_queries(api, "/contacts")
    with_5_filtered = _list_queries(api, "/contacts?q=agnieszka&tag=Kraków")
    for index in range(5, 25):
        _rich_contact(organization, index)
    with_25 = _list_queries(api, "/contacts")
    with_25_filtered = _list_queries(api, "/contacts?q=agnieszka&tag=Kraków")

    assert with_5 == with_25 == 7  # token, visibility policy, contacts, emails, phones, tags, roles
    assert with_5_filtered == with_25_filtered


# Contacts: bulk


def test_bulk_keeps_good_contacts_and_reports_bad_ones(api_as, agent):
    make_contact(external_id="legacy-7")
    records = [
        {"given_name": "Łukasz", "family_name": "Nowak", "country": "PL"},
        {"given_name": "Anna", "country": "PL", "phones": [{"number": "12"}]},
        {"given_name": 42},
        {"given_name": "太郎", "family_name": "山田", "country": "JP"},
        {"given_name": "Ola", "external_id": "legacy-7"},
        "not an object",
        {"given_name": "محمد", "country": "SA", "emails": [{"address": "m@example.sa"}]},
    ]

    response = api_as(agent).post("/contacts/bulk", {"records": records})

    assert response.status_code == 200
    body = response.json()
    created = Contact.objects.filter(pk__in=body["created"]).order_by("pk")
    assert [c.full_name for c in created] == ["Łukasz Nowak", "山田 太郎", "محمد"]
    assert [(e["index"], e["field"], e["code"]) for e in body["errors"]] == [
        (1, "phones", "invalid"),
        (2, "given_name", "invalid"),
        (4, "external_id", "conflict"),
        (5, "", "invalid"),
    ]
    assert all(e["detail"] for e in body["errors"])
    assert Contact.objects.count() == 4
    assert api_as(agent).get("/contacts?q=nowak").json()["items"][0]["id"] == body["created"][0]


def test_bulk_refuses_more_than_1000_records(api_as, agent):
    response = api_as(agent).post("/contacts/bulk", {"records": [{"given_name": "A"}] * 1001})

    assert response.status_code == 422
    assert not Contact.objects.exists()


def test_bulk_needs_a_list_of_records(api_as, agent):
    response = api_as(agent).post("/contacts/bulk", [{"given_name": "Anna"}])

    assert response.status_code == 422


# Permissions


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/contacts"),
        ("get", "/contacts/1"),
        ("post", "/contacts"),
        ("post", "/contacts/bulk"),
        ("get", "/organizations"),
        ("post", "/organizations"),
        ("delete", "/organizations/1"),
    ],
)
def test_unauthenticated_calls_are_401(method, path):
    response = getattr(Client(), method)(f"/api/v1{path}")

    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")


def test_viewer_reads_but_cannot_write(api_as, viewer):
    contact, organization = make_contact(), make_organization()
    api = api_as(viewer)

    assert api.get("/contacts").status_code == 200
    assert api.get(f"/contacts/{contact.pk}").status_code == 200
    assert api.get(f"/organizations/{organization.pk}").status_code == 200
    refused = [
        api.post("/contacts", {"given_name": "Anna"}),
        api.post("/contacts/bulk", {"records": [{"given_name": "Anna"}]}),
        api.patch(f"/contacts/{contact.pk}", {"given_name": "Anna"}),
        api.delete(f"/contacts/{contact.pk}"),
        api.post("/organizations", {"name": "Żółw"}),
        api.post("/organizations/bulk", {"records": [{"name": "Żółw"}]}),
        api.patch(f"/organizations/{organization.pk}", {"name": "Żółw"}),
        api.delete(f"/organizations/{organization.pk}"),
    ]

    assert [(r.status_code, r.json()["code"]) for r in refused] == [
        (403, "permission_denied")
    ] * len(refused)
    assert Contact.objects.get().given_name == "สมชาย"
    assert Organization.objects.get().name == "บริษัท สยามเทรดดิ้ง จำกัด"


def test_signed_in_browser_session_reads_the_api(client, viewer):
    make_contact()
    client.force_login(viewer)

    response = client.get("/api/v1/contacts")

    assert response.status_code == 200
    assert len(response.json()["items"]) == 1


# Organizations


def test_manager_creates_a_polish_organization_and_reads_it_back(api_as, manager):
    api = api_as(manager)
    parent = make_organization(name="Grupa Żółw S.A.", country="PL")

    created = api.post(
        "/organizations",
        {
            "name": "Żółw Logistyka sp. z o.o.",
            "industry": "h",
            "size_band": "50-249",
            "country": "PL",
            "subdivision": "pl-12",
            "street": "ul. Floriańska 3",
            "city": "Kraków",
            "postal_code": "31-019",
            "website": "zolw.pl",
            "parent_id": parent.pk,
            "owner_id": manager.pk,
            "identifiers": [{"scheme": "pl_nip", "value": "PL 526-025-02-74"}],
            "tags": ["logistyka"],
        },
    )

    assert created.status_code == 201, created.json()
    body = created.json()
    assert body == api.get(f"/organizations/{body['id']}").json()
    assert (body["industry"], body["subdivision"], body["website"]) == (
        "H",
        "PL-12",
        "https://zolw.pl",
    )
    assert body["identifiers"] == [
        {"scheme": "pl_nip", "value": "5260250274", "formatted": "526-025-02-74"}
    ]
    assert (body["parent_id"], body["owner_id"], body["tags"]) == (
        parent.pk,
        manager.pk,
        ["logistyka"],
    )


def test_organization_patch_changes_only_the_fields_sent(api_as, agent):
    organization = make_organization(
        name="บริษัท สยามเทรดดิ้ง จำกัด",
        city="กรุงเทพมหานคร",
        identifiers=(),
        tags=("ค้าส่ง",),
    )
    api = api_as(agent)

    body = api.patch(f"/organizations/{organization.pk}", {"name_latin": "Siam Trading"}).json()

    assert (body["name"], body["name_latin"], body["city"], body["tags"]) == (
        "บริษัท สยามเทรดดิ้ง จำกัด",
        "Siam Trading",
        "กรุงเทพมหานคร",
        ["ค้าส่ง"],
    )


def test_deleting_an_organization_keeps_its_contacts(api_as, agent):
    organization = make_organization()
    contact = make_contact(roles=(RoleData(organization.pk, "CEO"),))
    api = api_as(agent)

    response = api.delete(f"/organizations/{organization.pk}")

    assert response.status_code == 204
    assert api.get(f"/contacts/{contact.pk}").json()["organizations"] == []
    assert not ContactOrganization.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "Żółw", "country": "QQ"}, "country"),
        ({"name": "Żółw", "industry": "Z"}, "industry"),
        ({"name": "Żółw", "size_band": "huge"}, "size_band"),
        ({"name": "Żółw", "country": "PL", "subdivision": "TH-10"}, "subdivision"),
        ({"name": "Żółw", "website": "not a url"}, "website"),
        ({"name": "Żółw", "identifiers": [{"scheme": "pl_nip", "value": "123"}]}, "identifiers"),
        ({"name": "Żółw", "identifiers": [{"scheme": "xx", "value": "123"}]}, "identifiers"),
        ({"name": "Żółw", "parent_id": 424242}, "parent_id"),
        ({"name": "Żółw", "team_id": 424242}, "team_id"),
    ],
)
def test_invalid_organization_is_422(api_as, agent, payload, field):
    response = api_as(agent).post("/organizations", payload)

    assert (response.status_code, response.json()["field"]) == (422, field)
    assert not Organization.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"name": 7},
        {"name": "Żółw", "website": "x" * 295 + ".pl"},
        {"name": "Żółw", "identifiers": "5260250274"},
        {"name": "Żółw", "parent_id": 0},
        {"name": "Żółw", "tags": [1, 2]},
        {"name": "Żółw", "colour": "green"},
    ],
)
def test_malformed_organization_body_is_422(api_as, agent, payload):
    response = api_as(agent).post("/organizations", payload)

    assert (response.status_code, response.json()["code"]) == (422, "invalid")
    assert not Organization.objects.exists()


def test_organization_cannot_become_its_own_grandparent(api_as, agent):
    top = make_organization(name="Grupa")
    child = make_organization(name="Spółka", parent_id=top.pk)

    response = api_as(agent).patch(f"/organizations/{top.pk}", {"parent_id": child.pk})

    assert (response.status_code, response.json()["field"]) == (422, "parent_id")


def test_organization_filters_and_search(api_as, viewer):
    group = make_organization(name="Grupa Żółw S.A.", country="PL", industry="H", tags=("pl",))
    zolw = make_organization(name="Żółw Logistyka", country="PL", industry="H", parent_id=group.pk)
    yamada = make_organization(
        name="株式会社山田製作所", name_latin="Yamada Seisakusho", country="JP"
    )
    siam = make_organization(name="บริษัท สยามเทรดดิ้ง จำกัด", country="TH", industry="G")
    api = api_as(viewer)

    def ids(query):
        response = api.get(f"/organizations?{query}")
        assert response.status_code == 200, response.json()
        return {item["id"] for item in response.json()["items"]}

    assert ids("country=pl") == {group.pk, zolw.pk}
    assert ids("industry=h") == {group.pk, zolw.pk}
    assert ids(f"parent_id={group.pk}") == {zolw.pk}
    assert ids("tag=pl") == {group.pk}
    assert ids("q=zolw") == {group.pk, zolw.pk}
    assert ids("q=山田") == {yamada.pk}
    assert ids("q=yamada") == {yamada.pk}
    assert ids("q=สยาม") == {siam.pk}
    assert api.get("/organizations?country=ZZ").status_code == 422


@pytest.mark.parametrize("ordering", ["name", "-name", "created", "-updated"])
def test_cursor_walks_every_organization_once(api_as, viewer, ordering):
    for index in range(9):
        make_organization(name="บริษัท สยามเทรดดิ้ง จำกัด" if index % 3 else f"Żółw {index}")
    api = api_as(viewer)

    items, pages = walk(api, f"/organizations?ordering={ordering}", limit=2)

    whole = api.get(f"/organizations?ordering={ordering}&limit=200").json()["items"]
    assert [o["id"] for o in items] == [o["id"] for o in whole]
    assert len({o["id"] for o in items}) == 9
    assert pages == 5


def test_organization_list_query_count_does_not_grow_with_rows(api_as, viewer):
    api = api_as(viewer)

    def add(count):
        for index in range(count):
            make_organization(
                name=f"Żółw {index}",
                country="PL",
                identifiers=(),
                tags=("logistyka", f"t{index}"),
            )

    add(5)
    api.get("/me")
    with_5 = _list_queries(api, "/organizations")
    add(20)
    with_25 = _list_queries(api, "/organizations")

    assert with_5 == with_25 == 5  # token, visibility policy, organizations, identifiers, tags


def test_organization_bulk_keeps_good_records(api_as, agent):
    response = api_as(agent).post(
        "/organizations/bulk",
        {
            "records": [
                {"name": "株式会社山田製作所", "country": "JP"},
                {"name": "", "country": "JP"},
                {"name": "Żółw", "identifiers": [{"scheme": "pl_nip", "value": "526-025-02-75"}]},
                {"name": "บริษัท สยามเทรดดิ้ง จำกัด", "country": "TH"},
            ]
        },
    )

    body = response.json()
    assert [(e["index"], e["field"]) for e in body["errors"]] == [(1, "name"), (2, "identifiers")]
    assert sorted(Organization.objects.values_list("name", flat=True)) == sorted(
        ["株式会社山田製作所", "บริษัท สยามเทรดดิ้ง จำกัด"]
    )
    assert len(body["created"]) == 2
