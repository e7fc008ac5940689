"""Country guidance: the shipped data files (sources, values, 30+ countries, every note in
English, Thai and Polish), notes in the reader's language with the English fallback marked,
administrators' edits with their own source winning over the file (shown as written), the
guidance pages and the country guidance API."""

import importlib.resources
import json
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from amity.core.errors import DomainError
from amity.core.permissions import PermissionDenied
from amity.culture.guidance.edits import country_guidance_edit, country_guidance_revert
from amity.culture.guidance.entries import FIELDS, VALUE_LABELS, GuidanceEntry
from amity.culture.guidance.reading import country_guidance, reader_language
from amity.culture.guidance.shipped import problems_in, shipped_guidance
from amity.culture.models import CountryGuidanceOverride
from amity.people.guidance import (
    MergedGuidance,
    Preference,
    contact_guidance,
    guidance_preferences_set,
    merge_guidance,
)
from factories import make_contact, make_organization

pytestmark = pytest.mark.django_db

# The largest markets the issue names, which must have guidance.
REQUIRED = {
    "US",
    "CN",
    "JP",
    "DE",
    "IN",
    "GB",
    "FR",
    "IT",
    "BR",
    "CA",
    "KR",
    "AU",
    "ES",
    "MX",
    "ID",
    "NL",
    "SA",
    "TR",
    "CH",
    "PL",
    "TW",
    "BE",
    "SE",
    "AR",
    "IE",
    "TH",
    "AT",
    "IL",
    "AE",
    "NG",
    "SG",
}


def _raw_files() -> dict[str, dict]:
    directory = importlib.resources.files("amity.culture").joinpath("guidance_data")
    return {
        item.name.removesuffix(".json"): json.loads(item.read_text(encoding="utf-8"))
        for item in directory.iterdir()
        if item.name.endswith(".json")
    }


def test_every_shipped_file_is_valid_and_sourced():
    files = _raw_files()
    assert len(files) >= 30
    assert set(files) >= REQUIRED
    for code, raw in files.items():
        assert problems_in(raw, expected_country=code) == [], code
        for source in raw["sources"]:
            assert source["url"].startswith(("http://", "https://")), code
            assert source["title"].strip(), code
            assert source["accessed"] == "2026-11-24", code


def test_every_field_value_is_one_of_the_fixed_values_and_cites_a_listed_source():
    for code, guidance in shipped_guidance().items():
        for entry in guidance.entries.values():
            assert entry.field in FIELDS
            if entry.value:
                assert entry.value in VALUE_LABELS[entry.field], (code, entry.field)
            assert entry.note, (code, entry.field)
            assert entry.sources, (code, entry.field)


def test_every_shipped_source_is_cited_by_some_field():
    for code, raw in _raw_files().items():
        cited = {i for name in FIELDS if name in raw for i in raw[name]["sources"]}
        assert cited == set(range(len(raw["sources"]))), code


def test_problems_are_named_for_a_bad_file():
    bad = {
        "country": "PL",
        "sources": [{"url": "ftp://example.org", "title": ""}],
        "directness": {"value": "blunt", "note": "x", "sources": [3]},
        "gifts": {"note": "", "sources": []},
        "weather": {},
    }
    assert problems_in(bad, expected_country="PL") == [
        "source 0 has no http(s) URL",
        "source 0 has no title",
        "unknown keys ['weather']",
        "directness: invalid value 'blunt'",
        "directness: cites a source the file does not list",
        "gifts: no note",
        "gifts: cites no source",
    ]
    assert problems_in(
        {"country": "TH", "sources": [{"url": "https://a.b", "title": "t"}]}, expected_country="PL"
    ) == ["file of PL describes TH"]


def test_thai_guidance_as_shipped():
    thailand = country_guidance("th")
    assert thailand.country == "TH"
    directness = thailand.entries["directness"]
    assert directness.value == "indirect"
    assert directness.value_label == "Indirect"
    assert directness.sources[0].url == "https://culture.anb-network.com/en/country/thailand"
    decisions = thailand.entries["decisions"]
    assert decisions.value == ""  # sourced note, but no source says "one person" or "consensus"
    assert decisions.value_label == ""
    assert [e.field for e in thailand.ordered()] == list(FIELDS)
    # No source found on how Canadian companies decide: left empty, never guessed.
    assert "decisions" not in country_guidance("CA").entries


