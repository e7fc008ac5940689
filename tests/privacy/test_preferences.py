"""The public preference centre: a signed link, no sign-in, the person's language, changes
recorded in the ledger as the person's own, double opt-in where the regime wants it, and
unsubscribing from everything in one click."""

import re
import time

import pytest
from django.conf import settings
from django.core import signing
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from amity.privacy import preferences, services
from amity.privacy.decisions import may_contact
from amity.privacy.models import ActorKind, ConsentEntry, DoubleOptIn, Source, Status

MARKETING_AND_SURVEYS = [
    ("marketing-email", "email"),
    ("marketing-sms", "sms"),
    ("marketing-chat", "chat"),
    ("phone-calls", "phone"),
    ("surveys", "any"),
]


def _path(contact) -> str:
    url = preferences.preference_url(contact)
    assert url.startswith(settings.BASE_URL + "/preferences/")
    return url[len(settings.BASE_URL) :]


def _row(html: str, key: str) -> str:
    return re.search(rf'<tr data-row="{key}">(.*?)</tr>', html, re.S).group(1)


def _in(language: str, text: str, **words) -> str:
    with translation.override(language):
        return gettext(text) % words if words else gettext(text)


def test_the_link_opens_the_centre_without_signing_in(client, somchai):
    response = client.get(_path(somchai))

    assert response.status_code == 200
    assert response["Content-Language"] == "th"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert '<html lang="th"' in html
    assert "สมชาย ใจดี" in html
    assert "s***@example.co.th" in html
    assert "somchai@example.co.th" not in html  # only the masked address
    assert "+66" not in html
    assert "81 234 5678" not in html
    assert "การตลาดทางอีเมล" in _row(html, "marketing-email:email")


@pytest.mark.parametrize(
    ("person", "language", "purpose_name"),
    [
        ("somchai", "th", "การตลาดทางอีเมล"),
        ("anna", "pl", "Marketing e-mailowy"),
        ("taro", "en", "Marketing by email"),  # Japanese: Amity does not speak it
        ("layla", "en", "Marketing by email"),  # Arabic: likewise
    ],
)
def test_the_page_speaks_the_contacts_language(db, client, request, person, language, purpose_name):
    contact = request.getfixturevalue(person)

    response = client.get(_path(contact))

    assert response["Content-Language"] == language
    html = response.content.decode()
    assert f'<section class="card preference-centre" lang="{language}">' in html
    assert purpose_name in _row(html, "marketing-email:email")


def test_the_language_switcher_offers_only_english_thai_and_polish(client, somchai):
    path = _path(somchai)

    assert client.get(path + "?lang=pl")["Content-Language"] == "pl"
    assert client.get(path + "?lang=ja")["Content-Language"] == "th"  # not offered: ignored
    html = client.get(path).content.decode()
    assert re.findall(r'href="\?lang=(\w+)"', html) == ["en", "pl"]


def test_a_tampered_token_shows_a_page_without_data(client, somchai):
    token = preferences.preference_token(somchai)
    forged = signing.dumps({"c": somchai.pk, "v": "0" * 12}, salt=preferences.LINK_SALT)
    other_salt = signing.dumps({"c": somchai.pk, "v": preferences._version(somchai)})

    for bad in (token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1], forged, other_salt):
        response = client.get(f"/preferences/{bad}/")
        assert response.status_code == 400
        html = response.content.decode()
        assert "This link is not valid." in html
        assert "สมชาย" not in html
        assert "s***" not in html
        assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert client.post(f"/preferences/{forged}/", {"action": "unsubscribe_all"}).status_code == 400
    assert ConsentEntry.objects.count() == 0


def test_the_invalid_page_is_in_the_visitors_language(client, somchai):
    response = client.get("/preferences/nonsense/", HTTP_ACCEPT_LANGUAGE="pl")

    assert response.status_code == 400
    expected = _in(
        "pl", "This link is not valid. Check that it was copied whole, or ask us for a new one."
    )
    assert expected in response.content.decode()


def _made_days_ago(contact, days: int) -> str:
    class Past(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - days * 86400)

    data = {"c": contact.pk, "v": preferences._version(contact)}
    return Past(salt=preferences.LINK_SALT).sign_object(data)


