"""The timeline panel of contact and organization pages and the "log an interaction" form:
times in the reader's zone beside the contact's, newest first, more by cursor, UTC stored."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from amity.interactions import views
from amity.interactions.contracts import InteractionData
from amity.interactions.models import Interaction
from amity.interactions.services import interaction_log
from amity.people.contracts import RoleData
from factories import make_contact, make_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def log(contact, subject: str, when: datetime, **fields) -> Interaction:
    return interaction_log(
        actor=None,
        actor_label="test",
        data=InteractionData(
            channel=fields.pop("channel", "phone"),
            occurred_at=when,
            subject=subject,
            contact_ids=(contact.pk,) if contact else (),
            **fields,
        ),
    )


def titles_in(html: str) -> list[str]:
    """Interaction titles in order (the records' own "created" events left out)."""
    entries = re.findall(
        r'<li class="timeline-entry channel-(\w+)">.*?<h3 dir="auto">([^<]+)</h3>', html, re.S
    )
    return [title.strip() for channel, title in entries if channel != "event"]


def interaction_form(**fields) -> dict:
    data = {
        "channel": "phone",
        "direction": "outbound",
        "occurred_at": "",
        "duration_minutes": "",
        "subject": "",
        "body": "",
        "outcome": "",
        "follow_up_on": "",
        "language": "",
        "organization": "",
    }
    data.update(fields)
    return data


def test_timeline_is_newest_first_in_both_zones(signed_in, manager):
    contact = make_contact(given_name="สมชาย", family_name="ใจดี", country="TH")
    log(contact, "โทรนัดประชุม", datetime(2026, 4, 10, 3, 30, tzinfo=UTC))
    log(contact, "ส่งใบเสนอราคา", datetime(2026, 4, 14, 7, 0, tzinfo=UTC), channel="email")
    log(contact, "ติดตามใบเสนอราคา", datetime(2026, 4, 12, 9, 15, tzinfo=UTC))

    response = signed_in(manager).get(f"/contacts/{contact.pk}/timeline/", HTTP_HX_REQUEST="true")

    html = response.content.decode()
    newest = html[html.index("ส่งใบเสนอราคา") : html.index("ติดตามใบเสนอราคา")]
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="timeline-panel"')
    assert titles_in(html)[:3] == ["ส่งใบเสนอราคา", "ติดตามใบเสนอราคา", "โทรนัดประชุม"]
    assert "14 kwietnia 2026 09:00" in newest  # the Polish reader's time (CEST)
    assert "14:00" in newest
    assert 'title="Asia/Bangkok"' in newest


def test_contact_page_timeline_without_javascript_is_a_whole_page(signed_in, agent):
    contact = make_contact(given_name="Anna", family_name="Kowalska", country="PL")
    log(contact, "Rozmowa o cenniku", datetime(2026, 4, 14, 8, 0, tzinfo=UTC))

    html = signed_in(agent).get(f"/contacts/{contact.pk}/timeline/").content.decode()

    assert '<html lang="th"' in html
    assert "Rozmowa o cenniku" in html
    assert f'href="/contacts/{contact.pk}/"' in html


def test_load_more_returns_only_the_next_entries(signed_in, agent, monkeypatch):
    monkeypatch.setattr(views, "TIMELINE_PAGE", 2)
    contact = make_contact(given_name="太郎", family_name="山田", country="JP")
    start = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)
    for day in range(5):
        log(contact, f"お打ち合わせ {day}", start + timedelta(days=day))
    client = signed_in(agent)
    url = f"/contacts/{contact.pk}/timeline/"

    panel = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    cursor = re.search(r'hx-get="[^"]*\?cursor=([^"]+)"', panel).group(1)
    more = client.get(f"{url}?cursor={cursor}", HTTP_HX_REQUEST="true").content.decode()
    cursor = re.search(r'hx-get="[^"]*\?cursor=([^"]+)"', more).group(1)
    rest = client.get(f"{url}?cursor={cursor}", HTTP_HX_REQUEST="true").content.decode()

    # the contact's own "created" event (today) comes first, then the meetings
    assert titles_in(panel) == ["お打ち合わせ 4"]
    assert titles_in(more) == ["お打ち合わせ 3", "お打ち合わせ 2"]
    assert "<form" not in more
    assert 'id="timeline-panel"' not in more
    assert titles_in(rest) == ["お打ち合わせ 1", "お打ち合わせ 0"]
    assert "cursor=" not in rest


