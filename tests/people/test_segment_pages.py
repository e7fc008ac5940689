"""The segment pages: the list with live counts, the rule builder (all/any, nested groups,
rows added and redrawn), the live count, the JSON editor, the segment page with its rules in
plain words, members a page at a time and downloads, static lists, and who may do what."""

import csv
import io
import json
import re

import pytest
import vobject
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from amity.people import segment_views
from amity.people.models import Contact, Segment
from amity.people.segment_forms import RulesForm
from amity.people.segments import segment_create, segment_members_change
from amity.people.services import custom_field_define
from factories import advance_ids, make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def writer(admin_user):
    """Someone who may write and reads the pages in English (the writer reads them in Thai)."""
    return admin_user


@pytest.fixture
def book():
    """Contacts from four countries and scripts."""
    return {
        "somchai": make_contact(
            given_name="สมชาย",
            family_name="ใจดี",
            country="TH",
            languages=("th", "en"),
            tags=("vip",),
            emails=["somchai@example.co.th"],
        ),
        "anna": make_contact(
            given_name="Anna",
            family_name="Wójcik",
            country="PL",
            languages=("pl", "en"),
            emails=["anna.wojcik@example.pl"],
        ),
        "taro": make_contact(
            given_name="太郎",
            family_name="山田",
            country="JP",
            languages=("ja",),
            do_not_contact=True,
            emails=["taro@example.jp"],
        ),
        "layla": make_contact(
            given_name="ليلى",
            family_name="الحربي",
            country="SA",
            languages=("ar", "en"),
            tags=("vip",),
            emails=["layla@example.sa"],
        ),
    }


def builder_post(name="ลูกค้าไทยและโปแลนด์", *, match="all", rows=(), groups=(), **extra):
    """What the builder posts: rows are dicts of a rule row's inputs (``group`` defaults
    to 0, the segment's own group); ``groups`` are the nested groups' matches."""
    data = {
        "kind": "rules",
        "name": name,
        "description": "",
        "mode": "builder",
        "groups": str(1 + len(groups)),
        "rows": str(len(rows)),
        "group-0-match": match,
        "action": "save",
    }
    for index, group_match in enumerate(groups, start=1):
        data[f"group-{index}-match"] = group_match
    for index, row in enumerate(rows):
        row = {"group": "0", **row}
        row.setdefault("rendered", row.get("field", ""))
        for key, value in row.items():
            data[f"rule-{index}-{key}"] = value
    data.update(extra)
    return data


def names_in(html: str) -> list[str]:
    return re.findall(r'<a href="/contacts/\d+/" dir="auto"[^>]*>([^<]+)</a>', html)


