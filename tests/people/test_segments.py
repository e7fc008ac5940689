from datetime import timedelta

import pytest
from django.utils import timezone

from amity.core.errors import DomainError
from amity.core.permissions import PermissionDenied
from amity.interactions.contracts import InteractionData
from amity.interactions.services import interaction_log
from amity.people.contracts import RoleData
from amity.people.models import Segment
from amity.people.segments import (
    contacts_for_rules,
    segment_contacts,
    segment_create,
    segment_members_change,
)
from amity.people.services import custom_field_define
from factories import make_contact, make_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def book():
    bank = make_organization(name="ธนาคารกรุงเทพ", industry="K")
    return {
        "somchai": make_contact(languages=("th",), tags=("vip",), roles=(RoleData(bank.pk),)),
        "anna": make_contact(
            given_name="Anna", family_name="Nowak", country="PL", languages=("pl", "en"), custom={}
        ),
        "taro": make_contact(
            given_name="太郎",
            family_name="山田",
            country="JP",
            languages=("ja",),
            do_not_contact=True,
        ),
        "layla": make_contact(
            given_name="ليلى",
            family_name="الحربي",
            country="SA",
            languages=("ar", "en"),
            tags=("vip",),
        ),
    }


def _names(queryset):
    return sorted(c.given_name for c in queryset)


def test_all_of_and_any_of_groups_combine(book):
    rules = {
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
    }

    assert _names(contacts_for_rules(rules)) == ["Anna", "ليلى"]


def test_not_in_keeps_contacts_without_the_tag(book):
    rules = {"match": "all", "rules": [{"field": "tag", "op": "not_in", "value": ["vip"]}]}

    assert _names(contacts_for_rules(rules)) == ["Anna", "太郎"]


def test_industry_comes_from_the_contacts_organization(book):
    rules = {"field": "industry", "op": "in", "value": ["K"]}

    assert _names(contacts_for_rules(rules)) == ["สมชาย"]


def test_do_not_contact_and_custom_fields(book, admin_user):
    custom_field_define(actor=admin_user, key="seats", label="Seats", type_="number")
    make_contact(given_name="Łucja", country="PL", custom={"seats": 120})
    make_contact(given_name="Ola", country="PL", custom={"seats": 8})

    assert _names(contacts_for_rules({"field": "do_not_contact", "value": True})) == ["太郎"]
    rules = {"field": "custom", "op": "gte", "value": {"key": "seats", "value": 100}}
    assert _names(contacts_for_rules(rules)) == ["Łucja"]


def test_interaction_frequency_by_channel(book):
    now = timezone.now()
    for days_ago in (1, 5, 40):
        interaction_log(
            actor=None,
            data=InteractionData(
                channel="phone",
                occurred_at=now - timedelta(days=days_ago),
                contact_ids=(book["anna"].pk,),
            ),
        )
    interaction_log(
        actor=None,
        data=InteractionData(channel="email", occurred_at=now, contact_ids=(book["taro"].pk,)),
    )

    two_calls = {
        "field": "interactions",
        "op": "at_least",
        "value": {"count": 2, "days": 30, "channel": "phone"},
    }
    assert _names(contacts_for_rules(two_calls)) == ["Anna"]
    quiet = {"field": "interactions", "op": "fewer_than", "value": {"count": 1, "days": 30}}
    assert _names(contacts_for_rules(quiet)) == ["ليلى", "สมชาย"]


@pytest.mark.parametrize(
    "rules",
    [
        {"field": "shoe_size", "value": 42},
        {"field": "country", "op": "between", "value": ["PL"]},
        {"field": "country", "op": "in", "value": ["XX"]},
        {"match": "some", "rules": []},
        {"field": "interactions", "op": "at_least", "value": {"count": "many"}},
        [],
    ],
)
def test_malformed_rules_are_refused_with_a_reason(agent, rules):
    with pytest.raises(DomainError) as error:
        segment_create(actor=agent, name="Zła reguła", rules=rules)

    assert error.value.field == "rules"
    assert Segment.objects.count() == 0


def test_a_static_list_holds_exactly_its_members(book, agent, viewer):
    segment = segment_create(actor=agent, name="ลูกค้าคนสำคัญ", kind="static")

    count = segment_members_change(
        actor=agent, segment=segment, add=[book["somchai"].pk, book["taro"].pk]
    )

    assert count == 2
    assert _names(segment_contacts(segment)) == ["สมชาย", "太郎"]
    with pytest.raises(PermissionDenied):
        segment_members_change(actor=viewer, segment=segment, remove=[book["taro"].pk])
    with pytest.raises(DomainError):
        segment_members_change(actor=agent, segment=segment, add=[999_999])
    assert segment.members.count() == 2
