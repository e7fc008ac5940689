"""Country guidance: the shipped data files (sources, values, 30+ countries), administrators'
edits with their own source winning over the file, and the guidance pages."""

import importlib.resources
import json

import pytest

from amity.core.errors import DomainError
from amity.core.permissions import PermissionDenied
from amity.culture.guidance import (
    FIELDS,
    VALUE_LABELS,
    country_guidance,
    country_guidance_edit,
    country_guidance_revert,
    problems_in,
    shipped_guidance,
)
from amity.culture.models import CountryGuidanceOverride

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
    from django.utils import translation

    with translation.override("pl"):
        entry = country_guidance("PL").entries["formality"]
        assert entry.note.startswith("Business etiquette is often formal")  # content stays
        assert entry.label  # a translated label (catalogs come later)


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
    assert "<h1>Cultural guidance: ไทย</h1>" in page
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
