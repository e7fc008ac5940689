"""Rows by a long list of keys, as the ORM's ``__in`` would give them."""

import pytest

from amity.core.bulk_read import values_in
from amity.people.models import Contact, ContactEmail
from factories import make_contact

pytestmark = pytest.mark.django_db


def test_values_in_finds_what_the_orm_finds_for_many_keys():
    people = [("สมชาย", "ใจดี"), ("Łukasz", "Żółw"), ("太郎", "山田"), ("ليلى", "الحربي")]
    for n, (given, family) in enumerate(people):
        make_contact(given_name=given, family_name=family, external_id=f"X-{n}")
    wanted = [f"X-{n}" for n in range(0, 4, 2)] + [f"missing-{n}" for n in range(3000)]

    found = values_in(Contact, ("id", "external_id", "given_name"), "external_id", wanted)

    expected = Contact.objects.filter(external_id__in=wanted)
    assert sorted(found) == sorted(expected.values_list("id", "external_id", "given_name"))
    assert {row[2] for row in found} == {"สมชาย", "太郎"}
    assert values_in(ContactEmail, ("address",), "contact", []) == []


def test_values_in_refuses_columns_that_need_converting():
    with pytest.raises(TypeError):
        values_in(Contact, ("languages",), "id", [1])
