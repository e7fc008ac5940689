import pytest

from amity.core.errors import Conflict, DomainError
from amity.core.permissions import PermissionDenied
from amity.people.contracts import ContactData, EmailData, IdentifierData, OrganizationData
from amity.people.models import Contact, NameOrder, Organization, PeopleEvent
from amity.people.services import (
    contact_create,
    contact_delete,
    contact_update,
    custom_field_define,
    organization_create,
    organization_update,
)
from factories import make_contact, make_organization

pytestmark = pytest.mark.django_db


def test_a_japanese_contact_is_written_family_name_first_and_zone_comes_from_the_country():
    contact = make_contact(given_name="太郎", family_name="山田", country="JP", languages=("ja",))

    assert contact.full_name == "山田 太郎"
    assert contact.name_order == NameOrder.FAMILY_GIVEN
    assert contact.timezone == "Asia/Tokyo"
    assert contact.languages == ["ja"]


def test_a_thai_contact_keeps_given_name_first_and_phone_becomes_e164():
    contact = make_contact(phones=("081 234 5678",), emails=("Somchai@Example.co.th",))

    assert contact.full_name == "สมชาย ใจดี"
    assert list(contact.phones.values_list("number", flat=True)) == ["+66812345678"]
    email = contact.emails.get()
    assert (email.address, email.normalized, email.is_primary) == (
        "Somchai@Example.co.th",
        "somchai@example.co.th",
        True,
    )
    assert contact.timezone == "Asia/Bangkok"


def test_zone_is_left_blank_when_the_country_has_several_and_the_phone_does_not_tell():
    contact = make_contact(given_name="Beatriz", family_name="Conceição", country="BR")

    assert contact.timezone == ""


def test_zone_comes_from_the_phone_when_the_country_is_unknown():
    contact = make_contact(
        given_name="Anna", family_name="Nowak", country="", phones=("+48 601 234 567",)
    )

    assert contact.timezone == "Europe/Warsaw"


def test_form_of_address_is_never_guessed():
    contact = make_contact(given_name="Agnieszka", family_name="Wójcik", country="PL")

    assert contact.form_of_address == ""


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"phones": ("12",)}, "phones"),
        ({"emails": ("not-an-email",)}, "emails"),
        ({"country": "XX"}, "country"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"languages": ("not a tag!",)}, "languages"),
        ({"preferred_channels": ("pigeon",)}, "preferred_channels"),
        ({"given_name": "", "family_name": ""}, "given_name"),
    ],
)
def test_invalid_fields_are_refused_naming_the_field_and_nothing_is_saved(fields, field):
    with pytest.raises(DomainError) as error:
        make_contact(**fields)

    assert error.value.field == field
    assert Contact.objects.count() == 0
    assert PeopleEvent.objects.count() == 0


def test_a_viewer_cannot_create_contacts(viewer):
    with pytest.raises(PermissionDenied):
        contact_create(actor=viewer, data=ContactData(given_name="Łukasz", country="PL"))

    assert Contact.objects.count() == 0


def test_an_agent_creates_and_the_event_names_them(agent):
    contact = contact_create(actor=agent, data=ContactData(given_name="Łukasz", country="PL"))

    event = PeopleEvent.objects.get(contact=contact)
    assert (event.type, event.actor, event.actor_label) == (
        "contact.created",
        agent,
        agent.username,
    )


def test_partial_update_changes_only_the_given_fields_and_records_them(agent):
    contact = make_contact(emails=("somchai@example.co.th",), languages=("th", "en"))

    contact_update(
        actor=agent,
        contact=contact,
        data=ContactData(country="TH", do_not_contact=True),
        fields={"do_not_contact"},
    )

    contact.refresh_from_db()
    assert contact.do_not_contact is True
    assert contact.languages == ["th", "en"]
    assert list(contact.emails.values_list("address", flat=True)) == ["somchai@example.co.th"]
    event = PeopleEvent.objects.filter(type="contact.updated").get()
    assert event.data == {"fields": ["do_not_contact"]}


def test_external_ids_are_unique():
    make_contact(external_id="hubspot-1")

    with pytest.raises(Conflict):
        make_contact(given_name="Anna", external_id="hubspot-1")
    assert Contact.objects.count() == 1


def test_custom_fields_are_typed(admin_user):
    custom_field_define(actor=admin_user, key="employees", label="Employees", type_="number")
    custom_field_define(
        actor=admin_user, key="tier", label="Tier", type_="choice", choices=["gold", "silver"]
    )

    contact = make_contact(custom={"employees": "1 200".replace(" ", ""), "tier": "gold"})
    assert contact.custom == {"employees": 1200, "tier": "gold"}
    with pytest.raises(DomainError) as error:
        make_contact(custom={"tier": "platinum"})
    assert error.value.field == "custom.tier"
    with pytest.raises(DomainError):
        make_contact(custom={"unknown": "x"})


