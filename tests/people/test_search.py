import pytest

from amity.core.search import search
from amity.people.contracts import IdentifierData
from factories import make_contact, make_organization

pytestmark = pytest.mark.django_db


def _found(query, kinds=None):
    return {(hit.kind, hit.title) for hit in search(query, kinds=kinds)}


@pytest.fixture
def people():
    make_contact(given_name="Łukasz", family_name="Żółw", country="PL", emails=("lz@firma.pl",))
    make_contact(
        honorific_prefix="นาย", given_name="สมชาย", family_name="ใจดี", phones=("+66 81 234 5678",)
    )
    make_contact(given_name="太郎", family_name="山田", country="JP")
    make_contact(given_name="ليلى", family_name="الحربي", country="SA")
    make_organization(
        name="Żabka Polska", country="PL", identifiers=(IdentifierData("pl_nip", "5260001246"),)
    )


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("lukasz", "Łukasz Żółw"),
        ("ZOLW", "Łukasz Żółw"),
        ("lz@firma", "Łukasz Żółw"),
        ("สมชาย", "สมชาย ใจดี"),
        ("ใจ", "สมชาย ใจดี"),
        ("somchai", "สมชาย ใจดี"),
        ("081 234 5678", "สมชาย ใจดี"),
        ("+66812345678", "สมชาย ใจดี"),
        ("yamada", "山田 太郎"),
        ("山田", "山田 太郎"),
        ("الحربي", "ليلى الحربي"),
        ("zabka", "Żabka Polska"),
        ("526-000-12-46", "Żabka Polska"),
    ],
)
def test_one_box_finds_people_and_organizations_in_any_script(people, query, title):
    assert title in {t for _kind, t in _found(query)}


def test_kinds_limit_the_search(people):
    assert _found("zabka", kinds=["contact"]) == set()
    assert _found("zabka", kinds=["organization"]) == {("organization", "Żabka Polska")}