def test_links_expire_after_a_year_by_default_and_as_configured(client, settings, anna):
    assert client.get(f"/preferences/{_made_days_ago(anna, 364)}/").status_code == 200
    expired = client.get(f"/preferences/{_made_days_ago(anna, 366)}/")
    assert expired.status_code == 400
    assert "This link has expired. Ask us for a new one." in expired.content.decode()
    assert "Wiśniewska" not in expired.content.decode()

    settings.PREFERENCE_LINK_DAYS = 30
    assert client.get(f"/preferences/{_made_days_ago(anna, 31)}/").status_code == 400
    assert client.get(f"/preferences/{_made_days_ago(anna, 29)}/").status_code == 200


def test_changing_the_email_address_revokes_old_links(client, anna):
    path = _path(anna)
    anna.emails.update(address="anna.nowa@example.pl", normalized="anna.nowa@example.pl")

    assert client.get(path).status_code == 400
    assert client.get(_path(anna)).status_code == 200


def test_a_thai_grant_is_recorded_as_the_persons_own_with_the_wording_shown(client, somchai):
    path = _path(somchai)
    assert may_contact(somchai, "marketing-email", "email").allowed is False

    response = client.post(
        path, {"action": "grant", "row": "marketing-email:email", "language": "th"}
    )

    assert response.status_code == 302
    assert response["Location"] == path + "?lang=th"
    entry = ConsentEntry.objects.get()
    assert (entry.status, entry.channel, entry.purpose.slug) == (
        "granted",
        "email",
        "marketing-email",
    )
    assert entry.source == Source.PREFERENCE_CENTRE
    assert entry.actor_kind == ActorKind.CONTACT
    assert entry.recorded_by is None
    assert entry.double_opt_in == ""
    assert entry.wording_language == "th"
    assert entry.wording == _in(
        "th",
        "Yes, I agree to %(purpose)s (%(channel)s).",
        purpose="การตลาดทางอีเมล",
        channel=_in("th", "Email"),
    )
    assert entry.evidence == _in(
        "th", "Changed by the person in the preference centre (signed link)."
    )
    assert may_contact(somchai, "marketing-email", "email").allowed is True

    again = client.get(response["Location"]).content.decode()
    assert _in("th", "Thank you: your choice is saved.") in again
    assert 'value="withdraw"' in _row(again, "marketing-email:email")


def test_a_withdrawal_is_recorded_and_refuses_contact(client, somchai, agent):
    services.consent_record(
        actor=agent, contact=somchai, purpose="marketing-sms", channel="sms",
        status="granted", source="form",
    )  # fmt: skip

    client.post(
        _path(somchai), {"action": "withdraw", "row": "marketing-sms:sms", "language": "en"}
    )

    entry = ConsentEntry.objects.filter(source=Source.PREFERENCE_CENTRE).get()
    assert entry.status == Status.WITHDRAWN
    assert entry.wording == "No, I do not agree to Marketing by SMS (SMS)."
    assert entry.wording_language == "en"
    decision = may_contact(somchai, "marketing-sms", "sms")
    assert (decision.allowed, decision.code) == (False, "withdrawn")


def test_objecting_where_nothing_was_granted_is_a_refusal(client, anna):
    assert may_contact(anna, "surveys", "any").allowed is True  # opt-out in Poland

    client.post(_path(anna), {"action": "withdraw", "row": "surveys:any", "language": "pl"})

    entry = ConsentEntry.objects.get()
    assert entry.status == Status.DENIED
    assert may_contact(anna, "surveys", "any").code == "denied"


def test_a_polish_grant_goes_through_double_opt_in(
    client, anna, smtp_inbox, django_capture_on_commit_callbacks
):
    path = _path(anna)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            path, {"action": "grant", "row": "marketing-email:email", "language": "pl"}
        )

    assert response.status_code == 302
    pending = ConsentEntry.objects.get()
    assert pending.double_opt_in == DoubleOptIn.PENDING
    assert pending.source == Source.PREFERENCE_CENTRE
    assert pending.actor_kind == ActorKind.CONTACT
    assert pending.wording_language == "pl"
    assert may_contact(anna, "marketing-email", "email").code == "awaiting_confirmation"
    shown = client.get(response["Location"]).content.decode()
    assert (
        _in("pl", "We emailed you a link: your consent counts once you follow it to confirm.")
        in shown
    )
    assert 'value="grant"' in _row(shown, "marketing-email:email")  # "send it again"

    assert len(smtp_inbox.messages) == 1
    assert smtp_inbox.messages[0]["to"] == ["anna.wisniewska@example.pl"]
    body = smtp_inbox.messages[0]["message"].get_content()
    link = re.search(r"http://\S+(/consent/confirm/\S+/)", body).group(1)
    assert client.post(link).status_code == 200
    assert may_contact(anna, "marketing-email", "email").allowed is True


