from urllib.parse import quote

import pytest

from amity.core.search import search
from amity.people.contracts import IdentifierData
from factories import make_contact, make_organization

pytestmark = pytest.mark.django_db


def _found(query, kinds=None):
    return {(hit.kind, hit.title) for hit in search(query, kinds=kinds)}


@pytest.fixture
def people():
    make_contact(given_name="Łukasz", family_name="Żółw", country="PL", emails=("lz@firma.pl",))
    make_contact(
        honorific_prefix="นาย", given_name="สมชาย", family_name="ใจดี", phones=("+66 81 234 5678",)
    )
    make_contact(given_name="太郎", family_name="山田", country="JP")
    make_contact(given_name="ليلى", family_name="الحربي", country="SA")
    make_organization(
        name="Żabka Polska", country="PL", identifiers=(IdentifierData("pl_nip", "5260001246"),)
    )


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("lukasz", "Łukasz Żółw"),
        ("ZOLW", "Łukasz Żółw"),
        ("lz@firma", "Łukasz Żółw"),
        ("สมชาย", "สมชาย ใจดี"),
        ("ใจ", "สมชาย ใจดี"),
        ("somchai", "สมชาย ใจดี"),
        ("081 234 5678", "สมชาย ใจดี"),
        ("+66812345678", "สมชาย ใจดี"),
        ("yamada", "山田 太郎"),
        ("山田", "山田 太郎"),
        ("الحربي", "ليلى الحربي"),
        ("zabka", "Żabka Polska"),
        ("526-000-12-46", "Żabka Polska"),
    ],
)
def test_one_box_finds_people_and_organizations_in_any_script(people, query, title):
    assert title in {t for _kind, t in _found(query)}


def test_kinds_limit_the_search(people):
    assert _found("zabka", kinds=["contact"]) == set()
    assert _found("zabka", kinds=["organization"]) == {("organization", "Żabka Polska")}


# A whole email or phone: an equality on the indexed columns, not a substring search


def test_a_whole_email_finds_the_contact_that_has_exactly_it():
    anna = make_contact(
        given_name="Anna", family_name="Nowak", country="PL", emails=("anna@firma.pl",)
    )
    joanna = make_contact(
        given_name="Joanna", family_name="Lis", country="PL", emails=("joanna@firma.pl",)
    )

    assert [h.object_id for h in search("Anna@Firma.pl")] == [anna.pk]
    assert {h.object_id for h in search("anna@firma")} == {anna.pk, joanna.pk}  # a fragment
    assert {h.object_id for h in search("nna@firma.pl")} == {anna.pk, joanna.pk}  # nobody's


def test_a_whole_international_number_finds_the_contact_that_has_it():
    somchai = make_contact(phones=("+66 81 234 5678",))
    make_contact(given_name="มาลี", phones=("+66 81 234 5679",))

    assert [h.object_id for h in search("+66 81-234-5678")] == [somchai.pk]
    assert [h.object_id for h in search("081 234 5678")] == [somchai.pk]  # national: digits


def test_a_whole_national_number_finds_who_has_it_in_any_country(api_as, viewer):
    somchai = make_contact(phones=("+66 81 234 5678",))  # Thailand: trunk prefix 0
    anna = make_contact(given_name="Anna", country="PL", phones=("+48 600 000 123",))  # none
    yamada = make_contact(
        given_name="太郎", family_name="山田", country="JP", phones=("+81 90-1234-5678",)
    )
    malee = make_contact(given_name="มาลี", phones=("+66 81 234 5679",))

    listed = api_as(viewer).get(f"/contacts?q={quote('081-234-5678')}").json()["items"]

    assert [h.object_id for h in search("081 234 5678")] == [somchai.pk]
    assert [h.object_id for h in search("600 000 123")] == [anna.pk]
    assert [h.object_id for h in search("090-1234-5678")] == [yamada.pk]
    assert [item["id"] for item in listed] == [somchai.pk]
    assert {h.object_id for h in search("081 234")} == {somchai.pk, malee.pk}  # being typed