def text_of(html: str) -> str:
    """The page's text without tags and with runs of white space as one space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# The list


def test_segment_list_shows_each_segment_with_its_live_count(signed_in, writer, book):
    segment_create(
        actor=writer,
        name="ลูกค้า VIP",
        rules={"match": "all", "rules": [{"field": "tag", "op": "in", "value": ["vip"]}]},
    )
    static = segment_create(actor=writer, name="Targi Poznań 2026", kind="static")
    segment_members_change(actor=writer, segment=static, add=[book["anna"].pk])
    # Saved before the custom field it tests was removed: the count fails, the page does not.
    Segment.objects.create(
        name="Zepsuty",
        rules={"field": "custom", "op": "is", "value": {"key": "gone", "value": "x"}},
    )

    response = signed_in(writer).get("/segments/")

    html = response.content.decode()
    text = text_of(html)
    assert response.status_code == 200
    assert "ลูกค้า VIP Rule-based Oliver Hughes 2" in text
    assert "Targi Poznań 2026 Static list Oliver Hughes 1" in text
    assert "Zepsuty Rule-based — —" in text
    assert 'href="/segments/new/"' in html
    assert 'href="/segments/new/?kind=static"' in html
    assert 'aria-current="page">Segments</a>' in html


def test_segment_list_counts_every_segment_in_one_query(signed_in, writer, book):
    client = signed_in(writer)
    rules = {"field": "country", "op": "in", "value": ["TH"]}
    segment_create(actor=writer, name="Tajlandia", rules=rules)
    client.get("/segments/")
    with CaptureQueriesContext(connection) as one:
        client.get("/segments/")
    for name in ("Polska", "Japonia", "Arabia"):
        segment_create(actor=writer, name=name, rules=rules)
    with CaptureQueriesContext(connection) as four:
        client.get("/segments/")

    def counts(captured):
        return [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]

    # One pass over the contacts counts every rule segment; more segments, same queries.
    assert len(counts(four)) == len(counts(one))
    assert len(four) == len(one)
    assert "Tajlandia Rule-based Oliver Hughes 1" in text_of(
        client.get("/segments/").content.decode()
    )


# The rule builder


def test_a_rule_segment_created_in_the_builder_saves_the_rules_as_json(signed_in, writer, book):
    data = builder_post(
        match="all",
        rows=[
            {"field": "country", "op": "in", "value": "TH, PL"},
            {"field": "language", "op": "in", "value": "en"},
        ],
    )

    response = signed_in(writer).post("/segments/new/", data)

    segment = Segment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/segments/{segment.pk}/"
    assert (segment.name, segment.kind, segment.owner) == ("ลูกค้าไทยและโปแลนด์", "rules", writer)
    assert segment.rules == {
        "match": "all",
        "rules": [
            {"field": "country", "op": "in", "value": ["TH", "PL"]},
            {"field": "language", "op": "in", "value": ["en"]},
        ],
    }


def test_any_of_with_a_nested_group_picks_the_right_contacts(signed_in, writer, book):
    data = builder_post(
        "VIP albo polskojęzyczni",
        match="any",
        groups=["all"],
        rows=[
            {"field": "tag", "op": "in", "value": "vip"},
            {"group": "1", "field": "country", "op": "in", "value": "PL"},
            {"group": "1", "field": "do_not_contact", "op": "is", "flag": "no"},
        ],
    )

    signed_in(writer).post("/segments/new/", data)

    segment = Segment.objects.get()
    assert segment.rules == {
        "match": "any",
        "rules": [
            {"field": "tag", "op": "in", "value": ["vip"]},
            {
                "match": "all",
                "rules": [
                    {"field": "country", "op": "in", "value": ["PL"]},
                    {"field": "do_not_contact", "op": "is", "value": False},
                ],
            },
        ],
    }
    html = signed_in(writer).get(f"/segments/{segment.pk}/").content.decode()
    assert names_in(html) == ["Anna Wójcik", "ليلى الحربي", "สมชาย ใจดี"]


def test_add_rule_redraws_the_builder_with_one_more_empty_row(signed_in, writer, book):
    data = builder_post(rows=[{"field": "country", "op": "in", "value": "TH"}], action="add-rule:0")

    response = signed_in(writer).post(
        "/segments/new/", data, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="rule-builder"
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<fieldset class="card rule-builder" id="rule-builder">')
    assert 'name="rows" value="2"' in html
    assert 'name="rule-1-field"' in html
    assert 'value="TH"' in html  # the first row kept its value
    assert "1 contact matches" in html
    assert Segment.objects.count() == 0


def test_add_group_and_remove_rule(signed_in, writer, book):
    client = signed_in(writer)
    data = builder_post(rows=[{"field": "country", "op": "in", "value": "TH"}], action="add-group")

    html = client.post("/segments/new/", data).content.decode()

    assert 'name="groups" value="2"' in html
    assert 'name="rule-1-group" value="1"' in html
    assert "Group 1" in html
    data = builder_post(
        groups=["any"],
        rows=[
            {"field": "country", "op": "in", "value": "TH"},
            {"group": "1", "field": "tag", "op": "in", "value": "vip"},
        ],
        action="remove-rule:1",
    )
    html = client.post("/segments/new/", data).content.decode()
    assert 'name="groups" value="1"' in html  # the group went with its last rule
    assert 'name="rows" value="1"' in html
    assert Segment.objects.count() == 0


def test_choosing_another_field_redraws_the_row_with_that_fields_inputs(signed_in, writer, book):
    data = builder_post(
        rows=[{"field": "owner", "rendered": "country", "op": "in", "value": "TH"}],
        action="refresh",
    )

    html = (
        signed_in(writer)
        .post("/segments/new/", data, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="rule-builder")
        .content.decode()
    )

    assert '<select name="rule-0-owners"' in html
    assert f'<option value="{writer.pk}">Oliver Hughes</option>' in html
    assert 'value="TH"' not in html  # the country's value does not become an owner
    assert 'name="rule-0-rendered" value="owner"' in html


def test_every_kind_of_rule_round_trips_through_the_builder(writer, agent):
    custom_field_define(actor=writer, key="seats", label="Liczba miejsc", type_="number")
    custom_field_define(actor=writer, key="region", label="ภูมิภาค", type_="text")
    rules = {
        "match": "all",
        "rules": [
            {"field": "country", "op": "not_in", "value": ["JP", "SA"]},
            {"field": "timezone", "op": "in", "value": ["Asia/Bangkok"]},
            {"field": "industry", "op": "in", "value": ["K", "J"]},
            {"field": "size_band", "op": "in", "value": ["1000+"]},
            {"field": "owner", "op": "in", "value": [agent.pk]},
            {"field": "do_not_contact", "op": "is", "value": True},
            {"field": "custom", "op": "gte", "value": {"key": "seats", "value": 100}},
            {"field": "custom", "op": "is", "value": {"key": "region", "value": "12"}},
            {
                "match": "any",
                "rules": [
                    {
                        "field": "interactions",
                        "op": "at_least",
                        "value": {"count": 3, "days": 90, "channel": "phone"},
                    },
                    {
                        "field": "interactions",
                        "op": "fewer_than",
                        "value": {"count": 1, "days": 30},
                    },
                ],
            },
        ],
    }

    form = RulesForm(rules=rules)

    assert form.editor == "builder"
    assert form.rules() == rules


def test_the_live_count_answers_with_a_fragment(signed_in, writer, book):
    client = signed_in(writer)
    two = builder_post(rows=[{"field": "tag", "op": "in", "value": "vip"}])
    one = builder_post(rows=[{"field": "country", "op": "in", "value": "JP"}])

    html = client.post("/segments/preview/", two, HTTP_HX_REQUEST="true").content.decode()

    assert "<html" not in html
    assert '<div id="segment-count"' in html
    assert "2 contacts match" in html
    assert 'hx-swap-oob="true"' in html  # the builder's rules as JSON, updated beside it
    assert "&quot;vip&quot;" in html
    assert "1 contact matches" in client.post("/segments/preview/", one).content.decode()
    assert Segment.objects.count() == 0


def test_the_live_count_explains_a_rule_the_service_refuses(signed_in, writer, book):
    data = builder_post(rows=[{"field": "country", "op": "in", "value": "TH, XX"}])

    html = signed_in(writer).post("/segments/preview/", data).content.decode()

    assert "XX is not an ISO 3166-1 country code." in html


def test_the_count_is_formatted_for_the_readers_language():
    preview = {"preview": {"count": 1240}}

    english = render_to_string("people/segment_count.html", preview)
    with translation.override("pl"):
        polish = render_to_string("people/segment_count.html", preview)
    one = render_to_string("people/segment_count.html", {"preview": {"count": 1}})

    assert "1,240 contacts match" in english
    assert "1\xa0240" in polish
    assert "1 contact matches" in one


def test_the_page_has_the_live_count_wired_to_the_rules(signed_in, writer):
    html = signed_in(writer).get("/segments/new/").content.decode()

    assert 'hx-post="/segments/preview/"' in html
    assert 'hx-trigger="change, keyup delay:400ms"' in html
    assert "Add a rule to see how many contacts match." in html
    assert "Match all of these rules" in html
    assert "Match any of these rules" in html
    assert "Advanced: edit rules as JSON" in html


def test_an_invalid_rule_shows_the_reason_and_saves_nothing(signed_in, writer, book):
    data = builder_post(rows=[{"field": "country", "op": "in", "value": "XX"}])

    response = signed_in(writer).post("/segments/new/", data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved." in html
    assert "XX is not an ISO 3166-1 country code." in html
    assert Segment.objects.count() == 0


def test_a_custom_field_contains_rule_is_saved(signed_in, writer, book):
    custom_field_define(actor=writer, key="note", label="หมายเหตุ", type_="text")
    data = builder_post(rows=[{"field": "custom", "op": "contains", "key": "note", "value": "ดี"}])

    response = signed_in(writer).post("/segments/new/", data)

    assert response.status_code == 302
    assert Segment.objects.get().rules["rules"][0]["op"] == "contains"


def test_an_empty_builder_saves_nothing(signed_in, writer, book):
    data = builder_post(rows=[{"field": ""}])

    response = signed_in(writer).post("/segments/new/", data)

    assert "Add at least one rule." in response.content.decode()
    assert Segment.objects.count() == 0


# The JSON editor


DEEP_RULES = {
    "match": "any",
    "rules": [
        {"field": "country", "op": "in", "value": ["JP"]},
        {
            "match": "all",
            "rules": [
                {"field": "language", "op": "in", "value": ["en"]},
                {
                    "match": "any",
                    "rules": [
                        {"field": "country", "op": "in", "value": ["PL"]},
                        {"field": "tag", "op": "in", "value": ["vip"]},
                    ],
                },
            ],
        },
    ],
}


def _textarea(html: str, name: str) -> str:
    from html import unescape

    found = re.search(rf'<textarea name="{name}"[^>]*>\n?(.*?)</textarea>', html, re.S)
    assert found, f"no textarea {name}"
    return unescape(found.group(1))


def test_rules_nested_deeper_than_the_builder_round_trip_through_json(signed_in, writer, book):
    segment = segment_create(actor=writer, name="日本語のリスト", rules=DEEP_RULES)
    client = signed_in(writer)

    html = client.get(f"/segments/{segment.pk}/edit/").content.decode()
    text = _textarea(html, "rules_json")
    response = client.post(
        f"/segments/{segment.pk}/edit/",
        {"kind": "rules", "name": segment.name, "description": "", "mode": "json"}
        | {"rules_json": text, "action": "save"},
    )

    segment.refresh_from_db()
    assert "edited as JSON" in html
    assert json.loads(text) == DEEP_RULES
    assert response.status_code == 302
    assert segment.rules == DEEP_RULES


def test_builder_to_json_and_back(signed_in, writer, book):
    client = signed_in(writer)
    rows = [{"field": "country", "op": "in", "value": "TH, PL"}]

    html = client.post("/segments/new/", builder_post(rows=rows, action="to-json")).content.decode()
    text = _textarea(html, "rules_json")
    back = client.post(
        "/segments/new/",
        {"kind": "rules", "name": "x", "mode": "json", "rules_json": text, "action": "to-builder"},
    ).content.decode()

    assert json.loads(text) == {
        "match": "all",
        "rules": [{"field": "country", "op": "in", "value": ["TH", "PL"]}],
    }
    assert 'name="mode" value="json"' in html
    assert 'name="mode" value="builder"' in back
    assert 'name="rule-0-value" value="TH, PL"' in back
    assert Segment.objects.count() == 0


def test_json_that_does_not_parse_says_where(signed_in, writer):
    data = {"kind": "rules", "name": "Zła", "mode": "json", "rules_json": '{"match": "all",'}

    response = signed_in(writer).post("/segments/new/", data | {"action": "save"})

    assert "This is not valid JSON (line 1, column 17)" in response.content.decode()
    assert Segment.objects.count() == 0


# The segment page


def test_the_segment_page_shows_the_rules_in_the_readers_language(signed_in, agent, viewer, book):
    rules = {
        "match": "all",
        "rules": [
            {"field": "country", "op": "in", "value": ["TH", "PL"]},
            {
                "match": "any",
                "rules": [
                    {"field": "language", "op": "in", "value": ["th"]},
                    {"field": "owner", "op": "in", "value": [agent.pk]},
                ],
            },
            {
                "field": "interactions",
                "op": "at_least",
                "value": {"count": 3, "days": 90, "channel": "phone"},
            },
        ],
    }
    segment = segment_create(
        actor=agent, name="ลูกค้าไทย", rules=rules, description="สำหรับแคมเปญสงกรานต์"
    )

    english = text_of(signed_in(viewer).get(f"/segments/{segment.pk}/").content.decode())
    thai = text_of(signed_in(agent).get(f"/segments/{segment.pk}/").content.decode())

    assert "Contacts that match all of these:" in english
    assert "Country is Thailand or Poland" in english
    assert "Any of these:" in english
    assert "Language is Thai" in english
    assert "Owner is สมชาย ใจดี" in english
    assert "At least 3 interactions by Phone in the last 90 days" in english
    assert "สำหรับแคมเปญสงกรานต์" in english
    assert "ไทย หรือ โปแลนด์" in thai  # country names and "or" in Thai


def test_the_segment_page_lists_its_members_a_page_at_a_time(signed_in, writer, book, monkeypatch):
    monkeypatch.setattr(segment_views, "MEMBER_PAGE_SIZE", 2)
    segment = segment_create(
        actor=writer, name="Wszyscy", rules={"field": "do_not_contact", "value": False}
    )
    make_contact(given_name="Zofia", family_name="Żak", country="PL", languages=("pl",))
    client = signed_in(writer)

    first = client.get(f"/segments/{segment.pk}/").content.decode()
    cursor = re.search(r'rel="next" href="[^"]*\?cursor=([^"]+)"', first).group(1)
    second = client.get(
        f"/segments/{segment.pk}/?cursor={cursor}",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="segment-members",
    ).content.decode()

    assert names_in(first) == ["Anna Wójcik", "Zofia Żak"]
    assert "4 contacts" in text_of(first)
    assert "anna.wojcik@example.pl" in first
    assert "Poland" in first
    assert "Polish" in first
    assert "<html" not in second
    assert names_in(second) == ["ليلى الحربي", "สมชาย ใจดี"]
    assert 'rel="next"' not in second
    assert "First page" in second


def test_the_segment_page_query_count_does_not_grow_with_members(signed_in, writer, book):
    segment = segment_create(
        actor=writer,
        name="Wszyscy",
        rules={"match": "all", "rules": [{"field": "country", "op": "not_in", "value": ["US"]}]},
    )
    client = signed_in(writer)
    client.get(f"/segments/{segment.pk}/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/segments/{segment.pk}/")
    for number in range(10):
        make_contact(
            given_name=f"Kasia {number}",
            family_name="Nowak",
            country="PL",
            emails=[f"k{number}@e.pl"],
        )
    with CaptureQueriesContext(connection) as many:
        html = client.get(f"/segments/{segment.pk}/").content.decode()

    assert len(names_in(html)) == 14
    assert len(many) == len(few)


@pytest.fixture
def thai_and_polish(writer, book):
    return segment_create(
        actor=writer,
        name="Tajlandia/Polska: klienci",
        rules={"match": "all", "rules": [{"field": "country", "op": "in", "value": ["TH", "PL"]}]},
    )


def test_csv_download_holds_exactly_the_members(signed_in, viewer, thai_and_polish):
    response = signed_in(viewer).get(f"/segments/{thai_and_polish.pk}/export.csv")

    body = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "Tajlandia" in response["Content-Disposition"]
    assert sorted(row["full_name"] for row in rows) == ["Anna Wójcik", "สมชาย ใจดี"]
    assert body.startswith("\ufeffamity_id,")


def test_xlsx_download_holds_exactly_the_members(signed_in, viewer, thai_and_polish):
    response = signed_in(viewer).get(f"/segments/{thai_and_polish.pk}/export.xlsx")

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.values)
    names = sorted(row[header.index("full_name")] for row in rows)
    assert names == ["Anna Wójcik", "สมชาย ใจดี"]
    assert sheet.title == "TajlandiaPolska klienci"


def test_vcard_download_holds_exactly_the_members(signed_in, viewer, thai_and_polish):
    client = signed_in(viewer)

    cards = b"".join(
        client.get(f"/segments/{thai_and_polish.pk}/export.vcf").streaming_content
    ).decode()
    old = b"".join(
        client.get(f"/segments/{thai_and_polish.pk}/export.vcf?version=3.0").streaming_content
    ).decode()

    assert sorted(c.fn.value for c in vobject.readComponents(cards)) == [
        "Anna Wójcik",
        "สมชาย ใจดี",
    ]
    assert [c.version.value for c in vobject.readComponents(old)] == ["3.0", "3.0"]


def test_a_static_list_download_holds_its_members(signed_in, writer, book):
    static = segment_create(actor=writer, name="Goście", kind="static")
    segment_members_change(actor=writer, segment=static, add=[book["taro"].pk, book["layla"].pk])

    response = signed_in(writer).get(f"/segments/{static.pk}/export.csv")

    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert sorted(row["full_name"] for row in rows) == ["ليلى الحربي", "山田 太郎"]


def test_an_unknown_download_format_is_not_found(signed_in, writer, thai_and_polish):
    assert signed_in(writer).get(f"/segments/{thai_and_polish.pk}/export.pdf").status_code == 404


# Static lists


def test_a_contact_is_added_to_a_static_list_from_the_contact_page(signed_in, writer, book):
    static = segment_create(actor=writer, name="Targi Poznań 2026", kind="static")
    segment_create(actor=writer, name="Oszczędni", kind="static")
    client = signed_in(writer)
    anna = book["anna"]

    page = client.get(f"/contacts/{anna.pk}/").content.decode()
    panel = client.get(f"/contacts/{anna.pk}/lists/", HTTP_HX_REQUEST="true").content.decode()
    response = client.post(f"/contacts/{anna.pk}/lists/", {"segment": static.pk})

    assert f'hx-get="/contacts/{anna.pk}/lists/"' in page
    assert "<html" not in panel
    assert "Not on any static list." in panel
    assert "Targi Poznań 2026" in panel
    assert "Add to list" in panel
    assert response.status_code == 302
    assert response["Location"] == f"/contacts/{anna.pk}/#lists"
    assert list(static.members.all()) == [anna]
    panel = client.get(f"/contacts/{anna.pk}/lists/", HTTP_HX_REQUEST="true").content.decode()
    assert f'href="/segments/{static.pk}/"' in panel
    assert f'<option value="{static.pk}"' not in panel  # already on it


def test_members_are_removed_from_a_static_list(signed_in, writer, book):
    static = segment_create(actor=writer, name="ลูกค้าคนสำคัญ", kind="static")
    segment_members_change(
        actor=writer, segment=static, add=[book["somchai"].pk, book["taro"].pk, book["anna"].pk]
    )
    client = signed_in(writer)

    page = client.get(f"/segments/{static.pk}/").content.decode()
    response = client.post(
        f"/segments/{static.pk}/members/remove/",
        {"contact": [str(book["taro"].pk), str(book["anna"].pk)]},
    )

    assert f'name="contact" value="{book["taro"].pk}"' in page
    assert response.status_code == 302
    assert list(static.members.all()) == [book["somchai"]]


def test_member_checkboxes_carry_plain_ids_past_a_thousand(signed_in, writer):
    advance_ids(Contact, 12_344)
    member = make_contact(given_name="Łucja", family_name="Kowalczyk", country="PL")
    static = segment_create(actor=writer, name="Targi w Poznaniu", kind="static")
    segment_members_change(actor=writer, segment=static, add=[member.pk])
    client = signed_in(writer)

    page = client.get(f"/segments/{static.pk}/").content.decode()
    client.post(f"/segments/{static.pk}/members/remove/", {"contact": ["12345"]})

    assert member.pk == 12_345
    assert 'name="contact" value="12345" id="member-12345"' in page
    assert not static.members.exists()


def test_a_static_list_is_created_with_a_name_only(signed_in, writer):
    response = signed_in(writer).post(
        "/segments/new/", {"kind": "static", "name": "Targi w Łodzi", "description": "2026"}
    )

    segment = Segment.objects.get()
    assert response.status_code == 302
    assert (segment.kind, segment.rules, segment.description) == ("static", {}, "2026")


def test_a_segment_is_deleted_only_after_confirming(signed_in, writer, thai_and_polish):
    client = signed_in(writer)

    confirm = client.get(f"/segments/{thai_and_polish.pk}/delete/")
    assert Segment.objects.count() == 1
    response = client.post(f"/segments/{thai_and_polish.pk}/delete/")

    assert confirm.status_code == 200
    assert "This cannot be undone." in confirm.content.decode()
    assert response.status_code == 302
    assert Segment.objects.count() == 0


def test_editing_keeps_the_segment_and_changes_its_rules(signed_in, writer, thai_and_polish):
    data = builder_post("Tylko Polska", rows=[{"field": "country", "op": "in", "value": "PL"}])

    response = signed_in(writer).post(f"/segments/{thai_and_polish.pk}/edit/", data)

    thai_and_polish.refresh_from_db()
    assert response.status_code == 302
    assert thai_and_polish.name == "Tylko Polska"
    assert thai_and_polish.rules["rules"] == [{"field": "country", "op": "in", "value": ["PL"]}]


# Who may do what


def test_a_viewer_reads_and_downloads_but_may_not_change_anything(signed_in, viewer, writer, book):
    static = segment_create(actor=writer, name="Lista", kind="static")
    segment_members_change(actor=writer, segment=static, add=[book["anna"].pk])
    rules = segment_create(actor=writer, name="Reguły", rules={"field": "tag", "value": ["vip"]})
    client = signed_in(viewer)

    listing = client.get("/segments/").content.decode()
    page = client.get(f"/segments/{static.pk}/").content.decode()

    assert client.get(f"/segments/{rules.pk}/").status_code == 200
    assert client.get(f"/segments/{rules.pk}/export.csv").status_code == 200
    assert "New segment" not in listing
    assert 'name="contact"' not in page
    assert f"/segments/{static.pk}/edit/" not in page
    for url in ("/segments/new/", f"/segments/{rules.pk}/edit/", f"/segments/{rules.pk}/delete/"):
        assert client.get(url).status_code == 403
    posts = [
        ("/segments/new/", builder_post(rows=[{"field": "tag", "op": "in", "value": "vip"}])),
        ("/segments/preview/", builder_post(rows=[{"field": "tag", "op": "in", "value": "vip"}])),
        (f"/segments/{rules.pk}/edit/", builder_post("Zmiana")),
        (f"/segments/{rules.pk}/delete/", {}),
        (f"/segments/{static.pk}/members/remove/", {"contact": [str(book["anna"].pk)]}),
        (f"/contacts/{book['somchai'].pk}/lists/", {"segment": static.pk}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert Segment.objects.count() == 2
    assert list(static.members.all()) == [book["anna"]]
    assert Segment.objects.get(pk=rules.pk).name == "Reguły"


def test_posts_without_the_csrf_token_are_refused(writer, thai_and_polish):
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)

    response = client.post(f"/segments/{thai_and_polish.pk}/delete/")

    assert response.status_code == 403
    assert Segment.objects.count() == 1
    html = client.get(f"/segments/{thai_and_polish.pk}/delete/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in html


def test_names_descriptions_and_rule_values_are_escaped(signed_in, writer, book):
    segment = segment_create(
        actor=writer,
        name="<script>alert('ชื่อ')</script>",
        description="<img src=x onerror=alert(1)>",
        rules={"field": "tag", "op": "in", "value": ["<b>vip</b>"]},
    )
    client = signed_in(writer)

    pages = [
        client.get("/segments/").content.decode(),
        client.get(f"/segments/{segment.pk}/").content.decode(),
        client.get(f"/segments/{segment.pk}/edit/").content.decode(),
    ]

    for html in pages:
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "<b>vip</b>" not in html
    assert "&lt;script&gt;alert(&#x27;ชื่อ&#x27;)&lt;/script&gt;" in pages[0]
    assert "&lt;b&gt;vip&lt;/b&gt;" in pages[1]