def test_labels_follow_the_interface_language():
    with translation.override("pl"):
        entry = country_guidance("PL").entries["formality"]
        assert entry.label == gettext("Formality")
        assert entry.value_label == gettext("Formal by default")


def test_an_administrators_edit_wins_over_the_file_with_its_own_source(admin_user):
    row = country_guidance_edit(
        actor=admin_user,
        country="pl",
        field="gifts",
        value="",
        note="Flowers in odd numbers; no yellow chrysanthemums.",
        source_url="https://businessculture.org/eastern-europe/poland/",
        source_title="Business culture in Poland",
    )
    assert (row.country, row.field, row.updated_by) == ("PL", "gifts", admin_user)
    gifts = country_guidance("PL").entries["gifts"]
    assert gifts.edited is True
    assert gifts.note == "Flowers in odd numbers; no yellow chrysanthemums."
    assert [(s.url, s.title) for s in gifts.sources] == [
        ("https://businessculture.org/eastern-europe/poland/", "Business culture in Poland")
    ]
    assert country_guidance("PL").entries["formality"].edited is False
    assert country_guidance_revert(actor=admin_user, country="PL", field="gifts") is True
    assert country_guidance("PL").entries["gifts"].edited is False


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"source_url": ""}, "source_url", "Give the source as an http or https address"),
        ({"source_url": "javascript:alert(1)"}, "source_url", "Give the source as an http"),
        ({"source_title": " "}, "source_title", "Give the source's title"),
        ({"value": "blunt"}, "directness", "blunt is not a value of Communication"),
        ({"note": ""}, "note", "Write the guidance itself in the note."),
        ({"country": "XX"}, "country", "XX is not an ISO 3166-1 country code."),
        ({"field": "weather"}, "field", "There is no guidance field weather"),
    ],
)
def test_a_refused_edit_changes_nothing(admin_user, changes, field, message):
    request = {
        "country": "TH",
        "field": "directness",
        "value": "direct",
        "note": "Depends on the company.",
        "source_url": "https://example.org/thai-business",
        "source_title": "Thai business",
    } | changes
    with pytest.raises(DomainError) as refused:
        country_guidance_edit(actor=admin_user, **request)
    assert refused.value.field == field
    assert refused.value.message.startswith(message)
    assert not CountryGuidanceOverride.objects.exists()
    assert country_guidance("TH").entries["directness"].value == "indirect"


def test_only_administrators_edit_country_guidance(manager):
    with pytest.raises(PermissionDenied):
        country_guidance_edit(
            actor=manager,
            country="TH",
            field="gifts",
            value="",
            note="x",
            source_url="https://example.org",
            source_title="x",
        )
    assert not CountryGuidanceOverride.objects.exists()


def test_guidance_pages_show_sources_and_admins_edit(client, admin_user, agent):
    client.force_login(agent)  # reads in Thai: the country's name is CLDR's Thai one
    page = client.get("/guidance/th/").content.decode()
    with translation.override("th"):
        heading = gettext("Cultural guidance: %(name)s") % {"name": "ไทย"}
    assert f"<h1>{heading}</h1>" in page
    assert 'href="https://culture.anb-network.com/en/country/thailand"' in page
    assert "Thailand 1-Minute Culture Briefing" in page
    assert "/guidance/TH/gifts/edit/" not in page
    assert client.get("/guidance/TH/gifts/edit/").status_code == 403
    listing = client.get("/guidance/").content.decode()
    assert listing.count('href="/guidance/') >= 30

    client.force_login(admin_user)
    form = client.get("/guidance/TH/gifts/edit/")
    assert form.status_code == 200
    refused = client.post(
        "/guidance/TH/gifts/edit/",
        {"note": "Wrapped gifts are common.", "source_url": "not a url", "source_title": "x"},
    )
    assert "Give the source as an http or https address" in refused.content.decode()
    assert not CountryGuidanceOverride.objects.exists()
    saved = client.post(
        "/guidance/TH/gifts/edit/",
        {
            "note": "Wrapped gifts are common.",
            "source_url": "https://example.org/thai-gifts",
            "source_title": "Thai gifts",
        },
    )
    assert saved.status_code == 302
    page = client.get("/guidance/TH/").content.decode()
    assert "Wrapped gifts are common." in page
    assert "edited by an administrator" in page
    assert client.get("/guidance/ZZ/").status_code == 404


