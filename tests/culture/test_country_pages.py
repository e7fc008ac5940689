"""Country pages and the administrators' business calendar page."""

import pytest

from amity.culture.models import BusinessHoursOverride, CompanyClosure
from factories import make_contact

pytestmark = pytest.mark.django_db


def test_country_list_in_the_readers_language(client, agent, django_assert_num_queries):
    client.force_login(agent)  # Thai

    with django_assert_num_queries(2):  # the session and its user
        response = client.get("/countries/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/countries/TH/">ไทย</a>' in html
    assert '<a href="/countries/PL/">โปแลนด์</a>' in html
    assert 'href="/countries/"' in html  # the navigation link


def test_thai_country_page_for_a_buddhist_era_reader(client, agent, django_assert_num_queries):
    agent.calendar_era = "buddhist"
    agent.save(update_fields=["calendar_era"])
    client.force_login(agent)

    with django_assert_num_queries(2):
        response = client.get("/countries/TH/?year=2026")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>ไทย" in html
    assert "13 เมษายน 2569" in html  # Songkran, year in the Buddhist era
    assert "วันสงกรานต์" in html
    assert "08:30\u201317:30" in html


def test_polish_reader_sees_japanese_holidays_with_local_names(client, manager):
    client.force_login(manager)

    html = client.get("/countries/JP/?year=2026").content.decode()

    assert "Japonia" in html
    assert "6 maja 2026" in html
    assert "振替休日" in html
    assert "Substitute Holiday" in html  # no Polish names for Japanese holidays: English


def test_subdivision_and_bad_year(client, viewer):
    client.force_login(viewer)

    california = client.get("/countries/US/?year=2026&subdivision=CA").content.decode()
    bad_year = client.get("/countries/US/?year=1800").content.decode()

    assert "Cesar Chavez Day" in california
    assert 'class="error"' in bad_year
    assert client.get("/countries/XX/").status_code == 404


def test_contact_page_links_to_the_contacts_country(client, agent):
    contact = make_contact(given_name="Agnieszka", family_name="Wójcik", country="PL")
    client.force_login(agent)

    html = client.get(f"/contacts/{contact.pk}/").content.decode()

    assert 'href="/countries/PL/"' in html


def test_only_admins_open_the_business_calendar(client, manager, admin_user):
    client.force_login(manager)
    assert client.get("/settings/calendar/").status_code == 403
    assert (
        client.post(
            "/settings/calendar/",
            {"set_hours": "1", "country": "PL", "opens": "07:00", "closes": "15:00"},
        ).status_code
        == 403
    )
    assert not BusinessHoursOverride.objects.exists()
    client.force_login(admin_user)
    assert client.get("/settings/calendar/").status_code == 200


def test_admin_sets_hours_and_adds_a_closure(client, admin_user):
    client.force_login(admin_user)

    hours = client.post(
        "/settings/calendar/",
        {"set_hours": "1", "country": "pl", "opens": "07:30", "closes": "15:30"},
    )
    closure = client.post(
        "/settings/calendar/",
        {
            "add_closure": "1",
            "name": "Wigilia firmowa",
            "first_day": "2026-12-23",
            "last_day": "2026-12-23",
            "country": "PL",
        },
    )

    assert hours.status_code == closure.status_code == 302
    page = client.get("/countries/PL/?year=2026").content.decode()
    assert "07:30\u201315:30" in page
    assert "set by your company" in page
    assert CompanyClosure.objects.get().name == "Wigilia firmowa"


def test_bad_closure_shows_the_error_and_saves_nothing(client, admin_user):
    client.force_login(admin_user)

    response = client.post(
        "/settings/calendar/",
        {
            "add_closure": "1",
            "name": "Majówka",
            "first_day": "2026-05-03",
            "last_day": "2026-05-01",
            "country": "",
        },
    )

    assert response.status_code == 200
    assert "The last day must not be before the first day." in response.content.decode()
    assert not CompanyClosure.objects.exists()
