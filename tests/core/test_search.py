"""The shared search index, on whichever database the suite runs (SQLite FTS5 or pg_trgm)."""

import pytest

from amity.core import search
from amity.core.search import SearchDocument

pytestmark = pytest.mark.django_db

PEOPLE = [
    SearchDocument(
        "contact", 1, "Łukasz Żółkiewski", "Warszawa", ["lukasz@firma.pl", "+48 601 234 567"]
    ),
    SearchDocument(
        "contact",
        2,
        "นายสมชาย ใจดี",
        "กรุงเทพฯ",
        ["somchai chaidi", "Somchai Jaidee", "somchai@example.co.th", "+66812345678"],
    ),
    SearchDocument("contact", 3, "山田 太郎", "東京", ["yamada tarou", "taro@example.jp"]),
    SearchDocument("contact", 4, "محمد الحربي", "الرياض", ["mhmd lhrby", "m.alharbi@example.sa"]),
    SearchDocument("organization", 5, "Żółw Logistyka sp. z o.o.", "PL", ["5260250274"]),
    SearchDocument("contact", 6, "Anna Nowak", "Kraków", ["anna.nowak@example.pl"]),
]


@pytest.fixture
def indexed():
    search.index(PEOPLE)


def ids(query, **kwargs):
    return [hit.object_id for hit in search.search(query, **kwargs)]


@pytest.mark.usefixtures("indexed")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lukasz", [1]),
        ("ŁUKASZ żółkiewski", [1]),
        ("zolw", [5]),
        ("สมชาย", [2]),  # inside Thai text without spaces
        ("ใจดี", [2]),
        ("jaidee", [2]),  # the romanized form staff typed
        ("somchai", [2]),
        ("yamada", [3]),
        ("山田", [3]),  # two characters: below a trigram, still found
        ("太郎", [3]),
        ("الحربي", [4]),
        ("example.sa", [4]),
        ("+48 601-234-567", [1]),
        ("081 234 5678", [2]),  # national format of +66 81 234 5678
        ("5260250274", [5]),
        ("nobody", []),
    ],
)
def test_search_finds_across_scripts_accents_and_notations(query, expected):
    assert ids(query) == expected


@pytest.mark.usefixtures("indexed")
def test_search_can_be_limited_to_kinds():
    assert ids("zo", kinds=["organization"]) == [5]


@pytest.mark.usefixtures("indexed")
def test_names_starting_with_the_query_rank_first():
    search.index([SearchDocument("contact", 7, "Joanna Annanowicz", "", [])])

    assert ids("anna")[:2] == [6, 7]


@pytest.mark.usefixtures("indexed")
def test_reindexing_replaces_and_unindexing_removes():
    search.index([SearchDocument("contact", 1, "Łucja Kowalska", "", [])])
    assert ids("lukasz") == []
    assert ids("lucja") == [1]

    search.unindex("contact", [1])
    assert ids("lucja") == []


@pytest.mark.usefixtures("indexed")
def test_like_wildcards_in_queries_are_literal():
    assert ids("%") == []
    assert ids("_") == []
