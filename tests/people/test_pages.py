"""The contact and organization pages: lists with search, filters and cursor pages, record
pages, forms that report the services' errors on the right field, and who may do what."""

import re
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from amity.people import formatting, views
from amity.people.contracts import IdentifierData, RoleData
from amity.people.models import Contact, CustomField, Organization, PeopleEvent
from amity.people.services import custom_field_define
from factories import make_contact, make_organization

pytestmark = pytest.mark.django_db

SONGKRAN_MORNING = datetime(2026, 4, 13, 3, 30, tzinfo=UTC)  # 10:30 in Bangkok, a holiday


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def names_in(html: str) -> list[str]:
    """The contact names of a list page's rows, in order."""
    return re.findall(r'<th scope="row">\s*<a href="/contacts/\d+/"[^>]*>([^<]+)</a>', html)


def contact_form(**fields) -> dict:
    """What the contact form posts, with every field a browser sends."""
    data = {
        "honorific_prefix": "",
        "given_name": "",
        "middle_name": "",
        "family_name": "",
        "name_order": "",
        "preferred_name": "",
        "name_latin": "",
        "form_of_address": "",
        "languages": "",
        "country": "",
        "timezone": "",
        "emails": "",
        "phones": "",
        "tags": "",
        "owner": "",
        "team": "",
        "role_rows": "2",
        "role_0_organization": "",
        "role_0_title": "",
        "role_1_organization": "",
        "role_1_title": "",
        "channel_1": "",
        "channel_2": "",
        "channel_3": "",
    }
    data.update(fields)
    return data


# The contact list


def test_contact_list_shows_each_contact_as_people_there_write_it(signed_in, agent):
    organization = make_organization(name="บริษัท สยามเทรดดิ้ง จำกัด")
    make_contact(
        given_name="สมชาย",
        family_name="ใจดี",
        name_latin="Somchai Jaidee",
        country="TH",
        languages=("th",),
        emails=["somchai@example.co.th"],
        phones=["+66 81 234 5678"],
        roles=(RoleData(organization.pk, "ผู้จัดการฝ่ายขาย"),),
        owner_id=agent.pk,
    )
    make_contact(given_name="太郎", family_name="山田", country="JP", phones=["+81 3-1234-5678"])

    html = signed_in(agent).get("/contacts/").content.decode()

    assert names_in(html) == ["สมชาย ใจดี", "山田 太郎"]  # own order: Japanese family first
    assert "Somchai Jaidee" in html  # the Latin-letter name below
    assert "บริษัท สยามเทรดดิ้ง จำกัด" in html
    assert "ไทย" in html
    assert "ญี่ปุ่น" in html
    assert "081 234 5678" in html  # as dialled in Thailand
    assert "03-1234-5678" in html  # as dialled in Japan
    assert "somchai@example.co.th" in html
    assert "สมชาย ใจดี" in html  # the owner, the agent himself
    assert 'class="local-time"' in html


def test_contact_list_search_answers_htmx_with_the_results_only(signed_in, agent):
    make_contact(given_name="สมชาย", family_name="ใจดี", country="TH")
    make_contact(given_name="Łukasz", family_name="Nowak", country="PL")

    response = signed_in(agent).get(
        "/contacts/?q=lukasz", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="contact-results"
    )

    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="contact-results"')
    assert names_in(html) == ["Łukasz Nowak"]


def test_contact_list_search_finds_thai_inside_words(signed_in, agent):
    make_contact(given_name="สมชาย", family_name="ใจดี", country="TH")
    make_contact(given_name="Anna", family_name="Kowalska", country="PL")

    html = signed_in(agent).get("/contacts/?q=ใจดี").content.decode()

    assert names_in(html) == ["สมชาย ใจดี"]
    assert '<html lang="th"' in html  # without HTMX, the whole page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=PL", ["Anna Kowalska", "Łukasz Nowak"]),
        ("language=ar", ["ليلى الحربي"]),
        ("tag=VIP", ["Łukasz Nowak"]),
        ("do_not_contact=yes", ["Anna Kowalska"]),
        ("do_not_contact=no", ["Łukasz Nowak", "ليلى الحربي", "山田 太郎"]),
        ("country=PL&do_not_contact=no", ["Łukasz Nowak"]),
        ("order=-name", ["山田 太郎", "ليلى الحربي", "Łukasz Nowak", "Anna Kowalska"]),
    ],
)
def test_contact_list_filters(signed_in, agent, query, expected):
    make_contact(given_name="Anna", family_name="Kowalska", country="PL", do_not_contact=True)
    make_contact(given_name="Łukasz", family_name="Nowak", country="PL", tags=("VIP",))
    make_contact(given_name="ليلى", family_name="الحربي", country="SA", languages=("ar", "en"))
    make_contact(given_name="太郎", family_name="山田", country="JP", languages=("ja",))

    html = signed_in(agent).get(f"/contacts/?{query}").content.decode()

    assert names_in(html) == expected


