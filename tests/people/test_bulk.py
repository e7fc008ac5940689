import pytest

from amity.core.search import search
from amity.people.bulk import contacts_create_many
from amity.people.contracts import ContactData, EmailData, PhoneData, RoleData
from amity.people.models import Contact, PeopleEvent
from factories import make_contact, make_organization

pytestmark = pytest.mark.django_db


def test_many_contacts_are_written_like_one_and_each_refusal_keeps_its_position(agent):
    organization = make_organization(name="ธนาคารกรุงเทพ")
    make_contact(given_name="Anna", country="PL", external_id="crm-1")
    data = [
        ContactData(
            given_name="สมชาย",
            family_name="ใจดี",
            country="TH",
            phones=(PhoneData("081 234 5678"),),
            emails=(EmailData("s@bbl.co.th"),),
            roles=(RoleData(organization.pk, "ผู้จัดการ"),),
            tags=("vip",),
        ),
        ContactData(given_name="Zła", country="PL", phones=(PhoneData("12"),)),
        ContactData(given_name="太郎", family_name="山田", country="JP", external_id="crm-1"),
        ContactData(given_name="ليلى", family_name="الحربي", country="SA", external_id="crm-2"),
        ContactData(given_name="Layla", country="SA", external_id="crm-2"),
    ]

    created, refused = contacts_create_many(actor=agent, data=data, actor_label="api")

    assert [c is not None for c in created] == [True, False, False, True, False]
    assert [(i, e.field, e.code) for i, e in refused] == [
        (1, "phones", "invalid"),
        (2, "external_id", "conflict"),
        (4, "external_id", "conflict"),
    ]
    somchai = Contact.objects.get(pk=created[0].pk)
    assert somchai.full_name == "สมชาย ใจดี"
    assert somchai.timezone == "Asia/Bangkok"
    assert list(somchai.phones.values_list("number", flat=True)) == ["+66812345678"]
    assert list(somchai.roles.values_list("title", flat=True)) == ["ผู้จัดการ"]
    assert list(somchai.tags.values_list("name", flat=True)) == ["vip"]
    assert PeopleEvent.objects.get(contact=somchai).actor == agent
    assert [h.object_id for h in search("somchai")] == [somchai.pk]
    assert [h.subtitle for h in search("bbl.co.th")] == ["ธนาคารกรุงเทพ · s@bbl.co.th"]
    assert Contact.objects.count() == 3
