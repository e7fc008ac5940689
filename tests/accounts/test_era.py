"""Years in the Buddhist era for readers who choose it: 2026 is 2569."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from amity.accounts.models import User
from amity.culture.formatting import era_year, format_date_for
from amity.interactions.contracts import InteractionData
from amity.interactions.services import interaction_log
from factories import make_contact


def test_buddhist_year_is_543_years_ahead():
    assert era_year(2026, "buddhist") == 2569
    assert era_year(2026, "gregorian") == 2026


def test_format_date_for_in_thai_and_english():
    with translation.override("th"):
        assert format_date_for(date(2026, 4, 13), era="buddhist") == "13 เมษายน 2569"
        assert format_date_for(date(2026, 4, 13), era="gregorian") == "13 เมษายน 2026"
    with translation.override("en"):
        assert format_date_for(date(2026, 4, 13), era="buddhist") == "April 13, 2569"


def test_era_filter_in_a_template_keeps_the_machine_readable_date():
    template = Template(
        '{% load culture_format %}<time datetime="{{ d|date:"Y-m-d" }}">{{ d|era_date:era }}</time>'
    )
    with translation.override("th"):
        html = template.render(Context({"d": date(2026, 1, 1), "era": "buddhist"}))

    assert html == '<time datetime="2026-01-01">1 มกราคม 2569</time>'


@pytest.mark.django_db
def test_new_users_see_gregorian_years(agent):
    assert agent.calendar_era == "gregorian"


@pytest.mark.django_db
def test_preferences_page_sets_the_era(client, agent):
    client.force_login(agent)

    response = client.post(
        "/settings/preferences/",
        {"language": "th", "timezone": "Asia/Bangkok", "calendar_era": "buddhist"},
    )

    assert response.status_code == 302
    assert User.objects.get(pk=agent.pk).calendar_era == "buddhist"
    refused = client.post(
        "/settings/preferences/",
        {"language": "th", "timezone": "Asia/Bangkok", "calendar_era": "hijri"},
    )
    assert refused.status_code == 200
    assert User.objects.get(pk=agent.pk).calendar_era == "buddhist"


@pytest.mark.django_db
def test_thai_reader_with_the_buddhist_era_sees_2569_on_the_timeline(client, agent):
    contact = make_contact(given_name="สมศรี", family_name="ใจดี", country="TH")
    interaction_log(
        actor=None,
        actor_label="test",
        data=InteractionData(
            channel="phone",
            occurred_at=datetime(2026, 4, 10, 3, 30, tzinfo=UTC),
            subject="โทรนัดประชุม",
            contact_ids=(contact.pk,),
            follow_up_on=date(2026, 4, 20),
        ),
    )
    agent.calendar_era = "buddhist"
    agent.save(update_fields=["calendar_era"])
    client.force_login(agent)

    html = client.get(f"/contacts/{contact.pk}/timeline/", HTTP_HX_REQUEST="true").content.decode()

    assert "10 เมษายน 2569, 10:30" in html  # 03:30 UTC is 10:30 in Bangkok
    assert "20 เมษายน 2569" in html  # the follow-up date
    assert 'datetime="2026-04-10T03:30:00+00:00"' in html  # machine-readable stays Gregorian