# GET /api/v1/search


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("สมชาย", "สมชาย ใจดี"),  # inside Thai text without spaces ("นายสมชาย")
        ("ใจ", "สมชาย ใจดี"),
        ("somchai", "สมชาย ใจดี"),
        ("lukasz zolw", "Łukasz Żółw"),  # Polish without diacritics
        ("ŁUKASZ", "Łukasz Żółw"),
        ("yamada", "山田 太郎"),  # Japanese romanized
        ("taro", "山田 太郎"),
        ("山田", "山田 太郎"),
        ("الحربي", "ليلى الحربي"),
        ("lz@firma.pl", "Łukasz Żółw"),
        ("lz@firma", "Łukasz Żółw"),
        ("+66 81 234 5678", "สมชาย ใจดี"),
        ("081-234-5678", "สมชาย ใจดี"),
        ("zabka", "Żabka Polska"),
        ("526-000-12-46", "Żabka Polska"),
    ],
)
def test_search_api_finds_people_and_organizations_in_any_script(
    api_as, viewer, people, query, label
):
    response = api_as(viewer).get(f"/search?q={quote(query)}")

    assert response.status_code == 200, response.json()
    assert label in [item["label"] for item in response.json()["items"]]


def test_search_api_hits_say_what_each_record_is(api_as, viewer, people):
    body = api_as(viewer).get("/search?q=lz%40firma.pl").json()

    lukasz = body["items"][0]
    assert body == {
        "items": [
            {"kind": "contact", "id": lukasz["id"], "label": "Łukasz Żółw", "detail": "lz@firma.pl"}
        ]
    }


def test_search_api_ranks_names_that_start_with_the_query_first(api_as, viewer):
    joanna = make_contact(given_name="Joanna", family_name="Annanowicz", country="PL")
    anna = make_contact(given_name="Anna", family_name="Kowalska", country="PL")

    items = api_as(viewer).get("/search?q=anna").json()["items"]

    assert [item["id"] for item in items] == [anna.pk, joanna.pk]


def test_search_api_kinds_and_limit(api_as, viewer, people):
    api = api_as(viewer)
    make_contact(given_name="Zabka", family_name="Nowak", country="PL")

    both = api.get("/search?q=zabka").json()["items"]
    organizations = api.get("/search?q=zabka&kinds=organization").json()["items"]
    one = api.get("/search?q=zabka&limit=1").json()["items"]

    assert sorted(item["kind"] for item in both) == ["contact", "organization"]
    assert [item["label"] for item in organizations] == ["Żabka Polska"]
    assert len(one) == 1


@pytest.mark.parametrize(
    ("query", "status", "code", "field"),
    [
        ("q=", 422, "required", "q"),
        ("q=%20%20", 422, "required", "q"),
        ("", 422, "invalid", "query.q"),
        ("q=" + "ก" * 201, 422, "invalid", "query.q"),
        ("q=anna&kinds=invoice", 422, "invalid", "kinds"),
        ("q=anna&limit=0", 422, "invalid", "query.limit"),
        ("q=anna&limit=51", 422, "invalid", "query.limit"),
        ("q=a%00b", 422, "invalid", "query.q"),
    ],
)
def test_search_api_refuses_what_it_cannot_search(api_as, viewer, query, status, code, field):
    response = api_as(viewer).get(f"/search?{query}")

    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert field in (body.get("field"), *(e["field"] for e in body.get("errors", [])))


def test_search_api_needs_a_token(client):
    response = client.get("/api/v1/search?q=anna")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_search_api_costs_the_same_queries_however_many_match(
    api_as, viewer, django_assert_num_queries
):
    api = api_as(viewer)
    api.get("/me")  # the token's first use is noted once
    make_contact(given_name="Agnieszka", family_name="Wójcik", country="PL")
    with django_assert_num_queries(4):  # token, visibility policy, candidates, their entries
        assert len(api.get("/search?q=wojcik").json()["items"]) == 1
    for n in range(30):
        make_contact(given_name=f"Agnieszka{n}", family_name="Wójcik", country="PL")
    with django_assert_num_queries(4):
        assert len(api.get("/search?q=wojcik").json()["items"]) == 20


# Lists with q: relevance first unless an ordering is asked for


def _ids(response):
    assert response.status_code == 200, response.json()
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def annas():
    """Created in this order; "anna" starts a word of 0, 2 and 4, is inside a word of 1 and 3."""
    return [
        make_contact(given_name="Anna", family_name="Zielińska", country="PL"),
        make_contact(given_name="Joanna", family_name="Wójcik", country="PL"),
        make_contact(given_name="สมศรี", family_name="Annan", country="TH"),
        make_contact(given_name="Zuzanna", family_name="Ąbel", country="PL"),
        make_contact(given_name="Anna", family_name="Kowalska", country="PL", tags=("vip",)),
    ]


