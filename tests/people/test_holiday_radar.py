"""The holiday radar: public holidays coming up where contacts live, one entry per holiday and
country with its days merged, in the viewer's language; the page, the API and `amity holidays`."""

import io
import json
from datetime import UTC, date, datetime

import pytest
from django.core.management import CommandError, call_command

from amity.core.errors import DomainError
from amity.people.holiday_radar import holiday_radar
from factories import make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def customers():
    """Three Thai, two Polish, one Japanese, one Saudi, one Emirati contact; one unplaced."""
    for given, family in [("สมชาย", "ใจดี"), ("สมศรี", "มีสุข"), ("วิชัย", "รักไทย")]:
        make_contact(given_name=given, family_name=family, country="TH")
    make_contact(given_name="Agnieszka", family_name="Wójcik", country="PL")
    make_contact(given_name="Łukasz", family_name="Żółkiewski", country="PL")
    make_contact(given_name="太郎", family_name="山田", country="JP", name_order="family_given")
    make_contact(given_name="ليلى", family_name="الحربي", country="SA", timezone="Asia/Riyadh")
    make_contact(given_name="خالد", family_name="المنصوري", country="AE")
    make_contact(given_name="Nobody", family_name="Anywhere", country="")


def test_songkran_is_one_range_with_the_thai_contacts(customers, django_assert_num_queries):
    with django_assert_num_queries(1):  # one grouped count; the calendars need no queries
        entries = holiday_radar(start=date(2026, 4, 10), days=14)

    assert [(e.name, e.country, e.first, e.last, e.contacts) for e in entries] == [
        ("Songkran Festival", "TH", date(2026, 4, 13), date(2026, 4, 15), 3),
    ]
    assert entries[0].days == 3
    assert entries[0].country_name == "Thailand"
    assert entries[0].dates == "Apr 13\u2009\u2013\u200915"


def test_names_and_dates_in_thai_for_a_thai_reader(customers):
    entries = holiday_radar(start=date(2026, 4, 10), days=14, language="th")

    assert [(e.name, e.country_name, e.dates) for e in entries] == [
        ("วันสงกรานต์", "ไทย", "13\u201315 เม.ย."),
    ]


def test_eid_is_merged_across_days_and_countries_are_kept_apart(customers):
    entries = holiday_radar(start=date(2026, 3, 18), days=7)

    assert [(e.name, e.country, e.first.day, e.last.day, e.contacts) for e in entries] == [
        ("Eid al-Fitr Holiday", "SA", 19, 22, 1),  # same day: by country name
        ("Eid al-Fitr Holiday", "AE", 19, 22, 1),  # Eid itself (the 20th) lies between
        ("Vernal Equinox Day", "JP", 20, 20, 1),
        ("Eid al-Fitr", "AE", 20, 20, 1),
        ("Eid al-Fitr Holiday (observed)", "SA", 23, 24, 1),
    ]


def test_a_holiday_starting_inside_the_window_is_shown_whole(customers):
    entries = holiday_radar(start=date(2026, 4, 1), days=13)  # the window ends on the 13th

    songkran = [e for e in entries if e.country == "TH" and e.first == date(2026, 4, 13)]
    assert songkran[0].last == date(2026, 4, 15)


def test_november_in_poland_and_japan_in_polish(customers):
    entries = holiday_radar(start=date(2026, 11, 1), days=14, language="pl")

    assert [(e.name, e.country_name, e.first, e.contacts) for e in entries] == [
        ("Uroczystość Wszystkich Świętych", "Polska", date(2026, 11, 1), 2),
        ("Culture Day", "Japonia", date(2026, 11, 3), 1),  # no Polish names for Japan
        ("Narodowe Święto Niepodległości", "Polska", date(2026, 11, 11), 2),
    ]


def test_days_must_be_between_1_and_366():
    for bad in (0, -1, 367, "abc", ""):
        with pytest.raises(DomainError) as error:
            holiday_radar(start=date(2026, 4, 10), days=bad)
        assert error.value.code == "invalid_days"


# The API


