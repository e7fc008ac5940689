"""Keyset pagination: every row once, in order, whatever the ties; cursors that cannot be
trusted are refused with a clear error instead of reaching the database."""

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amity.accounts.models import User
from amity.core import search
from amity.core.errors import DomainError
from amity.core.models import SearchEntry
from amity.core.pagination import Ordering, keyset_page
from factories import UserFactory

pytestmark = pytest.mark.django_db

BY_TITLE = Ordering(("title", "id"))
BY_TITLE_DESC = Ordering(("title", "id"), descending=True)
BY_JOINED = Ordering(("date_joined", "id"))
BY_JOINED_DESC = Ordering(("date_joined", "id"), descending=True)

TITLES = ["สมชาย", "Łukasz", "山田", "สมชาย", "محمد", "Łukasz", "สมชาย", "Anna", "山田", "Zoë"]


@pytest.fixture
def entries():
    # Written by the index's own writer: the full-text tables must know every entry that a
    # test later deletes.
    search.index(search.SearchDocument("contact", n, title) for n, title in enumerate(TITLES))
    return list(SearchEntry.objects.order_by("object_id"))


def walk(queryset, ordering, limit):
    rows, cursor, pages = [], None, 0
    while True:
        page = keyset_page(queryset, ordering=ordering, cursor=cursor, limit=limit)
        rows += page.items
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            return rows, pages


@pytest.mark.usefixtures("entries")
@pytest.mark.parametrize("ordering", [BY_TITLE, BY_TITLE_DESC])
@pytest.mark.parametrize("limit", [1, 3, 5, 10, 11])
def test_walks_every_row_once_in_order_through_ties(ordering, limit):
    rows, pages = walk(SearchEntry.objects.all(), ordering, limit)

    expected = list(SearchEntry.objects.order_by(*ordering.order_by))
    assert [r.pk for r in rows] == [r.pk for r in expected]
    assert pages == -(-len(TITLES) // limit)  # no empty page after an exact fit


def test_walks_datetimes_with_microseconds_and_ties():
    moment = datetime(2026, 4, 13, 2, 30, 0, 123456, tzinfo=UTC)
    for offset in [0, 0, 1, 0, 2, 2, 0]:
        UserFactory(date_joined=moment + timedelta(microseconds=offset))

    for ordering in [BY_JOINED, BY_JOINED_DESC]:
        rows, _pages = walk(User.objects.all(), ordering, 2)
        expected = User.objects.order_by(*ordering.order_by).values_list("pk", flat=True)
        assert [r.pk for r in rows] == list(expected)


@pytest.mark.usefixtures("entries")
def test_filtered_queryset_pages_only_its_rows():
    rows, pages = walk(SearchEntry.objects.filter(title="สมชาย"), BY_TITLE, 2)

    assert [r.object_id for r in rows] == [0, 3, 6]
    assert pages == 2


@pytest.mark.usefixtures("entries")
def test_rows_deleted_after_the_cursor_do_not_break_the_walk():
    first = keyset_page(SearchEntry.objects.all(), ordering=BY_TITLE, limit=4)
    SearchEntry.objects.filter(pk=first.items[-1].pk).delete()

    rest, _pages = walk_from(first.next_cursor)

    seen = [r.pk for r in first.items + rest]
    assert len(seen) == len(set(seen)) == len(TITLES)


def walk_from(cursor):
    rows, pages = [], 0
    while cursor:
        page = keyset_page(SearchEntry.objects.all(), ordering=BY_TITLE, cursor=cursor, limit=3)
        rows += page.items
        pages += 1
        cursor = page.next_cursor
    return rows, pages


@pytest.mark.usefixtures("entries")
def test_a_page_is_one_query_without_offset():
    cursor = keyset_page(SearchEntry.objects.all(), ordering=BY_TITLE, limit=3).next_cursor

    with CaptureQueriesContext(connection) as queries:
        keyset_page(SearchEntry.objects.all(), ordering=BY_TITLE, cursor=cursor, limit=3)

    assert len(queries) == 1
    assert "OFFSET" not in queries[0]["sql"].upper()


def test_empty_queryset_is_one_empty_last_page():
    page = keyset_page(SearchEntry.objects.all(), ordering=BY_TITLE)

    assert (page.items, page.next_cursor) == ([], None)


def _cursor(payload) -> str:
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    ("cursor", "ordering"),
    [
        ("not base64 at all!", BY_TITLE),
        (_cursor(b"\xff\xfe"), BY_TITLE),
        (_cursor(b"not json"), BY_TITLE),
        (_cursor([1, 2]), BY_TITLE),
        (_cursor({"o": "title,id", "v": ["Anna"]}), BY_TITLE),
        (_cursor({"o": "title,id", "v": ["Anna", 1, 2]}), BY_TITLE),
        (_cursor({"o": "title,id", "v": ["Anna", "one"]}), BY_TITLE),
        (_cursor({"o": "title,id", "v": ["Anna", True]}), BY_TITLE),
        (_cursor({"o": "title,id", "v": ["Anna", 2**80]}), BY_TITLE),
        (_cursor({"o": "title,id", "v": [["Anna"], 1]}), BY_TITLE),
        (_cursor({"o": "title,id", "v": ["An\x00na", 1]}), BY_TITLE),
        (_cursor({"o": "title,id", "v": ["Anna", 1]}), BY_TITLE_DESC),
        (_cursor({"o": "date_joined,id", "v": ["2026-04-13T09:30:00", 1]}), BY_JOINED),
        (_cursor({"o": "date_joined,id", "v": ["yesterday", 1]}), BY_JOINED),
        ("A" * 3000, BY_TITLE),
    ],
)
def test_untrustworthy_cursors_are_refused(cursor, ordering):
    model = User if "date_joined" in ordering.columns else SearchEntry

    with pytest.raises(DomainError) as error:
        keyset_page(model.objects.all(), ordering=ordering, cursor=cursor)

    assert (error.value.code, error.value.field) == ("invalid_cursor", "cursor")


