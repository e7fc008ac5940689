"""The shared search index, on whichever database the suite runs (SQLite FTS5 or pg_trgm)."""

import pytest

from amity.core import search
from amity.core.errors import DomainError
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


# Ranked lists: every match, best first, page after page


def _walk(query, *, kind="contact", limit, accept=None):
    ids, cursor, pages = [], None, 0
    while True:
        page = search.ranked(query, kind=kind, cursor=cursor, limit=limit, accept=accept)
        ids += page.object_ids
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            return ids, pages


def test_ranked_lists_word_starts_before_matches_inside_words():
    search.index(
        [
            SearchDocument("contact", 10, "Joanna Kowalska", "", []),  # "anna" inside a word
            SearchDocument("contact", 11, "Anna Nowak", "", ["anna"]),
            SearchDocument("contact", 12, "นายสมชาย ใจดี", "", []),  # inside a Thai word
            SearchDocument("contact", 13, "สมชาย ใจดี", "", ["สมชาย"]),
            SearchDocument("contact", 14, "Hanna Annanowicz", "", ["annanowicz"]),
            SearchDocument("organization", 15, "Anna sp. z o.o.", "", ["anna"]),
        ]
    )

    assert search.ranked("anna", kind="contact").object_ids == [11, 14, 10]
    assert search.ranked("สมชาย", kind="contact").object_ids == [13, 12]
    assert search.ranked("ANNA nowa", kind="contact").object_ids == [11]
    assert search.ranked("anna", kind="organization").object_ids == [15]


def test_ranked_pages_reach_every_match_once_across_chunks_and_groups():
    # 300 matches: more than the first chunk the index is read in, in both groups.
    search.index(
        SearchDocument("contact", n, f"Żaneta {'Nowak' if n % 3 else 'Kowalnowak'} {n}", "", [])
        for n in range(1, 301)
    )

    ids, pages = _walk("nowak", limit=7)

    starts = [n for n in range(1, 301) if n % 3]
    assert ids == starts + [n for n in range(1, 301) if not n % 3]
    assert pages == 43


def test_ranked_pages_keep_only_what_the_list_accepts():
    search.index(SearchDocument("contact", n, f"Łukasz Wójcik {n}", "", []) for n in range(1, 201))

    ids, _pages = _walk("wojcik", limit=4, accept=lambda found: [n for n in found if n % 50 == 0])

    assert ids == [50, 100, 150, 200]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("山田", [3]),  # two letters: the pairs table
        ("太郎", [3]),
        ("zo", [1, 5]),  # two Latin letters: a walk of the entries
        ("y", [3, 4, 5]),
        ("+48 601-234-567", [1]),
        ("example", [2, 3, 4, 6]),
    ],
)
@pytest.mark.usefixtures("indexed")
def test_ranked_finds_short_fragments_and_phones(query, expected):
    kinds = {5: "organization"}
    found = []
    for kind in ("contact", "organization"):
        found += [
            n for n in search.ranked(query, kind=kind).object_ids if kinds.get(n, "contact") == kind
        ]
    assert sorted(found) == expected


@pytest.mark.usefixtures("indexed")
def test_ranked_refuses_a_damaged_cursor():
    with pytest.raises(DomainError) as refused:
        search.ranked("lukasz", kind="contact", cursor="bm90LWEtY3Vyc29y")

    assert refused.value.code == "invalid_cursor"


@pytest.mark.usefixtures("indexed")
def test_ranked_with_nothing_to_search_for_is_empty():
    assert search.ranked("  %  ", kind="contact").object_ids == []