def test_contact_list_filters_by_owner(signed_in, agent, manager):
    make_contact(given_name="Anna", family_name="Kowalska", country="PL", owner_id=manager.pk)
    make_contact(given_name="สมชาย", family_name="ใจดี", country="TH", owner_id=agent.pk)

    html = signed_in(agent).get(f"/contacts/?owner={manager.pk}").content.decode()

    assert names_in(html) == ["Anna Kowalska"]


def test_contact_list_bad_filter_value_drops_only_that_filter(signed_in, agent):
    make_contact(given_name="Anna", family_name="Kowalska", country="PL")
    make_contact(given_name="สมชาย", family_name="ใจดี", country="TH")

    html = signed_in(agent).get("/contacts/?country=PL&language=%21%21").content.decode()

    assert names_in(html) == ["Anna Kowalska"]


def test_contact_list_pages_by_cursor_without_counting(
    signed_in, agent, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for family in ["Adamska", "Bąk", "Czarnecka", "Dudek", "Ewa"]:
        make_contact(given_name="Anna", family_name=family, country="PL")
    client = signed_in(agent)

    first = client.get("/contacts/?country=PL").content.decode()
    cursor = re.search(r'rel="next" href="[^"]*cursor=([^"&]+)"', first).group(1)
    second = client.get(f"/contacts/?country=PL&cursor={cursor}").content.decode()
    cursor = re.search(r'rel="next" href="[^"]*cursor=([^"&]+)"', second).group(1)
    last = client.get(f"/contacts/?country=PL&cursor={cursor}").content.decode()

    assert names_in(first) == ["Anna Adamska", "Anna Bąk"]
    assert names_in(second) == ["Anna Czarnecka", "Anna Dudek"]
    assert names_in(last) == ["Anna Ewa"]
    assert 'rel="next"' not in last
    with translation.override(agent.language):
        assert gettext("First page") in last
    assert "country=PL" in re.search(r'<nav class="pager".*?</nav>', last, re.S).group(0)


def test_contact_list_goes_back_a_page_at_a_time_keeping_its_filters(signed_in, agent, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for family in ["Adamska", "Bąk", "Czarnecka", "Dudek", "Ewa"]:
        make_contact(given_name="Anna", family_name=family, country="PL")
    make_contact(given_name="สมชาย", family_name="ใจดี", country="TH")
    client = signed_in(agent)
    page = client.get("/contacts/?country=PL").content.decode()
    assert 'rel="prev"' not in page
    for _ in range(2):
        cursor = re.search(r'rel="next" href="[^"]*cursor=([^"&]+)"', page).group(1)
        page = client.get(f"/contacts/?country=PL&cursor={cursor}").content.decode()
    assert names_in(page) == ["Anna Ewa"]

    back = re.search(r'rel="prev" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    second = client.get(back).content.decode()
    back = re.search(r'rel="prev" href="([^"]+)"', second).group(1).replace("&amp;", "&")
    first = client.get(back).content.decode()

    assert "country=PL" in back
    assert names_in(second) == ["Anna Czarnecka", "Anna Dudek"]
    assert names_in(first) == ["Anna Adamska", "Anna Bąk"]
    assert 'rel="prev"' not in first
    with translation.override(agent.language):
        assert gettext("Previous page") in second


def test_contact_list_damaged_cursor_starts_again(signed_in, agent):
    make_contact(given_name="Anna", family_name="Kowalska", country="PL")

    response = signed_in(agent).get("/contacts/?cursor=not-a-cursor")

    assert response.status_code == 200
    assert names_in(response.content.decode()) == ["Anna Kowalska"]


def _busy_contact(index: int, organization: Organization, owner) -> Contact:
    return make_contact(
        given_name=f"Anna {index}",
        family_name="Kowalska",
        country="PL",
        emails=[f"anna{index}@example.pl", f"a{index}@firma.pl"],
        phones=[f"+48 601 234 5{index:02d}", f"+48 22 123 45 {index:02d}"],
        roles=(RoleData(organization.pk, "Kierowniczka"),),
        tags=("VIP", f"tag {index}"),
        owner_id=owner.pk,
    )


# session, user, visibility policy, owner choices, contacts, then one each for emails, phones,
# tags, roles; a search reads the search entries of each relevance group (2) first.
@pytest.mark.parametrize(("query", "queries"), [("country=PL", 9), ("q=kowalska", 11)])
def test_contact_list_query_count_does_not_grow_with_rows(
    signed_in, agent, django_assert_num_queries, query, queries
):
    organization = make_organization(name="Spółka Łódź", country="PL")
    client = signed_in(agent)
    for index in range(2):
        _busy_contact(index, organization, agent)
    client.get(f"/contacts/?{query}")

    with django_assert_num_queries(queries):
        client.get(f"/contacts/?{query}")
    for index in range(2, 12):
        _busy_contact(index, organization, agent)
    with django_assert_num_queries(queries):
        html = client.get(f"/contacts/?{query}").content.decode()
    assert len(names_in(html)) == 12


def test_a_search_lists_best_matches_first_unless_another_order_is_chosen(
    signed_in, agent, monkeypatch
):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    make_contact(given_name="Marianna", family_name="Lis", country="PL")  # inside a word
    make_contact(given_name="Anna", family_name="Kowalska", country="PL")  # a word starts with it
    make_contact(given_name="Anna", family_name="Zielińska", country="PL")
    client = signed_in(agent)

    best = client.get("/contacts/?q=anna").content.decode()
    cursor = re.search(r'rel="next" href="[^"]*cursor=([^"&]+)"', best).group(1)
    rest = client.get(f"/contacts/?q=anna&cursor={cursor}").content.decode()
    by_name = client.get("/contacts/?q=anna&order=name").content.decode()

    assert names_in(best) == ["Anna Kowalska", "Anna Zielińska"]
    assert names_in(rest) == ["Marianna Lis"]
    assert names_in(by_name) == ["Anna Kowalska", "Marianna Lis"]  # family names, A to Z


# The contact page


def test_contact_page_shows_the_person_as_recorded(signed_in, manager, monkeypatch):
    monkeypatch.setattr(formatting, "current_time", lambda: SONGKRAN_MORNING)
    organization = make_organization(name="บริษัท สยามเทรดดิ้ง จำกัด")
    contact = make_contact(
        honorific_prefix="คุณ",
        given_name="สมชาย",
        family_name="ใจดี",
        country="TH",
        languages=("th", "en"),
        emails=["somchai@example.co.th"],
        phones=["081 234 5678"],
        preferred_channels=("phone", "email"),
        roles=(RoleData(organization.pk, "ผู้จัดการฝ่ายขาย"),),
        do_not_contact=True,
        tags=("ลูกค้าคนสำคัญ",),
    )

    html = signed_in(manager).get(f"/contacts/{contact.pk}/").content.decode()

    assert '<h1 dir="auto" lang="th">' in html
    with translation.override("pl"):
        assert gettext("not recorded") in html  # no form of address on record
    assert "Asia/Bangkok" in html  # guessed from the country
    assert "10:30, Poniedziałek" in html  # now there, for a Polish reader
    assert "Songkran" in html  # a public holiday in Thailand
    assert "tajski" in html
    assert "angielski" in html
    assert "Tajlandia" in html
    assert "081 234 5678" in html
    assert "+66812345678" in html
    assert re.search(r'<ol class="inline-list"><li>Telefon</li><li>E-mail</li></ol>', html)
    assert "ผู้จัดการฝ่ายขาย" in html
    assert "ลูกค้าคนสำคัญ" in html
    assert "do-not-contact" in html
    assert f'hx-get="/contacts/{contact.pk}/timeline/"' in html


def test_contact_page_shows_form_of_address_and_custom_fields(signed_in, admin_user):
    custom_field_define(actor=None, key="renewal", label="Renewal date", type_="date")
    contact = make_contact(
        given_name="Anna",
        family_name="Kowalska",
        country="PL",
        form_of_address="Pani Anno",
        custom={"renewal": "2026-05-01"},
    )

    html = signed_in(admin_user).get(f"/contacts/{contact.pk}/").content.decode()

    assert "Pani Anno" in html
    assert "Renewal date" in html
    assert "May 1, 2026" in html


def test_contact_page_of_a_missing_contact_is_404(signed_in, agent):
    assert signed_in(agent).get("/contacts/999999/").status_code == 404


# Creating and editing contacts


def test_create_contact_with_several_emails_and_phones(signed_in, agent):
    response = signed_in(agent).post(
        "/contacts/new/",
        contact_form(
            given_name="太郎",
            family_name="山田",
            name_latin="Taro Yamada",
            form_of_address="山田様",
            country="JP",
            languages="ja, en",
            emails="taro@example.jp\nwork: yamada@firma.co.jp",
            phones="03-1234-5678\nmobile: +81 90-1234-5678",
            channel_1="email",
            channel_2="phone",
            tags="見込み客, VIP",
        ),
    )

    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/contacts/{contact.pk}/"
    assert contact.full_name == "山田 太郎"  # the usual order in Japan
    assert contact.timezone == "Asia/Tokyo"  # guessed from the country
    assert contact.languages == ["ja", "en"]
    assert [(e.address, e.label) for e in contact.emails.all()] == [
        ("taro@example.jp", ""),
        ("yamada@firma.co.jp", "work"),
    ]
    assert [(p.number, p.label) for p in contact.phones.all()] == [
        ("+81312345678", ""),
        ("+819012345678", "mobile"),
    ]
    assert contact.preferred_channels == ["email", "phone"]
    assert sorted(t.name for t in contact.tags.all()) == ["VIP", "見込み客"]


def test_create_contact_with_invalid_phone_shows_the_error_and_saves_nothing(signed_in, agent):
    response = signed_in(agent).post(
        "/contacts/new/",
        contact_form(given_name="ليلى", family_name="الحربي", country="SA", phones="+966 12"),
    )

    html = response.content.decode()
    error = re.search(r'<ul class="errorlist" id="id_phones_error">(.*?)</ul>', html, re.S)
    assert response.status_code == 200
    assert "+966 12" in error.group(1)
    assert 'aria-invalid="true"' in html
    assert "ليلى" in html  # what was typed stays in the form
    assert not Contact.objects.exists()
    assert not PeopleEvent.objects.exists()


def test_create_contact_with_bad_language_tag_is_refused_by_the_form(signed_in, agent):
    response = signed_in(agent).post(
        "/contacts/new/", contact_form(given_name="Anna", country="PL", languages="pl, polski!")
    )

    assert 'id="id_languages_error"' in response.content.decode()
    assert not Contact.objects.exists()


def test_create_contact_at_an_organization_by_picker_value(signed_in, agent):
    organization = make_organization(name="株式会社サンプル", country="JP")

    signed_in(agent).post(
        "/contacts/new/",
        contact_form(
            given_name="花子",
            family_name="佐藤",
            country="JP",
            role_0_organization=f"株式会社サンプル · #{organization.pk}",
            role_0_title="営業部長",
        ),
    )

    role = Contact.objects.get().roles.get()
    assert (role.organization_id, role.title) == (organization.pk, "営業部長")


def test_create_contact_at_an_organization_typed_by_name(signed_in, agent):
    organization = make_organization(name="Spółka Łódź", country="PL")

    signed_in(agent).post(
        "/contacts/new/",
        contact_form(given_name="Anna", country="PL", role_0_organization="spółka łódź"),
    )

    assert Contact.objects.get().roles.get().organization_id == organization.pk


def test_create_contact_at_an_unknown_organization_saves_nothing(signed_in, agent):
    response = signed_in(agent).post(
        "/contacts/new/",
        contact_form(given_name="Anna", country="PL", role_0_organization="Nie Ma Takiej"),
    )

    assert 'id="id_role_0_organization_error"' in response.content.decode()
    assert not Contact.objects.exists()


def test_edit_contact_changes_the_fields_and_keeps_the_rest(signed_in, manager):
    contact = make_contact(
        given_name="Anna",
        family_name="Kowalska",
        country="PL",
        phones=["+48 601 234 567"],
        external_id="crm-42",
    )
    client = signed_in(manager)
    form_html = client.get(f"/contacts/{contact.pk}/edit/").content.decode()
    assert "601 234 567" in form_html or "+48601234567" in form_html

    response = client.post(
        f"/contacts/{contact.pk}/edit/",
        contact_form(
            given_name="Anna",
            family_name="Nowak",
            country="PL",
            timezone="Europe/Warsaw",
            phones="+48601234567\n22 123 45 67",
            form_of_address="Pani Anno",
        ),
    )

    contact.refresh_from_db()
    assert response.status_code == 302
    assert contact.full_name == "Anna Nowak"
    assert contact.form_of_address == "Pani Anno"
    assert [p.number for p in contact.phones.all()] == ["+48601234567", "+48221234567"]
    assert contact.external_id == "crm-42"  # not on the form, kept


def test_edit_contact_with_invalid_phone_changes_nothing(signed_in, manager):
    contact = make_contact(
        given_name="Anna", family_name="Kowalska", country="PL", phones=["+48 601 234 567"]
    )
    events = PeopleEvent.objects.count()

    response = signed_in(manager).post(
        f"/contacts/{contact.pk}/edit/",
        contact_form(given_name="Anna", family_name="Nowak", country="PL", phones="123"),
    )

    contact.refresh_from_db()
    assert 'id="id_phones_error"' in response.content.decode()
    assert contact.family_name == "Kowalska"
    assert [p.number for p in contact.phones.all()] == ["+48601234567"]
    assert PeopleEvent.objects.count() == events


def test_delete_contact_asks_first_and_deletes_on_post(signed_in, agent):
    contact = make_contact(given_name="Anna", family_name="Kowalska", country="PL")
    client = signed_in(agent)

    confirmation = client.get(f"/contacts/{contact.pk}/delete/")
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert "csrfmiddlewaretoken" in confirmation.content.decode()

    response = client.post(f"/contacts/{contact.pk}/delete/")

    assert response["Location"] == "/contacts/"
    assert not Contact.objects.filter(pk=contact.pk).exists()


# Organizations


def test_organization_page_shows_identifiers_family_and_people(signed_in, manager):
    parent = make_organization(name="Grupa Kapitałowa Łódź", country="PL")
    organization = make_organization(
        name="Spółka Łódź",
        country="PL",
        city="Łódź",
        postal_code="90-001",
        street="ul. Piotrkowska 1",
        parent_id=parent.pk,
        identifiers=(IdentifierData("pl_nip", "5260001246"),),
    )
    make_organization(name="Spółka Córka", country="PL", parent_id=organization.pk)
    make_contact(
        given_name="Anna",
        family_name="Kowalska",
        country="PL",
        roles=(RoleData(organization.pk, "Prezeska zarządu"),),
    )

    html = signed_in(manager).get(f"/organizations/{organization.pk}/").content.decode()

    assert "526-000-12-46" in html  # NIP as Poles write it
    assert "ul. Piotrkowska 1" in html
    assert "90-001 Łódź" in html
    assert "Grupa Kapitałowa Łódź" in html
    assert "Spółka Córka" in html
    assert "Anna Kowalska" in html
    assert "Prezeska zarządu" in html
    assert f'hx-get="/organizations/{organization.pk}/timeline/"' in html


def test_organization_list_filters_and_pages(signed_in, agent, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    make_organization(name="บริษัท สยามเทรดดิ้ง จำกัด", country="TH")
    make_organization(name="株式会社サンプル", country="JP")
    make_organization(name="شركة الرياض", country="SA")
    client = signed_in(agent)

    only_japan = client.get("/organizations/?country=JP").content.decode()
    first = client.get("/organizations/").content.decode()

    assert "株式会社サンプル" in only_japan
    assert "شركة الرياض" not in only_japan
    assert 'rel="next"' in first


def test_organization_list_query_count_does_not_grow(signed_in, agent, django_assert_num_queries):
    client = signed_in(agent)
    parent = make_organization(name="Grupa", country="PL")
    make_organization(name="Spółka 1", country="PL", parent_id=parent.pk, tags=("a",))
    client.get("/organizations/")
    # session, user, visibility policy, owner choices, organizations, identifiers, tags
    with django_assert_num_queries(7):
        client.get("/organizations/")
    for index in range(8):
        make_organization(
            name=f"Spółka {index + 2}",
            country="PL",
            parent_id=parent.pk,
            tags=("a", "b"),
            identifiers=(IdentifierData("pl_nip", "5260001246"),),
        )
    with django_assert_num_queries(7):
        client.get("/organizations/")


def test_an_organization_search_lists_best_matches_first(signed_in, agent):
    make_organization(name="Agro Wielkopolska", country="PL")  # inside a word
    make_organization(name="Polska Grupa Handlowa", country="PL")  # a word starts with it

    html = signed_in(agent).get("/organizations/?q=polska").content.decode()
    by_name = signed_in(agent).get("/organizations/?q=polska&order=name").content.decode()

    def order(page):
        return re.findall(r">(Agro Wielkopolska|Polska Grupa Handlowa)<", page)

    assert order(html) == ["Polska Grupa Handlowa", "Agro Wielkopolska"]
    assert order(by_name) == ["Agro Wielkopolska", "Polska Grupa Handlowa"]


def test_create_organization_with_invalid_tax_number_saves_nothing(signed_in, agent):
    response = signed_in(agent).post(
        "/organizations/new/",
        {
            "name": "Spółka Łódź",
            "country": "PL",
            "identifier_rows": "1",
            "identifier_0_scheme": "pl_nip",
            "identifier_0_value": "526-000-12-47",
        },
    )

    html = response.content.decode()
    assert 'id="identifiers-error"' in html
    assert "526-000-12-47" in html
    assert not Organization.objects.exists()


def test_create_and_edit_organization(signed_in, agent):
    client = signed_in(agent)
    client.post(
        "/organizations/new/",
        {
            "name": "บริษัท สยามเทรดดิ้ง จำกัด",
            "name_latin": "Siam Trading Co., Ltd.",
            "country": "TH",
            "subdivision": "TH-10",
            "industry": "G",
            "identifier_rows": "1",
            "identifier_0_scheme": "th_tin",
            "identifier_0_value": "0105536092641",
        },
    )
    organization = Organization.objects.get()

    response = client.post(
        f"/organizations/{organization.pk}/edit/",
        {
            "name": "บริษัท สยามเทรดดิ้ง จำกัด (มหาชน)",
            "country": "TH",
            "city": "กรุงเทพมหานคร",
            "identifier_rows": "1",
            "identifier_0_scheme": "th_tin",
            "identifier_0_value": "0105536092641",
        },
    )

    organization.refresh_from_db()
    assert response.status_code == 302
    assert organization.name == "บริษัท สยามเทรดดิ้ง จำกัด (มหาชน)"
    assert organization.city == "กรุงเทพมหานคร"
    assert organization.identifiers.get().value == "0105536092641"


def test_delete_organization_keeps_its_contacts(signed_in, agent):
    organization = make_organization(name="Spółka Łódź", country="PL")
    contact = make_contact(
        given_name="Anna", country="PL", roles=(RoleData(organization.pk, "Prezeska"),)
    )

    signed_in(agent).post(f"/organizations/{organization.pk}/delete/")

    assert not Organization.objects.exists()
    assert not contact.roles.exists()
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_organization_picker_suggests_with_ids(signed_in, agent):
    organization = make_organization(name="株式会社サンプル", country="JP", city="東京")

    html = signed_in(agent).get("/organizations/options/?role_0_organization=サンプル").content
    assert f'value="株式会社サンプル · #{organization.pk}"' in html.decode()


# Who may do what, escaping, CSRF


def test_viewer_reads_but_sees_no_buttons(signed_in, viewer):
    contact = make_contact(given_name="Anna", family_name="Kowalska", country="PL")
    organization = make_organization(name="Spółka Łódź", country="PL")
    client = signed_in(viewer)

    pages = [
        client.get(url).content.decode()
        for url in ["/contacts/", f"/contacts/{contact.pk}/", f"/organizations/{organization.pk}/"]
    ]

    for html in pages:
        assert "/edit/" not in html
        assert "/delete/" not in html
        assert "/new/" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/contacts/new/",
        "/contacts/{contact}/edit/",
        "/contacts/{contact}/delete/",
        "/organizations/new/",
        "/organizations/{organization}/edit/",
        "/organizations/{organization}/delete/",
    ],
)
def test_viewer_gets_403_on_every_write(signed_in, viewer, path):
    contact = make_contact(given_name="Anna", family_name="Kowalska", country="PL")
    organization = make_organization(name="Spółka Łódź", country="PL")
    url = path.format(contact=contact.pk, organization=organization.pk)
    client = signed_in(viewer)

    assert client.get(url).status_code == 403
    assert client.post(url, contact_form(given_name="X", name="X")).status_code == 403
    contact.refresh_from_db()
    organization.refresh_from_db()
    assert contact.given_name == "Anna"
    assert organization.name == "Spółka Łódź"
    assert Contact.objects.count() == 1
    assert Organization.objects.count() == 1


def test_names_are_escaped_everywhere(signed_in, manager):
    organization = make_organization(name="<script>alert('org')</script>", country="PL")
    contact = make_contact(
        given_name="<script>alert(1)</script>",
        family_name="Nowak",
        country="PL",
        form_of_address="<b>Pani</b>",
        roles=(RoleData(organization.pk, "<img src=x onerror=alert(2)>"),),
    )
    client = signed_in(manager)

    for url in [
        "/contacts/",
        f"/contacts/{contact.pk}/",
        f"/contacts/{contact.pk}/edit/",
        f"/organizations/{organization.pk}/",
        "/organizations/",
    ]:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "<b>Pani</b>" not in html, url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/contacts/").content.decode()


def test_every_form_post_needs_the_csrf_token(agent):
    contact = make_contact(given_name="Anna", family_name="Kowalska", country="PL")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(agent)

    refused = [
        strict.post("/contacts/new/", contact_form(given_name="Ewa")).status_code,
        strict.post(f"/contacts/{contact.pk}/delete/").status_code,
        strict.post("/organizations/new/", {"name": "X"}).status_code,
    ]

    assert refused == [403, 403, 403]
    assert Contact.objects.count() == 1
    form = strict.get("/contacts/new/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in form


def test_navigation_leads_to_contacts_and_organizations(signed_in, viewer):
    contact = make_contact(given_name="Anna", country="PL")

    html = signed_in(viewer).get(f"/contacts/{contact.pk}/").content.decode()

    assert '<a href="/contacts/" aria-current="page">' in html
    assert '<a href="/organizations/">' in html


def test_local_time_states_follow_the_countrys_calendar():
    thai_holiday = formatting.local_time_at("TH", "", now=SONGKRAN_MORNING)
    saudi_friday = formatting.local_time_at(
        "SA", "Asia/Riyadh", now=datetime(2026, 4, 17, 10, tzinfo=UTC)
    )
    polish_tuesday = formatting.local_time_at("PL", "", now=datetime(2026, 4, 14, 10, tzinfo=UTC))
    polish_evening = formatting.local_time_at("PL", "", now=datetime(2026, 4, 14, 20, tzinfo=UTC))

    assert (thai_holiday.state, thai_holiday.moment.hour) == ("holiday", 10)
    assert "Songkran" in thai_holiday.holiday
    assert saudi_friday.state == "weekend"
    assert (polish_tuesday.state, polish_tuesday.moment.hour) == ("working", 12)
    assert polish_evening.state == "outside"
    assert formatting.local_time_at("US", "") is None  # several zones: not guessed


def test_phone_formats():
    assert formatting.phone_national("+66812345678", "TH") == "081 234 5678"
    assert formatting.phone_national("+48601234567", "TH") == "+48 601 234 567"
    assert formatting.phone_international("+81312345678") == "+81 3-1234-5678"


def test_custom_field_form_uses_the_definitions(signed_in, admin_user):
    CustomField.objects.create(key="tier", label="Tier", type="choice", choices=["gold", "silver"])

    response = signed_in(admin_user).post(
        "/contacts/new/", contact_form(given_name="Anna", country="PL", custom_tier="gold")
    )

    assert response.status_code == 302
    assert Contact.objects.get().custom == {"tier": "gold"}