# Notes in the reader's language

THAI_SCRIPT = re.compile(r"[\u0e00-\u0e7f]")
POLISH_LETTERS = re.compile(r"[ąćęłńóśźż]", re.IGNORECASE)


def test_every_field_of_every_country_has_a_thai_and_a_polish_note():
    count = 0
    for code, raw in _raw_files().items():
        for name in FIELDS:
            if name not in raw:
                continue
            entry = raw[name]
            english, thai, polish = entry["note"], entry.get("note_th"), entry.get("note_pl")
            assert isinstance(thai, str), (code, name)
            assert isinstance(polish, str), (code, name)
            assert thai.strip(), (code, name)
            assert polish.strip(), (code, name)
            assert THAI_SCRIPT.search(thai), (code, name, thai)
            assert not THAI_SCRIPT.search(polish), (code, name)
            assert polish != english, (code, name)
            count += 1
    assert count == 168  # 31 countries, 3 to 7 sourced fields each
    # Polish text, not English with a new key: diacritics in most notes (short ones such as
    # "Religia i polityka." have none).
    polish_notes = [raw[n]["note_pl"] for raw in _raw_files().values() for n in FIELDS if n in raw]
    assert sum(bool(POLISH_LETTERS.search(note)) for note in polish_notes) > 140


@pytest.mark.parametrize("code", ["TH", "JP", "PL"])
@pytest.mark.parametrize("language", ["th", "pl", "en"])
def test_readers_get_every_note_in_their_interface_language(code, language):
    raw = _raw_files()[code]
    key = "note" if language == "en" else f"note_{language}"
    with translation.override(language):
        guidance = country_guidance(code)
    assert [entry.field for entry in guidance.ordered()] == [n for n in FIELDS if n in raw]
    for entry in guidance.ordered():
        assert entry.note == raw[entry.field][key].strip()
        assert (entry.language, entry.fallback) == (language, False)
        assert entry.value == raw[entry.field].get("value", "")  # values and sources unchanged
        assert len(entry.sources) == len(raw[entry.field]["sources"])


def test_the_thai_and_polish_notes_read_as_shipped():
    with translation.override("th"):
        japan = country_guidance("JP").entries["decisions"]
    assert japan.note == (
        "บริษัทญี่ปุ่นจำนวนมากตัดสินใจโดยฉันทามติ การปรึกษาหารืออย่างไม่เป็นทางการ (เนมาวาชิ)"
        " และการเวียนข้อเสนอเป็นลายลักษณ์อักษร (ริงงิ) เกิดขึ้นก่อนการตัดสินใจ ซึ่งต้องใช้เวลา"
    )
    assert japan.value == "consensus"
    with translation.override("pl"):
        thailand = country_guidance("TH").entries["formality"]
    assert thailand.note == (
        "Ranga jest szanowana. Do ludzi zwraca się zwykle słowem Khun, po którym następuje imię;"
        " nazwisk rzadko używa się, zwracając się do kogoś."
    )
    # A regional variant of an interface language reads its translation ("pl-PL" -> pl).
    assert country_guidance("TH", language="pl-PL").entries["formality"].note == thailand.note


def test_an_explicit_language_wins_over_the_active_one():
    with translation.override("th"):
        assert reader_language() == "th"
        assert reader_language("pl") == "pl"
        assert reader_language("") == "th"
        polish = country_guidance("PL", language="pl").entries["gifts"]
    assert polish.note.startswith("Prezent dobrej jakości, ale niedrogi")
    assert (polish.language, polish.fallback) == ("pl", False)