def test_an_agent_cannot_define_custom_fields(agent):
    with pytest.raises(PermissionDenied):
        custom_field_define(actor=agent, key="tier", label="Tier", type_="text")


def test_polish_nip_is_validated_and_stored_compact():
    organization = make_organization(
        name="Żabka Polska sp. z o.o.",
        country="PL",
        identifiers=(IdentifierData("pl_nip", "PL 526-000-12-46"),),
    )

    assert list(organization.identifiers.values_list("scheme", "value")) == [
        ("pl_nip", "5260001246")
    ]
    with pytest.raises(DomainError) as error:
        make_organization(
            name="Zła firma", country="PL", identifiers=(IdentifierData("pl_nip", "5260001247"),)
        )
    assert error.value.field == "identifiers"
    assert Organization.objects.count() == 1


def test_thai_tax_id_and_subdivision():
    organization = make_organization(
        identifiers=(IdentifierData("th_tin", "0105536092641"),), subdivision="TH-10"
    )

    assert organization.subdivision == "TH-10"
    with pytest.raises(DomainError):
        make_organization(name="x", subdivision="PL-14")


def test_an_organization_cannot_become_its_own_ancestor():
    parent = make_organization(name="グループ本社", country="JP")
    child = make_organization(name="子会社", country="JP", parent_id=parent.pk)

    with pytest.raises(DomainError):
        organization_update(
            actor=None,
            organization=parent,
            data=OrganizationData(parent_id=child.pk),
            fields={"parent_id"},
        )


def test_deleting_a_contact_removes_it_from_search(agent):
    from amity.core.search import search

    contact = make_contact(given_name="Łukasz", family_name="Żółkiewski", country="PL")
    contact_id = contact.pk
    assert [hit.object_id for hit in search("lukasz")] == [contact_id]

    contact_delete(actor=agent, contact=contact)

    assert search("lukasz") == []
    assert PeopleEvent.objects.filter(type="contact.deleted").get().data == {
        "contact_id": contact_id
    }


def test_emails_given_twice_are_kept_once():
    contact = make_contact(
        emails=(EmailData("anna@example.pl", "work"), EmailData("ANNA@example.pl", "home"))
    )

    assert list(contact.emails.values_list("address", "label")) == [("anna@example.pl", "work")]


def test_organization_create_records_an_event():
    organization = organization_create(
        actor=None, actor_label="import", data=OrganizationData(name="شركة الرياض", country="SA")
    )

    assert organization.events.get().actor_label == "import"


def test_contacts_data_reads_many_contacts_as_contact_data_reads_each(
    db, admin_user, agent, tmp_path, monkeypatch
):
    from amity.accounts.models import Team
    from amity.people.contracts import PhoneData, RoleData
    from amity.people.selectors import contacts_data
    from amity.people.services import contact_data, custom_field_define

    monkeypatch.setenv("AMITY_DATA_DIR", str(tmp_path))  # a key file of its own
    custom_field_define(actor=admin_user, key="pesel", label="PESEL", type_="text", sensitive=True)
    custom_field_define(actor=admin_user, key="seats", label="Seats", type_="number")
    team = Team.objects.create(name="ทีมขาย")
    siam, lodz = make_organization(name="บริษัท สยาม จำกัด"), make_organization(name="Zakłady")
    rich = make_contact(
        given_name="Łukasz",
        family_name="Żółkiewski",
        country="PL",
        languages=("pl", "en-GB"),
        emails=(EmailData("l.z@example.pl", "work"), EmailData("lukasz@example.com", "home")),
        phones=(PhoneData("600 000 123", "mobile"), PhoneData("+48 22 123 45 67", "work")),
        preferred_channels=("phone", "email"),
        roles=(RoleData(lodz.pk, "Dyrektor"), RoleData(siam.pk, "")),
        tags=("vip", "ลูกค้าใหม่", "Ärzte"),
        custom={"pesel": "44051401359", "seats": 4},
        owner_id=agent.pk,
        team_id=team.pk,
        external_id="SF-1",
        form_of_address="Panie Łukaszu",
    )
    plain = make_contact(given_name="太郎", family_name="山田", country="JP")
    moved = make_contact(
        given_name="ليلى",
        family_name="الحربي",
        country="SA",
        emails=(EmailData("layla@example.sa", "work"), EmailData("layla@example.com", "home")),
    )
    moved.emails.update(is_primary=False)
    moved.emails.filter(label="home").update(is_primary=True)  # the later one is primary now

    found = contacts_data([rich.pk, plain.pk, moved.pk])

    assert found == {
        contact.pk: contact_data(Contact.objects.get(pk=contact.pk))
        for contact in (rich, plain, moved)
    }
    assert [e.label for e in found[rich.pk].emails] == ["work", "home"]  # the primary first
    assert [e.label for e in found[moved.pk].emails] == ["home", "work"]
    assert found[plain.pk].external_id == ""