def test_unsubscribe_from_everything_withdraws_all_marketing_and_surveys_at_once(
    client, anna, agent
):
    for slug, channel in [("marketing-sms", "sms"), ("profiling", "any")]:
        services.consent_record(
            actor=agent, contact=anna, purpose=slug, channel=channel, status="granted",
            source="form",
        )  # fmt: skip
    path = _path(anna)

    response = client.post(path, {"action": "unsubscribe_all", "language": "pl"})

    assert response.status_code == 302
    written = ConsentEntry.objects.filter(source=Source.PREFERENCE_CENTRE)
    assert sorted((e.purpose.slug, e.channel) for e in written) == sorted(MARKETING_AND_SURVEYS)
    assert {(e.status, e.actor_kind, e.wording_language) for e in written} == {
        ("withdrawn", "contact", "pl")
    }
    for slug, channel in MARKETING_AND_SURVEYS:
        assert may_contact(anna, slug, channel).allowed is False
    assert may_contact(anna, "profiling", "any").allowed is True  # not a subscription
    html = client.get(response["Location"]).content.decode()
    assert (
        _in(
            "pl",
            "You are unsubscribed from everything: no more marketing or surveys, on any channel. "
            "Messages about what you ordered or asked us for still reach you.",
        )
        in html
    )

    client.post(path, {"action": "unsubscribe_all", "language": "pl"})  # a second click
    assert ConsentEntry.objects.filter(source=Source.PREFERENCE_CENTRE).count() == 5


def test_changes_need_the_csrf_token(anna):
    browser = Client(enforce_csrf_checks=True)
    path = _path(anna)

    refused = browser.post(path, {"action": "unsubscribe_all", "language": "pl"})
    assert refused.status_code == 403
    assert ConsentEntry.objects.count() == 0

    html = browser.get(path).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = {"action": "unsubscribe_all", "language": "pl", "csrfmiddlewaretoken": token}
    assert browser.post(path, data).status_code == 302
    assert ConsentEntry.objects.count() == 5


def test_a_choice_not_on_the_page_changes_nothing(client, anna):
    response = client.post(
        _path(anna), {"action": "grant", "row": "marketing-email:sms", "language": "en"}
    )

    assert response.status_code == 400
    assert "This choice is not on the page; reload it and try again." in response.content.decode()
    assert ConsentEntry.objects.count() == 0


def test_the_page_shows_no_other_contacts_data(client, anna, somchai, agent):
    services.consent_record(
        actor=agent, contact=somchai, purpose="marketing-email", channel="email",
        status="granted", source="form", wording="ยินดีรับข่าวสาร",
    )  # fmt: skip

    html = client.get(_path(anna)).content.decode()

    assert "สมชาย" not in html
    assert "somchai" not in html.lower()
    assert "ยินดี" not in html
    assert "Wiśniewska" in html
    email = _row(html, "marketing-email:email")
    assert 'value="grant"' in email  # Anna's own state, not Somchai's grant


def test_the_page_reads_in_a_fixed_number_of_queries(client, anna, django_assert_num_queries):
    path = _path(anna)

    with django_assert_num_queries(6):
        client.get(path)


def test_dates_are_the_persons_own(client, agent):
    from freezegun import freeze_time

    from factories import make_contact

    malee = make_contact(
        given_name="มาลี", family_name="สุขใจ", country="TH", languages=["th"],
        timezone="Asia/Bangkok", emails=["malee@example.co.th"],
    )  # fmt: skip
    with freeze_time("2026-03-01 20:00:00"):  # already 2 March in Bangkok
        services.consent_record(
            actor=agent, contact=malee, purpose="marketing-email", channel="email",
            status="granted", source="form",
        )  # fmt: skip

    html = client.get(_path(malee) + "?lang=en").content.decode()

    assert "Yes: you agreed on March 2, 2026." in _row(html, "marketing-email:email")