def test_contacts_with_q_come_best_first(api_as, viewer, annas):
    api = api_as(viewer)

    by_relevance = _ids(api.get("/contacts?q=anna"))
    explicit = _ids(api.get("/contacts?q=anna&ordering=relevance"))
    by_name = _ids(api.get("/contacts?q=anna&ordering=name"))

    assert by_relevance == explicit == [annas[i].pk for i in (0, 2, 4, 1, 3)]
    # sort keys: "abel zuzanna", "annan สมศรี", "kowalska anna", "wojcik joanna", "zielinska anna"
    assert by_name == [annas[i].pk for i in (3, 2, 4, 1, 0)]


def test_relevance_pages_reach_every_match_once_with_other_filters(api_as, viewer, annas):
    api = api_as(viewer)

    every = walk_ids(api, "/contacts?q=anna", limit=2)
    polish = walk_ids(api, "/contacts?q=anna&country=PL", limit=1)
    tagged = walk_ids(api, "/contacts?q=anna&tag=vip", limit=1)

    assert every == [annas[i].pk for i in (0, 2, 4, 1, 3)]
    assert polish == [annas[i].pk for i in (0, 4, 1, 3)]
    assert tagged == [annas[4].pk]


def test_without_q_relevance_is_the_name_order(api_as, viewer, annas):
    api = api_as(viewer)

    assert _ids(api.get("/contacts?ordering=relevance")) == _ids(api.get("/contacts"))


def test_a_relevance_cursor_is_refused_in_another_ordering(api_as, viewer, annas):
    api = api_as(viewer)
    cursor = api.get("/contacts?q=anna&limit=1").json()["next_cursor"]

    response = api.get(f"/contacts?q=anna&limit=1&ordering=name&cursor={cursor}")
    damaged = api.get("/contacts?q=anna&limit=1&cursor=eyJvIjoicmVsZXZhbmNlIiwidiI6WzksMV19")

    assert response.status_code == damaged.status_code == 422
    assert response.json()["code"] == damaged.json()["code"] == "invalid_cursor"


def test_a_whole_email_in_a_list_is_an_exact_match(api_as, viewer):
    anna = make_contact(
        given_name="Anna", family_name="Nowak", country="PL", emails=("anna@firma.pl",)
    )
    make_contact(given_name="Joanna", family_name="Lis", country="PL", emails=("joanna@firma.pl",))
    api = api_as(viewer)

    assert _ids(api.get("/contacts?q=ANNA%40firma.pl")) == [anna.pk]
    assert _ids(api.get("/contacts?q=anna%40firma.pl&ordering=name")) == [anna.pk]
    assert len(_ids(api.get("/contacts?q=anna%40firma"))) == 2


def test_organizations_with_q_come_best_first(api_as, viewer):
    inside = make_organization(name="Superżółw", country="PL")
    group = make_organization(name="Grupa Żółw", country="PL")
    api = api_as(viewer)

    assert _ids(api.get("/organizations?q=zolw")) == [group.pk, inside.pk]
    assert _ids(api.get("/organizations?q=zolw&ordering=-name")) == [inside.pk, group.pk]


def test_relevance_list_query_count_does_not_grow_with_matches(
    api_as, viewer, django_assert_num_queries
):
    api = api_as(viewer)
    api.get("/me")
    for n in range(3):
        make_contact(given_name=f"Agnieszka{n}", family_name="Wójcik", country="PL", tags=("a",))
    # token, visibility policy, word starts, inside words, contacts, emails, phones, tags, roles
    with django_assert_num_queries(9):
        assert len(_ids(api.get("/contacts?q=wojcik"))) == 3
    for n in range(3, 60):
        make_contact(given_name=f"Agnieszka{n}", family_name="Wójcik", country="PL", tags=("a",))
    with django_assert_num_queries(8):  # a full page of word starts: no second group
        assert len(_ids(api.get("/contacts?q=wojcik"))) == 50


def walk_ids(api, path, limit):
    ids, cursor = [], None
    while True:
        response = api.get(f"{path}&limit={limit}" + (f"&cursor={cursor}" if cursor else ""))
        ids += _ids(response)
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return ids