def test_a_missing_translation_falls_back_to_english_and_says_so():
    german = country_guidance("PL", language="de").entries["formality"]
    assert german.note == (
        "Business etiquette is often formal: Pan or Pani with the surname, and first names"
        " only once invited."
    )
    assert (german.language, german.fallback) == ("en", True)
    english = country_guidance("PL", language="en").entries["formality"]
    assert (english.note, english.language, english.fallback) == (german.note, "en", False)
    # One field translated into Thai only: a Polish reader gets its English note, marked.
    shipped = shipped_guidance()["PL"].entries["gifts"]
    thai_only = GuidanceEntry(
        field="gifts",
        value="",
        note=shipped.note,
        sources=shipped.sources,
        translations=(("en", shipped.note), ("th", "ของขวัญ")),
    )
    assert thai_only.in_language("th").note == "ของขวัญ"
    polish = thai_only.in_language("pl")
    assert (polish.note, polish.language, polish.fallback) == (shipped.note, "en", True)


def test_a_language_that_is_no_language_code_is_refused():
    with pytest.raises(DomainError) as refused:
        country_guidance("PL", language="klingon!")
    assert refused.value.code == "unknown_language"
    assert refused.value.field == "language"


def test_an_administrators_edit_is_shown_as_written_in_every_language(admin_user):
    country_guidance_edit(
        actor=admin_user,
        country="TH",
        field="gifts",
        value="",
        note="Kwiaty są mile widziane; unikaj nagietków.",
        source_url="https://example.org/thai-gifts",
        source_title="Thai gifts",
    )
    for language in ("th", "pl", "en", "de"):
        gifts = country_guidance("TH", language=language).entries["gifts"]
        assert gifts.note == "Kwiaty są mile widziane; unikaj nagietków."
        assert (gifts.edited, gifts.language, gifts.fallback) == (True, "", False)
    # The other fields still follow the reader.
    assert country_guidance("TH", language="th").entries["avoid"].language == "th"


def test_problems_name_a_bad_translation_key():
    bad = {
        "country": "PL",
        "sources": [{"url": "https://example.org", "title": "t"}],
        "gifts": {
            "note": "Wine.",
            "note_pl": " ",
            "note_en": "Wine.",
            "note_TH": "ไวน์",
            "notes_th": "ไวน์",
            "sources": [0],
        },
    }
    assert problems_in(bad, expected_country="PL") == [
        "gifts: unknown key 'note_TH'",
        "gifts: unknown key 'note_en'",
        "gifts: empty note_pl",
        "gifts: unknown key 'notes_th'",
    ]


def test_merged_guidance_keeps_the_language_and_preferences_stay_as_written():
    merged = merge_guidance(
        country_guidance("JP", language="th"),
        {"gifts": Preference("", "Bez prezentów.")},
        {},
    )
    fields = {item.field: item for item in merged}
    assert (fields["decisions"].language, fields["decisions"].fallback) == ("th", False)
    assert fields["decisions"].note.startswith("บริษัทญี่ปุ่นจำนวนมาก")
    assert (fields["gifts"].note, fields["gifts"].language) == ("Bez prezentów.", "")
    contact = make_contact(given_name="Yuki", family_name="Tanaka", country="JP")
    with translation.override("pl"):
        polish = {f.field: f for f in contact_guidance(contact).fields}
    assert polish["decisions"].note.startswith("Wiele japońskich firm podejmuje decyzje")


def test_the_panel_marks_an_english_fallback_and_the_language_of_each_note():
    fallback = merge_guidance(country_guidance("JP", language="de"), {}, {})
    html = render_to_string(
        "people/guidance_fields.html", {"merged": MergedGuidance("JP", fallback)}
    )
    avoid = 'lang="en" dir="auto">Impatience and open confrontation.</span>'
    assert avoid in html
    assert html.count('class="badge note-fallback"') == len(fallback) == 7
    assert "in English: no translation yet" in html
    with translation.override("th"):
        thai = merge_guidance(country_guidance("JP"), {}, {"gifts": Preference("", "ไม่รับของขวัญ")})
        html = render_to_string(
            "people/guidance_fields.html", {"merged": MergedGuidance("JP", thai)}
        )
    assert 'lang="th" dir="auto">ความใจร้อนและการเผชิญหน้าอย่างเปิดเผย</span>' in html
    assert '<span dir="auto">ไม่รับของขวัญ</span>' in html  # their own words, as written
    assert "note-fallback" not in html


