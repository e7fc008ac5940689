"""GET /api/v1/countries and /api/v1/countries/{code}."""

import pytest

pytestmark = pytest.mark.django_db


def test_country_list_in_the_users_language(api_as, agent, django_assert_num_queries):
    api = api_as(agent)  # a Thai user

    with django_assert_num_queries(2):  # the token and its last-used time
        response = api.get("/countries")

    countries = {row["code"]: row["name"] for row in response.json()}
    assert response.status_code == 200
    assert countries["TH"] == "ไทย"
    assert countries["PL"] == "โปแลนด์"
    assert len(countries) >= 249
    polish = api.get("/countries?language=pl").json()
    assert {"code": "JP", "name": "Japonia"} in polish


def test_country_detail_with_holidays_of_a_year(api_as, manager):
    response = api_as(manager).get("/countries/th?year=2026")

    body = response.json()
    assert response.status_code == 200
    assert body["code"] == "TH"
    assert body["name"] == "Tajlandia"  # the Polish manager's language
    assert body["weekend"] == [5, 6]
    assert body["business_hours"] == {"opens": "08:30", "closes": "17:30", "set_by_company": False}
    assert body["era"] == "buddhist"
    assert body["formats"]["short_date"] == "31/12/26"
    songkran = next(h for h in body["holidays"] if h["date"] == "2026-04-13")
    assert songkran == {
        "date": "2026-04-13",
        "name": "Songkran Festival",
        "local_name": "วันสงกรานต์",
        "english_name": "Songkran Festival",
    }


def test_polish_holidays_in_polish_and_a_subdivision(api_as, manager):
    poland = api_as(manager).get("/countries/PL?year=2026").json()
    bavaria = api_as(manager).get("/countries/DE?year=2026&subdivision=BY&language=de").json()

    assert {"date": "2026-11-11", "name": "Narodowe Święto Niepodległości"}.items() <= next(
        h for h in poland["holidays"] if h["date"] == "2026-11-11"
    ).items()
    assert bavaria["subdivision"] == "BY"
    assert "Heilige Drei Könige" in [h["name"] for h in bavaria["holidays"]]


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/countries/XX", 404, "not_found"),
        ("/countries/Thailand", 404, "not_found"),
        ("/countries/TH?year=1800", 422, "invalid_year"),
        ("/countries/TH?year=soon", 422, "invalid"),
        ("/countries/US?subdivision=ZZ", 422, "unknown_subdivision"),
        ("/countries/US?language=zz-nonsense", 422, "unknown_language"),
        ("/countries?language=%00", 422, "unknown_language"),
    ],
)
def test_bad_requests_get_clear_json_errors(api_as, viewer, path, status, code):
    response = api_as(viewer).get(path)

    assert response.status_code == status
    assert response.json()["code"] == code
    assert response.json()["detail"]


def test_countries_need_authentication(client):
    assert client.get("/api/v1/countries").status_code == 401
