from datetime import UTC, datetime

import pytest

from amity.core.errors import DomainError
from amity.core.search import search
from amity.interactions.contracts import InteractionData
from amity.interactions.services import interaction_log
from amity.people.contracts import IdentifierData, RoleData
from amity.people.duplicates import (
    contact_duplicate_groups,
    contact_duplicates,
    organization_duplicate_groups,
)
from amity.people.merging import contacts_merge, organizations_merge
from amity.people.models import Contact, PeopleEvent
from factories import make_contact, make_organization

pytestmark = pytest.mark.django_db


def test_the_same_person_in_kanji_and_in_latin_letters_is_a_likely_duplicate():
    kanji = make_contact(given_name="太郎", family_name="山田", country="JP")
    latin = make_contact(given_name="Taro", family_name="Yamada", country="US")
    make_contact(given_name="Hanako", family_name="Yamada", country="JP")

    assert [(c.pk, why) for c, why in contact_duplicates(kanji)] == [(latin.pk, ["name"])]
    groups = [g for g in contact_duplicate_groups() if g.reason == "name"]
    assert [(g.value, g.ids) for g in groups] == [("taro yamada", (kanji.pk, latin.pk))]


def test_a_shared_email_or_phone_makes_a_duplicate_group():
    first = make_contact(
        emails=("Anna@Firma.pl",),
        phones=("+48 601 234 567",),
        country="PL",
        given_name="Anna",
        family_name="Nowak",
    )
    second = make_contact(
        emails=("anna@firma.pl",),
        phones=("601234567",),
        country="PL",
        given_name="Ania",
        family_name="Nowakowa",
    )

    reasons = {(g.reason, g.ids) for g in contact_duplicate_groups()}
    assert reasons == {("email", (first.pk, second.pk)), ("phone", (first.pk, second.pk))}
    assert contact_duplicates(first) == [(second, ["email", "phone"])]


def test_merging_keeps_every_interaction_address_and_the_history(agent):
    keep = make_contact(
        given_name="สมชาย", family_name="ใจดี", emails=("somchai@siam.co.th",), languages=("th",)
    )
    merge = make_contact(
        given_name="Somchai",
        family_name="Jaidee",
        emails=("SOMCHAI@siam.co.th", "sc@gmail.com"),
        phones=("+66 81 234 5678",),
        languages=("en",),
        form_of_address="คุณสมชาย",
        external_id="sf-003",
        tags=("vip",),
    )
    organization = make_organization()
    when = datetime(2026, 4, 13, 3, 0, tzinfo=UTC)
    both = interaction_log(
        actor=None,
        data=InteractionData(channel="phone", occurred_at=when, contact_ids=(keep.pk, merge.pk)),
    )
    only_merged = interaction_log(
        actor=None,
        data=InteractionData(
            channel="email",
            occurred_at=when,
            contact_ids=(merge.pk,),
            organization_id=organization.pk,
        ),
    )
    merged_id = merge.pk

    kept = contacts_merge(actor=agent, keep=keep, merge=merge)

    assert not Contact.objects.filter(pk=merged_id).exists()
    assert sorted(kept.emails.values_list("normalized", flat=True)) == [
        "sc@gmail.com",
        "somchai@siam.co.th",
    ]
    assert list(kept.phones.values_list("number", flat=True)) == ["+66812345678"]
    assert kept.languages == ["th", "en"]
    assert kept.form_of_address == "คุณสมชาย"
    assert kept.external_id == "sf-003"
    assert list(kept.tags.values_list("name", flat=True)) == ["vip"]
    assert set(kept.interactions.all()) == {both, only_merged}
    assert list(both.contacts.all()) == [kept]
    event = PeopleEvent.objects.get(type="contact.merged")
    assert (event.contact, event.actor, event.data["merged_id"]) == (kept, agent, merged_id)
    assert event.data["merged"]["given_name"] == "Somchai"
    assert PeopleEvent.objects.filter(contact=kept, type="contact.created").count() == 2
    assert [h.object_id for h in search("sc@gmail")] == [kept.pk]


def test_a_contact_cannot_be_merged_with_itself(agent):
    contact = make_contact()

    with pytest.raises(DomainError):
        contacts_merge(actor=agent, keep=contact, merge=contact)


def test_organizations_sharing_a_nip_are_merged_with_their_people(agent):
    keep = make_organization(
        name="Żabka Polska sp. z o.o.",
        country="PL",
        identifiers=(IdentifierData("pl_nip", "5260001246"),),
    )
    merge = make_organization(
        name="Zabka Polska",
        country="PL",
        website="zabka.pl",
        identifiers=(IdentifierData("pl_nip", "526-000-12-46"),),
    )
    make_contact(
        given_name="Anna", family_name="Nowak", country="PL", roles=(RoleData(merge.pk, "CFO"),)
    )

    assert [g.ids for g in organization_duplicate_groups()] == [(keep.pk, merge.pk)]
    kept = organizations_merge(actor=agent, keep=keep, merge=merge)

    assert kept.website == "https://zabka.pl"
    assert list(kept.roles.values_list("title", flat=True)) == ["CFO"]
    assert PeopleEvent.objects.filter(type="organization.merged", organization=kept).exists()