def test_country_page_in_thai_and_polish(client, agent, manager):
    client.force_login(agent)
    page = client.get("/guidance/JP/").content.decode()
    assert 'lang="th" dir="auto">ความใจร้อนและการเผชิญหน้าอย่างเปิดเผย</span>' in page
    assert "Impatience and open confrontation." not in page
    assert "note-fallback" not in page
    client.force_login(manager)
    page = client.get("/guidance/JP/").content.decode()
    assert 'lang="pl" dir="auto">Niecierpliwość i otwarta konfrontacja.</span>' in page


# API


def test_api_country_guidance_follows_the_language_asked_for(api_as, agent, viewer):
    def notes(body):
        return {f["field"]: (f["note"], f["language"], f["fallback"]) for f in body["fields"]}

    thai_reader = api_as(agent)
    body = thai_reader.get("/guidance/pl").json()  # default: the reader's own language
    assert notes(body)["avoid"] == (
        "เรื่องเศรษฐกิจและการเมืองในขณะที่ความสัมพันธ์ยังใหม่ ท่าทีดูแคลนผู้อื่นหรือทำตัวว่า 'รู้ดีที่สุด'",
        "th",
        False,
    )
    polish = notes(thai_reader.get("/guidance/pl?language=pl").json())
    assert polish["avoid"] == (
        "Ekonomia i polityka, dopóki relacja jest świeża; protekcjonalna postawa lub postawa"
        " „ja wiem najlepiej”.",
        "pl",
        False,
    )
    english_reader = api_as(viewer)
    english = notes(english_reader.get("/guidance/PL").json())
    assert english["avoid"] == (
        "Economics and politics while the relationship is new; a condescending or"
        " 'I know best' attitude.",
        "en",
        False,
    )
    assert notes(english_reader.get("/guidance/PL?language=th").json())["avoid"][1] == "th"
    german = notes(english_reader.get("/guidance/PL?language=de").json())
    assert german["avoid"] == (english["avoid"][0], "en", True)
    refused = english_reader.get("/guidance/PL?language=klingon!")
    assert refused.status_code == 422
    assert refused.json()["code"] == "unknown_language"


def test_api_country_guidance_query_count(api_as, viewer, django_assert_num_queries):
    api = api_as(viewer)
    api.get("/guidance/JP?language=th")
    # Token authentication (the token with its user) and one read of the administrators' edits.
    with django_assert_num_queries(2) as captured:
        assert api.get("/guidance/JP?language=th").status_code == 200
    assert sum("guidance" in q["sql"] for q in captured.captured_queries) == 1


def test_api_contact_and_organization_guidance_follow_the_language(api_as, manager):
    company = make_organization(name="株式会社サクラ", country="JP")
    contact = make_contact(given_name="Yuki", family_name="Tanaka", country="JP")
    guidance_preferences_set(
        actor=manager, contact=contact, changes={"gifts": {"note": "Proszę bez prezentów."}}
    )
    api = api_as(manager)  # reads in Polish
    fields = {f["field"]: f for f in api.get(f"/contacts/{contact.pk}/guidance").json()["fields"]}
    assert fields["avoid"]["note"] == "Niecierpliwość i otwarta konfrontacja."
    assert (fields["avoid"]["language"], fields["avoid"]["fallback"]) == ("pl", False)
    assert (fields["gifts"]["note"], fields["gifts"]["language"]) == ("Proszę bez prezentów.", "")
    thai = api.get(f"/contacts/{contact.pk}/guidance?language=th").json()["fields"]
    thai = {f["field"]: f for f in thai}
    assert thai["avoid"]["note"] == "ความใจร้อนและการเผชิญหน้าอย่างเปิดเผย"
    assert thai["gifts"]["note"] == "Proszę bez prezentów."  # their own words stay as written
    organization = api.get(f"/organizations/{company.pk}/guidance?language=en").json()
    avoid = next(f for f in organization["fields"] if f["field"] == "avoid")
    assert (avoid["note"], avoid["language"]) == ("Impatience and open confrontation.", "en")
    refused = api.get(f"/organizations/{company.pk}/guidance?language=%%%")
    assert (refused.status_code, refused.json()["code"]) == (422, "unknown_language")