def test_api_lists_the_radar(customers, api_as, viewer, django_assert_max_num_queries):
    api = api_as(viewer)

    response = api.get("/holiday-radar?days=14&start=2026-04-10")

    assert response.status_code == 200
    assert response.json() == {
        "start": "2026-04-10",
        "days": 14,
        "items": [
            {
                "holiday": "Songkran Festival",
                "country": "TH",
                "country_name": "Thailand",
                "subdivision": "",
                "first": "2026-04-13",
                "last": "2026-04-15",
                "dates": "Apr 13\u2009\u2013\u200915",
                "contacts": 3,
            }
        ],
    }


def test_api_speaks_the_token_owners_language(customers, api_as, agent):
    response = api_as(agent).get("/holiday-radar?days=14&start=2026-04-10")  # a Thai user

    assert response.json()["items"][0]["holiday"] == "วันสงกรานต์"


@pytest.mark.parametrize("days", ["-1", "0", "abc", "400", "1.5"])
def test_api_refuses_malformed_days(api_as, viewer, days):
    response = api_as(viewer).get(f"/holiday-radar?days={days}")

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert response.json()["errors"][0]["field"].endswith("days")


def test_api_refuses_a_malformed_start(api_as, viewer):
    response = api_as(viewer).get("/holiday-radar?start=2026-13-40")

    assert response.status_code == 422


def test_api_needs_a_token(client):
    assert client.get("/api/v1/holiday-radar").status_code == 401


# The page


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def test_page_lists_holidays_and_links_to_the_contacts(customers, signed_in, agent, clock):
    clock.set(datetime(2026, 4, 10, 12, tzinfo=UTC))

    html = signed_in(agent).get("/holidays/").content.decode()

    assert "วันสงกรานต์" in html  # the agent reads Thai
    assert "13\u201315 เม.ย." in html
    assert 'href="/contacts/?country=TH"' in html
    assert '<a href="/holidays/" aria-current="page">' in html


def test_page_explains_a_bad_number_of_days(customers, signed_in, manager, clock):
    clock.set(datetime(2026, 11, 1, 12, tzinfo=UTC))

    response = signed_in(manager).get("/holidays/?days=500")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html
    assert "Narodowe Święto Niepodległości" in html  # the default 14 days still shown


def test_home_page_links_to_the_radar_and_loads_its_summary(signed_in, viewer, clock):
    clock.set(datetime(2026, 4, 10, 12, tzinfo=UTC))
    make_contact(country="TH")
    client = signed_in(viewer)

    home = client.get("/").content.decode()
    summary = client.get("/holidays/summary/").content.decode()

    assert 'hx-get="/holidays/summary/"' in home
    assert '<a href="/holidays/">' in home  # in the main navigation
    assert "Songkran Festival" in summary
    assert "1 contact" in summary


def test_page_query_count_does_not_grow_with_contacts(
    customers, signed_in, viewer, django_assert_num_queries
):
    client = signed_in(viewer)
    client.get("/holidays/")  # warm the session and calendars
    with django_assert_num_queries(3):  # session, user, one grouped count
        client.get("/holidays/")
    for index in range(20):
        make_contact(given_name=f"คนที่ {index}", country="TH")
    with django_assert_num_queries(3):
        client.get("/holidays/")


# The command line


def test_cli_prints_json_for_scripts(customers):
    out = io.StringIO()

    call_command("holidays", "--days", "14", "--from", "2026-11-01", "--json", stdout=out)

    rows = json.loads(out.getvalue())
    assert rows[0] == {
        "holiday": "All Saints' Day",
        "country": "PL",
        "country_name": "Poland",
        "subdivision": "",
        "first": "2026-11-01",
        "last": "2026-11-01",
        "contacts": 2,
    }
    assert [row["holiday"] for row in rows] == [
        "All Saints' Day",
        "Culture Day",
        "National Independence Day",
    ]


def test_cli_prints_lines_for_people(customers):
    out = io.StringIO()

    call_command("holidays", "--days", "14", "--from", "2026-04-10", stdout=out)

    assert out.getvalue() == "Apr 13\u2009\u2013\u200915  Songkran Festival, Thailand: 3 contacts\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--days", "-1"], "from 1 to 366"),
        (["--days", "abc"], "from 1 to 366"),
        (["--days", "400"], "from 1 to 366"),
        (["--from", "2026-02-30"], "2026-02-30 is not a date"),
    ],
)
def test_cli_refuses_malformed_input(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("holidays", *args, stdout=io.StringIO())