@pytest.mark.parametrize("limit", [0, -1, 201])
def test_limit_out_of_range_is_refused(limit):
    with pytest.raises(DomainError) as error:
        keyset_page(SearchEntry.objects.all(), ordering=BY_TITLE, limit=limit)

    assert error.value.field == "limit"


@pytest.mark.usefixtures("entries")
@pytest.mark.parametrize("ordering", [BY_TITLE, BY_TITLE_DESC])
@pytest.mark.parametrize("limit", [1, 3, 4, 5])
def test_going_back_shows_the_pages_seen_going_forward(ordering, limit):
    forward = [keyset_page(SearchEntry.objects.all(), ordering=ordering, limit=limit)]
    while forward[-1].next_cursor:
        cursor = forward[-1].next_cursor
        forward.append(
            keyset_page(SearchEntry.objects.all(), ordering=ordering, cursor=cursor, limit=limit)
        )
    assert forward[0].previous_cursor is None

    back = [forward[-1]]
    while back[-1].previous_cursor:
        before = back[-1].previous_cursor
        back.append(
            keyset_page(SearchEntry.objects.all(), ordering=ordering, before=before, limit=limit)
        )

    assert [[r.pk for r in p.items] for p in back] == [
        [r.pk for r in p.items] for p in reversed(forward)
    ]
    assert [p.next_cursor for p in back[1:]] == [p.next_cursor for p in reversed(forward[:-1])]


@pytest.mark.usefixtures("entries")
def test_going_back_near_the_start_shows_the_whole_first_page():
    first = keyset_page(SearchEntry.objects.all(), ordering=BY_TITLE, limit=4)
    second = keyset_page(
        SearchEntry.objects.all(), ordering=BY_TITLE, cursor=first.next_cursor, limit=4
    )
    SearchEntry.objects.filter(pk__in=[r.pk for r in first.items[:2]]).delete()

    back = keyset_page(
        SearchEntry.objects.all(), ordering=BY_TITLE, before=second.previous_cursor, limit=4
    )

    expected = list(SearchEntry.objects.order_by("title", "id")[:4])
    assert [r.pk for r in back.items] == [r.pk for r in expected]
    assert back.previous_cursor is None


@pytest.mark.usefixtures("entries")
def test_a_page_back_is_one_query_and_a_damaged_cursor_is_refused():
    first = keyset_page(SearchEntry.objects.all(), ordering=BY_TITLE, limit=3)
    second = keyset_page(
        SearchEntry.objects.all(), ordering=BY_TITLE, cursor=first.next_cursor, limit=3
    )
    third = keyset_page(
        SearchEntry.objects.all(), ordering=BY_TITLE, cursor=second.next_cursor, limit=3
    )

    with CaptureQueriesContext(connection) as queries:
        keyset_page(
            SearchEntry.objects.all(), ordering=BY_TITLE, before=third.previous_cursor, limit=3
        )
    assert len(queries) == 1
    with pytest.raises(DomainError) as refused:
        keyset_page(SearchEntry.objects.all(), ordering=BY_TITLE, before="not-a-cursor")
    assert refused.value.code == "invalid_cursor"
