"""The consent panel on the contact page, recording consent there, the purposes page."""

import re

from django.utils import translation
from django.utils.translation import gettext

from amity.privacy import services
from amity.privacy.models import ConsentEntry, Purpose


def _row(html: str, purpose: str, channel: str) -> str:
    pattern = rf'<tr data-purpose="{purpose}" data-channel="{channel}">(.*?)</tr>'
    return re.search(pattern, html, re.S).group(1)


def test_the_contact_page_loads_the_consent_panel(signed_in, agent, anna):
    html = signed_in(agent).get(f"/contacts/{anna.pk}/").content.decode()

    assert f'hx-get="/contacts/{anna.pk}/consents/"' in html


def test_the_panel_shows_the_regime_state_demand_and_answer(signed_in, admin_user, anna):
    services.consent_record(
        actor=admin_user, contact=anna, purpose="marketing-sms", channel="sms",
        status="withdrawn", source="call", evidence="Rozmowa 12.03: prosi o brak SMS-ów",
    )  # fmt: skip

    html = signed_in(admin_user).get(f"/contacts/{anna.pk}/consents/").content.decode()

    assert "Rules that apply: Poland (GDPR/RODO and Polish telecommunications law)" in html
    email = _row(html, "marketing-email", "email")
    assert "nothing recorded" in email
    assert "Opt-in: consent first" in email
    assert "double opt-in" in email
    assert "No opt-in recorded" in email
    sms = _row(html, "marketing-sms", "sms")
    assert "Withdrawn" in sms
    assert "Anna Wiśniewska withdrew consent to Marketing by SMS (SMS)" in sms
    surveys = _row(html, "surveys", "any")
    assert "Opt-out: unless the person objects" in surveys
    assert "Rozmowa 12.03: prosi o brak SMS-ów" in html  # the history
    assert f'action="/contacts/{anna.pk}/consents/record/"' in html


def test_the_panel_speaks_the_readers_language(signed_in, agent, somchai):
    html = (
        signed_in(agent)
        .get(f"/contacts/{somchai.pk}/consents/", headers={"HX-Request": "true"})
        .content.decode()
    )

    assert "<html" not in html  # the fragment only
    assert "การตลาดทางอีเมล" in html  # the purpose's Thai name
    with translation.override("th"):
        assert gettext("Record consent") in html


def test_recording_from_the_panel(signed_in, agent, somchai):
    response = signed_in(agent).post(
        f"/contacts/{somchai.pk}/consents/record/",
        {
            "purpose": "marketing-sms",
            "channel": "sms",
            "action": "grant",
            "lawful_basis": "consent",
            "source": "call",
            "evidence": "โทรเมื่อ 3 พ.ค.",
            "wording": "ยินดีรับโปรโมชั่นทาง SMS",
            "wording_language": "th",
        },
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    entry = ConsentEntry.objects.get()
    assert (entry.status, entry.recorded_by, entry.evidence) == ("granted", agent, "โทรเมื่อ 3 พ.ค.")
    html = response.content.decode()
    with translation.override("th"):
        assert gettext("Consent recorded.") in html


def test_a_refused_recording_shows_why_and_writes_nothing(signed_in, admin_user, somchai):
    response = signed_in(admin_user).post(
        f"/contacts/{somchai.pk}/consents/record/",
        {
            "purpose": "marketing-sms",
            "channel": "email",
            "action": "grant",
            "lawful_basis": "consent",
            "source": "call",
        },
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert "The purpose marketing-sms uses sms, not email." in response.content.decode()
    assert ConsentEntry.objects.count() == 0


def test_viewers_see_the_panel_without_the_form_and_may_not_post(signed_in, viewer, layla):
    client = signed_in(viewer)

    html = client.get(f"/contacts/{layla.pk}/consents/").content.decode()
    posted = client.post(f"/contacts/{layla.pk}/consents/record/", {"purpose": "surveys"})

    assert "Unknown country: strictest rule" in html
    assert "/consents/record/" not in html
    assert posted.status_code == 403


def test_panel_query_count_does_not_grow_with_history(
    signed_in, agent, anna, django_assert_num_queries
):
    client = signed_in(agent)
    client.get(f"/contacts/{anna.pk}/consents/")

    def record(n):
        for _ in range(n):
            for status in ["granted", "withdrawn"]:
                services.consent_record(
                    actor=agent, contact=anna, purpose="phone-calls", channel="phone",
                    status=status, source="call",
                )  # fmt: skip

    record(1)
    # session, user, visibility policy, contact (+4), override, state, purposes (+names),
    # history
    with django_assert_num_queries(13):
        client.get(f"/contacts/{anna.pk}/consents/")
    record(5)
    with django_assert_num_queries(13):
        html = client.get(f"/contacts/{anna.pk}/consents/").content.decode()
    assert html.count("<time") >= 12


def test_admins_add_a_purpose_on_the_purposes_page(signed_in, admin_user):
    client = signed_in(admin_user)

    response = client.post(
        "/settings/purposes/",
        {
            "slug": "event-invites",
            "name": "Event invitations",
            "name_th": "คำเชิญเข้าร่วมงาน",
            "name_pl": "Zaproszenia na wydarzenia",
            "kind": "marketing",
            "channels": ["email"],
        },
    )

    assert response.status_code == 302
    purpose = Purpose.objects.get(slug="event-invites")
    assert (purpose.kind, purpose.channels) == ("marketing", ["email"])
    assert "คำเชิญเข้าร่วมงาน" not in client.get("/settings/purposes/").content.decode()
    assert "Event invitations" in client.get("/settings/purposes/").content.decode()


def test_others_may_not_open_the_purposes_page(signed_in, manager):
    assert signed_in(manager).get("/settings/purposes/").status_code == 403
