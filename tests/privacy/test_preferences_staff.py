"""Staff hand out the preference-centre link: copied from the consent panel, emailed to the
person (a service message, never to someone who asked not to be contacted), or fetched from
the API by writers."""

import re

from django.conf import settings
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext

from amity.people.models import Contact


def thai(text: str, **words) -> str:
    """A message as the Thai agent reads it."""
    with translation.override("th"):
        return gettext(text) % words if words else gettext(text)


def test_the_panel_offers_the_link_to_writers_only(signed_in, agent, viewer, anna):
    panel = f"/contacts/{anna.pk}/consents/"
    link = f"/contacts/{anna.pk}/preference-link/"

    assert f'hx-get="{link}"' in signed_in(agent).get(panel).content.decode()
    assert f'hx-get="{link}"' not in signed_in(viewer).get(panel).content.decode()
    assert signed_in(viewer).get(link).status_code == 403


def test_the_link_page_shows_a_working_link_to_copy(signed_in, agent, anna, client):
    html = (
        signed_in(agent)
        .get(f"/contacts/{anna.pk}/preference-link/", HTTP_HX_REQUEST="true")
        .content.decode()
    )

    url = re.search(r'readonly value="([^"]+)"', html).group(1)
    assert url.startswith(settings.BASE_URL + "/preferences/")
    assert thai("Copy preference-centre link") in html  # the agent reads Thai
    assert "<h1>" not in html  # the fragment only, for the panel
    client.logout()
    assert client.get(url[len(settings.BASE_URL) :]).status_code == 200


def test_emailing_the_link_sends_it_in_the_persons_language(
    signed_in, agent, anna, smtp_inbox, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        html = signed_in(agent).post(f"/contacts/{anna.pk}/preference-link/").content.decode()

    assert thai("Link emailed to %(address)s.", address="anna.wisniewska@example.pl") in html
    assert len(smtp_inbox.messages) == 1
    assert smtp_inbox.messages[0]["to"] == ["anna.wisniewska@example.pl"]
    body = smtp_inbox.messages[0]["message"].get_content()
    path = re.search(r"http://\S+?(/preferences/\S+/)", body).group(1)
    client.logout()
    assert client.get(path)["Content-Language"] == "pl"


def test_no_link_is_emailed_to_someone_who_asked_not_to_be_contacted(
    signed_in, agent, anna, smtp_inbox, django_capture_on_commit_callbacks
):
    Contact.objects.filter(pk=anna.pk).update(do_not_contact=True)

    with django_capture_on_commit_callbacks(execute=True):
        html = signed_in(agent).post(f"/contacts/{anna.pk}/preference-link/").content.decode()

    assert (
        thai("%(name)s asked not to be contacted; no email is sent.", name="Anna Wiśniewska")
        in html
    )
    assert smtp_inbox.messages == []


def test_the_api_gives_writers_the_link(api_as, agent, viewer, taro, client):
    response = api_as(agent).get(f"/contacts/{taro.pk}/preference-link")

    assert response.status_code == 200
    body = response.json()
    assert body["url"].startswith(settings.BASE_URL + "/preferences/")
    expires = parse_datetime(body["expires_at"])
    assert 364 < (expires - timezone.now()).total_seconds() / 86400 <= 365
    assert client.get(body["url"][len(settings.BASE_URL) :]).status_code == 200

    refused = api_as(viewer).get(f"/contacts/{taro.pk}/preference-link")
    assert refused.status_code == 403
    missing = api_as(agent).get("/contacts/999999/preference-link")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
