"""Organization and contact guidance preferences: merge precedence with origins (a contact's
own preference always wins), the services (validated, evented, refused input changes
nothing), the API (4xx for malformed input) and the panel on the record pages."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from amity.core.errors import DomainError
from amity.core.permissions import PermissionDenied
from amity.culture.guidance.reading import country_guidance
from amity.people.contracts import RoleData
from amity.people.guidance import (
    CONTACT,
    COUNTRY,
    ORGANIZATION,
    Preference,
    contact_guidance,
    guidance_preferences,
    guidance_preferences_set,
    merge_guidance,
    organization_guidance,
)
from amity.people.guidance_models import GuidancePreference
from amity.people.models import PeopleEvent
from amity.people.selectors import contact_get
from factories import make_contact, make_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def warsaw_company():
    return make_organization(name="Przedsiębiorstwo Łódzkie sp. z o.o.", country="PL")


@pytest.fixture
def agnieszka(warsaw_company):
    contact = make_contact(
        given_name="Agnieszka",
        family_name="Wójcik",
        country="PL",
        languages=("pl",),
        roles=(RoleData(organization_id=warsaw_company.pk, title="Dyrektor"),),
    )
    return contact_get(contact.pk)


def _by_field(merged):
    return {item.field: item for item in merged.fields}


def test_merge_takes_each_field_from_the_highest_layer():
    poland = country_guidance("PL")
    merged = merge_guidance(
        poland,
        {"formality": Preference("informal", "We use first names here.")},
        {
            "formality": Preference("formal", "Prefers Pani Wójcik."),
            "gifts": Preference("", "No gifts, please."),
        },
    )
    fields = {item.field: item for item in merged}
    assert fields["formality"].origin == CONTACT
    assert fields["formality"].value == "formal"
    assert fields["formality"].overrides == (COUNTRY, ORGANIZATION)
    assert fields["formality"].is_own_preference
    assert fields["formality"].sources == ()
    assert fields["gifts"].origin == CONTACT
    assert fields["gifts"].overrides == (COUNTRY,)
    assert fields["directness"].origin == COUNTRY
    assert fields["directness"].sources[0].url.startswith("https://www.asinta.com/")
    assert [item.field for item in merged] == [
        "directness",
        "formality",
        "decisions",
        "trust",
        "meetings",
        "gifts",
        "avoid",
    ]


def test_a_contact_without_country_takes_the_organizations_country(warsaw_company):
    contact = contact_get(
        make_contact(
            given_name="太郎",
            family_name="山田",
            country="",
            roles=(RoleData(organization_id=warsaw_company.pk),),
        ).pk
    )
    merged = contact_guidance(contact)
    assert merged.country == "PL"
    assert _by_field(merged)["formality"].origin == COUNTRY


def test_no_country_means_no_guidance_never_a_guess():
    contact = contact_get(make_contact(given_name="Layla", family_name="Al-Harbi", country="").pk)
    merged = contact_guidance(contact)
    assert (merged.country, merged.fields) == ("", ())


def test_organization_preference_then_contacts_own_wins(manager, warsaw_company, agnieszka):
    guidance_preferences_set(
        actor=manager,
        organization=warsaw_company,
        changes={"formality": {"value": "informal", "note": "Start-up: first names."}},
    )
    assert _by_field(contact_guidance(agnieszka))["formality"].origin == ORGANIZATION
    assert _by_field(organization_guidance(warsaw_company))["formality"].value == "informal"
    guidance_preferences_set(
        actor=manager,
        contact=agnieszka,
        changes={"formality": {"value": "formal", "note": "Asked to be called Pani Agnieszko."}},
    )
    formality = _by_field(contact_guidance(agnieszka))["formality"]
    assert (formality.origin, formality.value, formality.origin_label) == (
        CONTACT,
        "formal",
        "Their own preference",
    )
    assert formality.note == "Asked to be called Pani Agnieszko."
    event = PeopleEvent.objects.filter(type=PeopleEvent.Type.GUIDANCE_UPDATED).first()
    assert (event.contact, event.actor, event.data) == (
        agnieszka,
        manager,
        {"fields": ["formality"], "level": "contact"},
    )


def test_replace_clears_the_fields_not_sent_and_none_clears_one(manager, agnieszka):
    guidance_preferences_set(
        actor=manager,
        contact=agnieszka,
        changes={"gifts": {"note": "Declines gifts."}, "trust": {"value": "competence"}},
    )
    assert set(guidance_preferences(contact=agnieszka)) == {"gifts", "trust"}
    guidance_preferences_set(actor=manager, contact=agnieszka, changes={"trust": None})
    assert set(guidance_preferences(contact=agnieszka)) == {"gifts"}
    guidance_preferences_set(
        actor=manager, contact=agnieszka, changes={"avoid": {"note": "Football."}}, replace=True
    )
    assert guidance_preferences(contact=agnieszka) == {"avoid": Preference("", "Football.")}


def test_saving_the_same_preferences_again_leaves_no_event(manager, agnieszka):
    changes = {"gifts": {"note": "Declines gifts."}}
    guidance_preferences_set(actor=manager, contact=agnieszka, changes=changes)
    guidance_preferences_set(actor=manager, contact=agnieszka, changes=changes)
    assert PeopleEvent.objects.filter(type=PeopleEvent.Type.GUIDANCE_UPDATED).count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"formality": {"value": "casual"}}, "formality", "casual is not a value of Formality"),
        ({"gifts": {"value": "yes"}}, "gifts", "Gifts takes a note only, not a value."),
        ({"weather": {"note": "x"}}, "field", "There is no guidance field weather"),
        ({"trust": {"value": "", "note": " "}}, "trust", "Give Trust rests on a value or a note"),
        ({"avoid": {"note": "x" * 2001}}, "avoid", "A note has at most 2000 characters."),
    ],
)
def test_refused_input_changes_nothing(manager, agnieszka, changes, field, message):
    guidance_preferences_set(
        actor=manager, contact=agnieszka, changes={"gifts": {"note": "Declines gifts."}}
    )
    # A good change sent together with a bad one is refused with it.
    with pytest.raises(DomainError) as refused:
        guidance_preferences_set(
            actor=manager,
            contact=agnieszka,
            changes={"meetings": {"note": "Mornings only."}, **changes},
            replace=True,
        )
    assert (refused.value.field, refused.value.message[: len(message)]) == (field, message)
    assert guidance_preferences(contact=agnieszka) == {"gifts": Preference("", "Declines gifts.")}
    assert PeopleEvent.objects.filter(type=PeopleEvent.Type.GUIDANCE_UPDATED).count() == 1


def test_viewers_may_not_set_preferences(viewer, agnieszka):
    with pytest.raises(PermissionDenied):
        guidance_preferences_set(actor=viewer, contact=agnieszka, changes={"gifts": {"note": "x"}})
    assert not GuidancePreference.objects.exists()


# API


def test_api_contact_guidance_with_origins(api_as, manager, agnieszka, warsaw_company):
    api = api_as(manager)
    response = api._call(
        "put",
        f"/organizations/{warsaw_company.pk}/guidance",
        {
            "preferences": {
                "decisions": {"value": "consensus", "note": "The board decides together."}
            }
        },
    )
    assert response.status_code == 200, response.content
    assert response.json() == {
        "preferences": {"decisions": {"value": "consensus", "note": "The board decides together."}}
    }
    response = api.patch(
        f"/contacts/{agnieszka.pk}/guidance",
        {"preferences": {"formality": {"value": "formal", "note": "Pani Agnieszka."}}},
    )
    assert response.status_code == 200, response.content
    body = api.get(f"/contacts/{agnieszka.pk}/guidance").json()
    assert body["country"] == "PL"
    fields = {f["field"]: f for f in body["fields"]}
    with translation.override("pl"):  # the manager reads in Polish
        labels = [gettext(s) for s in ("Formality", "Formal by default", "Their own preference")]
    assert fields["formality"] | {"sources": []} == {
        "field": "formality",
        "label": labels[0],
        "value": "formal",
        "value_label": labels[1],
        "note": "Pani Agnieszka.",
        "language": "",  # written by a person: shown as written
        "fallback": False,
        "origin": "contact",
        "origin_label": labels[2],
        "overrides": ["country"],
        "sources": [],
    }
    assert fields["decisions"]["origin"] == "organization"
    assert fields["directness"]["origin"] == "country"
    assert fields["directness"]["sources"][0] == {
        "url": "https://www.asinta.com/news/asinta-business-etiquette-insight-poland/",
        "title": "Poland: Asinta Business Etiquette Insight",
        "accessed": "2026-11-24",
    }
    organization = api.get(f"/organizations/{warsaw_company.pk}/guidance").json()
    assert {f["field"]: f["origin"] for f in organization["fields"]}["decisions"] == "organization"


def test_api_country_guidance(api_as, viewer):
    api = api_as(viewer)
    body = api.get("/guidance/jp").json()
    assert (body["country"], body["name"]) == ("JP", "Japan")
    decisions = next(f for f in body["fields"] if f["field"] == "decisions")
    assert decisions["value"] == "consensus"
    assert decisions["edited"] is False
    assert api.get("/guidance/AQ").json() == {"country": "AQ", "name": "Antarctica", "fields": []}
    missing = api.get("/guidance/XX")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
    assert api.get("/guidance/POL").status_code == 404


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"preferences": {"formality": {"value": "casual"}}}, 422, "invalid"),
        ({"preferences": {"formality": {"value": "formal", "colour": "red"}}}, 422, "invalid"),
        ({"preferences": {"formality": "formal"}}, 422, "invalid"),
        ({"preferences": []}, 422, "invalid"),
        ({"formality": {"value": "formal"}}, 422, "invalid"),
        ({"preferences": {"gifts": {"note": "a\u0000b"}}}, 422, "invalid"),
        ({"preferences": {"weather": {"note": "sunny"}}}, 422, "invalid"),
    ],
)
def test_api_refuses_malformed_input_and_changes_nothing(
    api_as, manager, agnieszka, body, status, code
):
    response = api_as(manager).patch(f"/contacts/{agnieszka.pk}/guidance", body)
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert response.json()["detail"]
    assert not GuidancePreference.objects.exists()


def test_api_not_json_unknown_contact_and_viewer(api_as, manager, viewer, agnieszka):
    api = api_as(manager)
    broken = api.client.patch(
        f"/api/v1/contacts/{agnieszka.pk}/guidance", data="{", content_type="application/json"
    )
    assert broken.status_code in (400, 422)
    assert "code" in broken.json()
    assert api.get("/contacts/999999/guidance").status_code == 404
    refused = api_as(viewer).patch(
        f"/contacts/{agnieszka.pk}/guidance", {"preferences": {"gifts": {"note": "x"}}}
    )
    assert refused.status_code == 403
    assert not GuidancePreference.objects.exists()


def test_api_contact_guidance_query_count(api_as, manager, agnieszka, django_assert_num_queries):
    api = api_as(manager)
    api.patch(f"/contacts/{agnieszka.pk}/guidance", {"preferences": {"gifts": {"note": "None."}}})
    # Token authentication, the visibility policy, the contact with its emails, phones, tags
    # and roles, and then exactly two guidance reads (the country's edits and both layers of
    # preferences).
    with django_assert_num_queries(9) as captured:
        assert api.get(f"/contacts/{agnieszka.pk}/guidance").status_code == 200
    assert sum("guidance" in q["sql"] for q in captured.captured_queries) == 2


# Pages


def test_panel_marks_the_contacts_own_preference(client, manager, agnieszka):
    guidance_preferences_set(
        actor=manager,
        contact=agnieszka,
        changes={"formality": {"value": "formal", "note": "Pani Agnieszka."}},
    )
    client.force_login(manager)
    page = client.get(f"/contacts/{agnieszka.pk}/").content.decode()
    assert f'hx-get="/contacts/{agnieszka.pk}/guidance/"' in page
    panel = client.get(
        f"/contacts/{agnieszka.pk}/guidance/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Pani Agnieszka." in panel
    assert 'class="badge origin-contact"' in panel
    assert 'class="badge origin-country"' in panel
    assert f'href="/contacts/{agnieszka.pk}/guidance/edit/"' in panel
    assert f'href="/contacts/{agnieszka.pk}/briefing/"' in panel


def test_edit_form_saves_and_refuses(client, manager, viewer, agnieszka):
    client.force_login(viewer)
    assert client.get(f"/contacts/{agnieszka.pk}/guidance/edit/").status_code == 403
    panel = client.get(f"/contacts/{agnieszka.pk}/guidance/").content.decode()
    assert "/guidance/edit/" not in panel
    client.force_login(manager)
    url = f"/contacts/{agnieszka.pk}/guidance/edit/"
    saved = client.post(url, {"gifts_note": "Declines gifts.", "trust_value": "competence"})
    assert saved.status_code == 302
    assert guidance_preferences(contact=agnieszka) == {
        "gifts": Preference("", "Declines gifts."),
        "trust": Preference("competence", ""),
    }
    refused = client.post(url, {"trust_value": "money"})
    assert refused.status_code == 200
    assert set(guidance_preferences(contact=agnieszka)) == {"gifts", "trust"}


def test_organization_page_has_the_panel(client, manager, warsaw_company):
    client.force_login(manager)
    page = client.get(f"/organizations/{warsaw_company.pk}/").content.decode()
    assert f'hx-get="/organizations/{warsaw_company.pk}/guidance/"' in page
    client.post(
        f"/organizations/{warsaw_company.pk}/guidance/edit/",
        {"directness_value": "direct", "directness_note": "Engineers' firm: plain talk."},
    )
    panel = client.get(f"/organizations/{warsaw_company.pk}/guidance/").content.decode()
    assert "Engineers&#x27; firm: plain talk." in panel
    assert 'class="badge origin-organization"' in panel
