"""The cultural briefing page: name, romanization and form of address (never guessed), local
time and calendar, the merged guidance with origins, the last five interactions in the
reader's zone and counts by channel over twelve months, in a fixed number of queries."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from amity.core.channels import Channel
from amity.interactions.briefing import contact_briefing
from amity.interactions.contracts import InteractionData
from amity.interactions.services import interaction_log
from amity.people.contracts import RoleData
from amity.people.guidance import guidance_preferences_set
from factories import make_contact, make_organization

pytestmark = pytest.mark.django_db


def log(contact, subject: str, when: datetime, **fields):
    return interaction_log(
        actor=None,
        actor_label="test",
        data=InteractionData(
            channel=fields.pop("channel", "phone"),
            occurred_at=when,
            subject=subject,
            contact_ids=(contact.pk,),
            **fields,
        ),
    )


@pytest.fixture
def somchai():
    company = make_organization(name="บริษัท สยามเทรดดิ้ง จำกัด", country="TH")
    return make_contact(
        given_name="สมชาย",
        family_name="ใจดี",
        country="TH",
        languages=("th", "en"),
        roles=(RoleData(organization_id=company.pk, title="ผู้จัดการ"),),
    )


def test_thai_contact_briefing_in_thai(client, agent, somchai):
    now = timezone.now()
    for days in range(7):  # seven calls, five shown, newest first
        log(somchai, f"โทรครั้งที่ {days}", now - timedelta(days=days, hours=1), outcome="completed")
    log(somchai, "ใบเสนอราคา", now - timedelta(days=40), channel="email")
    log(somchai, "เก่ามาก", now - timedelta(days=400), channel="meeting")
    client.force_login(agent)  # reads in Thai, in Asia/Bangkok
    page = client.get(f"/contacts/{somchai.pk}/briefing/").content.decode()
    assert '<html lang="th"' in page
    assert "สมชาย ใจดี" in page
    assert "somchai" in page  # the automatic romanization as a pronunciation hint
    with translation.override("th"):  # the page's words as the Thai catalog has them
        ask = gettext("not recorded — ask")
        era = gettext("%(year)s in the Buddhist era, used for dates there") % {
            "year": timezone.localdate().year + 543
        }
        phone, email, meeting = (
            str(c.label) for c in (Channel.PHONE, Channel.EMAIL, Channel.MEETING)
        )
        calls = ngettext(
            "%(channel)s: %(count)s interaction", "%(channel)s: %(count)s interactions", 7
        ) % {"channel": phone, "count": 7}
        emails = ngettext(
            "%(channel)s: %(count)s interaction", "%(channel)s: %(count)s interactions", 1
        ) % {"channel": email, "count": 1}
    assert ask in page  # the form of address is never guessed
    assert era in page
    rows = re.findall(
        r"<tr><td><time[^>]*>[^<]*</time></td><td>([^<]*)</td><td dir=\"auto\">([^<]*)</td>", page
    )
    assert [subject for _channel, subject in rows] == [f"โทรครั้งที่ {d}" for d in range(5)]
    assert "เก่ามาก" not in page
    assert calls in page
    assert f"{emails}<" in page
    assert f"{meeting}:" not in page  # older than twelve months
    assert 'class="badge origin-country"' in page  # Thai guidance, each with its origin
    assert "https://culture.anb-network.com/en/country/thailand" in page
    assert '<style media="print">' in page


def test_dates_show_in_the_readers_zone(client, manager, somchai):
    log(somchai, "Rozmowa", datetime(2026, 3, 2, 23, 30, tzinfo=UTC))
    client.force_login(manager)  # Europe/Warsaw, Polish
    page = client.get(f"/contacts/{somchai.pk}/briefing/").content.decode()
    assert 'datetime="2026-03-03T00:30:00+01:00"' in page


def test_polish_contact_with_recorded_address_and_own_preference(client, manager):
    company = make_organization(name="Przedsiębiorstwo Łódzkie sp. z o.o.", country="PL")
    contact = make_contact(
        given_name="Łukasz",
        family_name="Wójcik",
        country="PL",
        languages=("pl",),
        form_of_address="Panie Łukaszu",
        roles=(RoleData(organization_id=company.pk),),
    )
    guidance_preferences_set(
        actor=manager,
        contact=contact,
        changes={"formality": {"value": "informal", "note": "Mów mi Łukasz."}},
    )
    client.force_login(manager)
    page = client.get(f"/contacts/{contact.pk}/briefing/").content.decode()
    assert "Panie Łukaszu" in page
    assert "not recorded — ask" not in page
    assert "Mów mi Łukasz." in page
    assert 'class="badge origin-contact"' in page
    assert "In Latin letters" not in page  # already in Latin letters: no romanization shown
    assert "Buddhist era" not in page


def test_japanese_contact_family_name_first():
    contact = make_contact(
        given_name="太郎",
        family_name="山田",
        country="JP",
        languages=("ja",),
        name_order="family_given",
    )
    briefing = contact_briefing(contact.pk, now=timezone.now())
    assert contact.full_name == "山田 太郎"
    assert briefing.family_name_first is True
    assert briefing.latin_name
    assert not briefing.latin_is_recorded
    assert briefing.form_of_address == ""
    assert {f.field: f.value for f in briefing.guidance.fields}["decisions"] == "consensus"


def test_arabic_contact_recorded_romanization_and_saudi_week(client, viewer):
    contact = make_contact(
        given_name="ليلى",
        family_name="الحربي",
        country="SA",
        languages=("ar",),
        name_latin="Layla Al-Harbi",
        timezone="Asia/Riyadh",
    )
    briefing = contact_briefing(contact.pk, now=datetime(2026, 11, 24, 9, tzinfo=UTC))
    assert (briefing.latin_name, briefing.latin_is_recorded) == ("Layla Al-Harbi", True)
    assert briefing.calendar.weekend == ("Friday", "Saturday")
    assert briefing.calendar.era == "gregorian"
    assert briefing.calendar.local_year == 2026
    client.force_login(viewer)
    page = client.get(f"/contacts/{contact.pk}/briefing/").content.decode()
    assert 'dir="auto" lang="ar">ليلى الحربي' in page
    assert "Layla Al-Harbi" in page
    assert "as recorded" in page


def test_briefing_queries_do_not_grow_with_history(
    client, agent, somchai, django_assert_num_queries
):
    client.force_login(agent)
    now = timezone.now()
    log(somchai, "first", now - timedelta(days=1))
    client.get(f"/contacts/{somchai.pk}/briefing/")  # warm caches (calendars, sessions)
    # Session and user (2), the visibility policy (1), the contact with emails, phones, tags
    # and roles (5), guidance (2), the last five interactions (1) and the counts by channel (1).
    with django_assert_num_queries(12) as few:
        assert client.get(f"/contacts/{somchai.pk}/briefing/").status_code == 200
    for days in range(2, 30):
        log(
            somchai,
            f"call {days}",
            now - timedelta(days=days),
            channel=("phone", "email", "chat")[days % 3],
        )
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(f"/contacts/{somchai.pk}/briefing/").status_code == 200


def test_unknown_contact_and_no_role(client, agent):
    client.force_login(agent)
    assert client.get("/contacts/999999/briefing/").status_code == 404