def test_damaged_cursor_starts_from_the_newest(signed_in, agent):
    contact = make_contact(given_name="Anna", country="PL")
    log(contact, "Rozmowa", datetime(2026, 4, 14, 8, 0, tzinfo=UTC))

    response = signed_in(agent).get(
        f"/contacts/{contact.pk}/timeline/?cursor=%%%", HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert "Rozmowa" in response.content.decode()


def test_log_interaction_stores_utc_from_a_warsaw_readers_local_time(signed_in, manager):
    organization = make_organization(name="Spółka Łódź", country="PL")
    contact = make_contact(
        given_name="Anna",
        family_name="Kowalska",
        country="PL",
        roles=(RoleData(organization.pk, "Prezeska"),),
    )

    response = signed_in(manager).post(
        f"/contacts/{contact.pk}/interactions/new/",
        interaction_form(
            occurred_at="2026-03-30T09:15",  # summer time began the day before: UTC+2
            duration_minutes="25",
            subject="Rozmowa o odnowieniu umowy",
            body="Pani Anna prosi o ofertę do piątku.",
            outcome="follow_up",
            follow_up_on="2026-04-03",
            language="pl",
            organization=str(organization.pk),
        ),
    )

    interaction = Interaction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/contacts/{contact.pk}/#timeline"
    assert interaction.occurred_at == datetime(2026, 3, 30, 7, 15, tzinfo=UTC)
    assert interaction.duration == timedelta(minutes=25)
    assert interaction.follow_up_on == date(2026, 4, 3)
    assert interaction.organization_id == organization.pk
    assert list(interaction.contacts.all()) == [contact]
    assert interaction.created_by == manager


def test_log_interaction_in_winter_time(signed_in, manager):
    contact = make_contact(given_name="Anna", country="PL")

    signed_in(manager).post(
        f"/contacts/{contact.pk}/interactions/new/",
        interaction_form(occurred_at="2026-01-15T09:15", channel="meeting"),
    )

    assert Interaction.objects.get().occurred_at == datetime(2026, 1, 15, 8, 15, tzinfo=UTC)


def test_log_interaction_refuses_a_time_that_does_not_exist_in_warsaw(signed_in, manager):
    contact = make_contact(given_name="Anna", country="PL")

    response = signed_in(manager).post(
        f"/contacts/{contact.pk}/interactions/new/",
        interaction_form(occurred_at="2026-03-29T02:30"),  # clocks jump from 02:00 to 03:00
    )

    assert 'id="id_occurred_at_error"' in response.content.decode()
    assert not Interaction.objects.exists()


def test_log_interaction_by_htmx_returns_the_panel_with_the_new_entry(signed_in, agent):
    contact = make_contact(given_name="ليلى", family_name="الحربي", country="SA")

    response = signed_in(agent).post(
        f"/contacts/{contact.pk}/interactions/new/",
        interaction_form(
            occurred_at="2026-04-14T16:00",
            subject="مكالمة متابعة",
            channel="phone",
            duration_minutes="12",
        ),
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="timeline-panel"')
    assert titles_in(html)[0] == "مكالمة متابعة"
    assert 'class="message success"' in html
    assert 'value="مكالمة متابعة"' not in html  # a fresh form
    assert Interaction.objects.get().occurred_at == datetime(2026, 4, 14, 9, 0, tzinfo=UTC)


def test_log_interaction_with_errors_keeps_the_input_and_saves_nothing(signed_in, agent):
    contact = make_contact(given_name="Anna", country="PL")

    response = signed_in(agent).post(
        f"/contacts/{contact.pk}/interactions/new/",
        interaction_form(
            occurred_at="2026-04-14T16:00",
            subject="Rozmowa",
            language="not a language!",
            duration_minutes="-5",
        ),
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert 'id="id_duration_minutes_error"' in html
    assert 'value="Rozmowa"' in html
    assert not Interaction.objects.exists()


def test_log_interaction_service_error_lands_on_its_field(signed_in, agent):
    contact = make_contact(given_name="Anna", country="PL")

    response = signed_in(agent).post(
        f"/contacts/{contact.pk}/interactions/new/",
        interaction_form(occurred_at="2026-04-14T16:00", language="xx-!!"),
        HTTP_HX_REQUEST="true",
    )

    assert 'id="id_language_error"' in response.content.decode()
    assert not Interaction.objects.exists()


def test_viewer_sees_the_timeline_but_cannot_log(signed_in, viewer):
    contact = make_contact(given_name="Anna", country="PL")
    organization = make_organization(name="Spółka Łódź", country="PL")
    log(contact, "Rozmowa", datetime(2026, 4, 14, 8, 0, tzinfo=UTC))
    client = signed_in(viewer)

    panel = client.get(f"/contacts/{contact.pk}/timeline/", HTTP_HX_REQUEST="true")
    refused = [
        client.post(
            f"/contacts/{contact.pk}/interactions/new/",
            interaction_form(occurred_at="2026-04-14T16:00"),
        ).status_code,
        client.post(
            f"/organizations/{organization.pk}/interactions/new/",
            interaction_form(occurred_at="2026-04-14T16:00"),
        ).status_code,
    ]

    assert "Rozmowa" in panel.content.decode()
    assert "<form" not in panel.content.decode()
    assert refused == [403, 403]
    assert Interaction.objects.count() == 1


def test_organization_timeline_merges_its_people_and_its_own(signed_in, agent):
    organization = make_organization(name="株式会社サンプル", country="JP")
    contact = make_contact(
        given_name="花子", family_name="佐藤", country="JP", roles=(RoleData(organization.pk),)
    )
    log(contact, "佐藤様とお電話", datetime(2026, 4, 14, 1, 0, tzinfo=UTC))
    log(None, "会社訪問", datetime(2026, 4, 15, 1, 0, tzinfo=UTC), organization_id=organization.pk)
    log(make_contact(given_name="Other", country="JP"), "別件", datetime(2026, 4, 16, tzinfo=UTC))

    html = (
        signed_in(agent)
        .get(f"/organizations/{organization.pk}/timeline/", HTTP_HX_REQUEST="true")
        .content.decode()
    )

    assert titles_in(html)[:2] == ["会社訪問", "佐藤様とお電話"]
    assert "別件" not in html
    assert 'title="Asia/Tokyo"' in html  # local time there beside the reader's


def test_log_interaction_from_an_organization_page(signed_in, agent):
    organization = make_organization(name="บริษัท สยามเทรดดิ้ง จำกัด")
    contact = make_contact(given_name="สมชาย", country="TH", roles=(RoleData(organization.pk),))

    response = signed_in(agent).post(
        f"/organizations/{organization.pk}/interactions/new/",
        interaction_form(
            occurred_at="2026-04-14T10:00", contact=str(contact.pk), channel="meeting"
        ),
    )

    interaction = Interaction.objects.get()
    assert response["Location"] == f"/organizations/{organization.pk}/#timeline"
    assert interaction.organization_id == organization.pk
    assert list(interaction.contacts.all()) == [contact]
    # an agent in Bangkok typed 10:00 their time
    assert interaction.occurred_at == datetime(2026, 4, 14, 3, 0, tzinfo=UTC)


def test_timeline_escapes_what_people_wrote(signed_in, agent):
    contact = make_contact(given_name="Anna", country="PL")
    log(
        contact,
        "<script>alert(1)</script>",
        datetime(2026, 4, 14, tzinfo=UTC),
        body="<img src=x onerror=alert(2)>",
    )

    html = signed_in(agent).get(f"/contacts/{contact.pk}/timeline/").content.decode()

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_timeline_query_count_does_not_grow(signed_in, agent, django_assert_num_queries):
    contact = make_contact(given_name="Anna", country="PL")
    client = signed_in(agent)
    url = f"/contacts/{contact.pk}/timeline/"
    for day in range(2):
        log(contact, f"Rozmowa {day}", datetime(2026, 4, 1 + day, tzinfo=UTC))
    client.get(url, HTTP_HX_REQUEST="true")

    # session, user, visibility policy, the contact and its related rows (5), interaction ids,
    # interactions, their contacts and users, the people events
    with django_assert_num_queries(13):
        client.get(url, HTTP_HX_REQUEST="true")
    for day in range(2, 12):
        log(contact, f"Rozmowa {day}", datetime(2026, 4, 1 + day, tzinfo=UTC))
    with django_assert_num_queries(13):
        client.get(url, HTTP_HX_REQUEST="true")
