"""The meeting finder pages: search, slot table in local times, booking, invitations."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from amity.interactions.models import Interaction
from factories import make_contact

pytestmark = pytest.mark.django_db


def test_contact_page_links_to_the_finder_with_the_contact(client, manager, anna):
    client.force_login(manager)
    page = client.get(reverse("contact_detail", args=[anna.pk])).content.decode()
    assert f'href="/meetings/?contacts={anna.pk}"' in page
    finder = client.get(f"/meetings/?contacts={anna.pk}").content.decode()
    assert f'value="{anna.pk}"' in finder
    assert f'name="contacts" value="{anna.pk}" checked' in finder
    assert 'href="/meetings/"' in finder  # the navigation link


def test_contact_search_keeps_the_ticked_contacts_and_offers_matches(
    client, manager, anna, taro, django_assert_num_queries
):
    client.force_login(manager)
    client.get("/meetings/")  # the session and user are loaded once before counting
    # session, user, visibility policy, ticked contacts, how common the term is (the search
    # picks its plan), matches
    with django_assert_num_queries(6):
        fragment = client.get(
            "/meetings/contacts/", {"q": "山田", "contacts": [anna.pk]}
        ).content.decode()
    assert f'name="contacts" value="{anna.pk}" checked' in fragment
    assert f'name="contacts" value="{taro.pk}">' in fragment
    assert "Asia/Tokyo" in fragment
    again = client.get("/meetings/contacts/", {"q": "Anna", "contacts": [anna.pk]})
    assert again.content.decode().count(f'value="{anna.pk}"') == 1
    with translation.override("pl"):  # the manager reads Polish
        assert gettext("No other contact matches.") in again.content.decode()


def test_slot_table_shows_each_participants_local_time_and_who_is_outside(
    client, admin_user, manager, anna, taro, clock, django_assert_num_queries
):
    clock.set(datetime(2026, 11, 2, tzinfo=UTC))
    client.force_login(admin_user)
    client.get("/meetings/")
    # session, user, ticked contacts, colleagues, then the search's contacts and colleagues
    with django_assert_num_queries(6):
        page = client.get(
            "/meetings/",
            {
                "contacts": [anna.pk, taro.pk],
                "users": [manager.pk],
                "days": 7,
                "duration_minutes": 60,
            },
        ).content.decode()
    # Warsaw 08:00-16:00 (UTC+1) and Tokyo 09:00-18:00 (UTC+9) share 07:00-09:00 UTC.
    assert '<time datetime="2026-11-02T08:00:00+01:00">Mon 2 Nov 08:00\u201309:00</time>' in page
    assert '<time datetime="2026-11-02T16:00:00+09:00">16:00\u201317:00</time>' in page
    assert 'value="2026-11-02T07:00:00+00:00" id="slot-1"' in page
    assert "inside everyone's hours" in page
    assert "No slot fits everyone" not in page


def test_compromises_are_flagged_with_who_and_by_how_much(client, admin_user, taro, clock):
    clock.set(datetime(2026, 11, 2, tzinfo=UTC))
    ana = make_contact(
        given_name="Ana", family_name="Souza", country="BR", timezone="America/Sao_Paulo"
    )
    client.force_login(admin_user)
    page = client.get(
        "/meetings/", {"contacts": [ana.pk, taro.pk], "days": 7, "duration_minutes": 60}
    ).content.decode()
    assert "No slot fits everyone" in page
    # São Paulo Tuesday 17:00 is Wednesday 05:00 in Tokyo, four hours before opening.
    assert '<time datetime="2026-11-03T17:00:00-03:00">Tue 3 Nov 17:00\u201318:00</time>' in page
    assert '<time datetime="2026-11-04T05:00:00+09:00">Wed 4 Nov 05:00\u201306:00</time>' in page
    assert "next day" in page
    assert "240 minutes before opening" in page
    assert "1 person outside their hours" in page


def test_book_from_the_page_then_download_the_invitation(client, manager, anna, taro):
    client.force_login(manager)
    response = client.post(
        "/meetings/book/",
        {
            "start": "2026-11-04T08:00:00+00:00",
            "duration_minutes": 60,
            "contacts": [anna.pk, taro.pk],
            "users": [manager.pk],
            "title": "Kick-off 東京 / Warszawa",
            "video_link": "https://meet.example.com/kickoff",
        },
    )
    meeting = Interaction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Kick-off 東京 / Warszawa" in page
    # 08:00 UTC: 09:00 in Warsaw, 17:00 in Tokyo.
    assert "09:00\u201310:00" in page
    assert "17:00\u201318:00" in page
    assert f"/meetings/{meeting.pk}/invitation-en.ics" in page
    assert f"/meetings/{meeting.pk}/invitation-pl.ics" in page
    ics = client.get(f"/meetings/{meeting.pk}/invitation-pl.ics")
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Kick-off 東京 / Warszawa"
    assert client.get(f"/meetings/{meeting.pk}/invitation-th.ics").status_code == 404


def test_a_refused_booking_returns_to_the_finder_and_creates_nothing(client, admin_user, anna):
    client.force_login(admin_user)
    response = client.post(
        "/meetings/book/",
        {
            "start": "2026-11-04T08:00:00+00:00",
            "duration_minutes": 60,
            "contacts": [anna.pk],
            "title": "Spotkanie",
            "video_link": "not a link",
        },
        follow=True,
    )
    assert Interaction.objects.count() == 0
    assert "Enter a valid URL." in response.content.decode()


def test_viewers_see_slots_but_no_booking_form(client, viewer, anna):
    client.force_login(viewer)
    page = client.get("/meetings/", {"contacts": [anna.pk], "days": 7, "duration_minutes": 30})
    assert page.status_code == 200
    assert "Proposed slots" in page.content.decode()
    assert "Book meeting" not in page.content.decode()
    response = client.post(
        "/meetings/book/",
        {
            "start": "2026-11-04T08:00:00+00:00",
            "duration_minutes": 60,
            "contacts": [anna.pk],
            "title": "Spotkanie",
        },
    )
    assert response.status_code == 403
    assert Interaction.objects.count() == 0
