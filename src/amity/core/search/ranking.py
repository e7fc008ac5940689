"""Lists ranked by relevance that page through every match of a query: the records where a word
starts with what was typed first, then those where it occurs inside a word, each group in
index order. The cursor carries (group, entry id), so a page costs about what it returns even
when a term matches a large share of a million records."""

import base64
import binascii
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass

from amity.core.models import SearchEntry
from amity.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, invalid_cursor
from amity.core.search import engines

RELEVANCE = "relevance"
FIRST_CHUNK = 64
LARGEST_CHUNK = 8192


@dataclass(frozen=True)
class RankedPage:
    """The ids of one page of records, best first, and the cursor of the next page."""

    object_ids: list[int]
    next_cursor: str | None


def _cursor_encode(tier: int, entry_id: int) -> str:
    raw = json.dumps({"o": RELEVANCE, "v": [tier, entry_id]}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _cursor_decode(cursor: str) -> tuple[int, int]:
    if len(cursor) > 200:
        raise invalid_cursor()
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise invalid_cursor() from None
    values = payload.get("v") if isinstance(payload, dict) else None
    if (
        payload.get("o") != RELEVANCE
        or not isinstance(values, list)
        or len(values) != 2
        or not all(type(value) is int for value in values)
        or not 0 <= values[0] < engines.TIERS
        or not 0 <= values[1] < 2**63
    ):
        raise invalid_cursor()
    return values[0], values[1]


def ranked_page(
    fragments: list[str],
    pairs: list[str],
    *,
    kind: str,
    cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
    accept: Callable[[list[int]], Collection[int]] | None = None,
    only: list[int] | None = None,
) -> RankedPage:
    """One page of the records of ``kind`` matching every fragment, best first, after
    ``cursor``. ``accept`` keeps the ids that pass a list's other filters (one query per chunk
    of candidates; chunks grow when the filters keep few). ``only``: the exact matches of a
    whole email or phone, all in the first group."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(limit)
    tier, after = _cursor_decode(cursor) if cursor else (0, 0)
    if only is not None:
        return _page_of_exact(only, kind=kind, tier=tier, after=after, limit=limit, accept=accept)
    found: list[tuple[int, int, int]] = []  # (tier, entry id, object id)
    size = max(FIRST_CHUNK, limit + 1)
    while tier < engines.TIERS and len(found) <= limit:
        rows, next_after = engines.ranked_chunk(
            fragments, pairs, kind=kind, tier=tier, after=after, size=size
        )
        if accept is not None and rows:
            kept = set(accept([object_id for _entry, object_id in rows]))
            rows = [row for row in rows if row[1] in kept]
        found.extend((tier, entry_id, object_id) for entry_id, object_id in rows)
        if next_after is None:
            tier, after, size = tier + 1, 0, max(FIRST_CHUNK, limit + 1)
        else:
            after, size = next_after, min(size * 4, LARGEST_CHUNK)
    page = found[:limit]
    more = len(found) > limit
    return RankedPage(
        [object_id for _tier, _entry, object_id in page],
        _cursor_encode(page[-1][0], page[-1][1]) if more else None,
    )


def _page_of_exact(
    object_ids: list[int],
    *,
    kind: str,
    tier: int,
    after: int,
    limit: int,
    accept: Callable[[list[int]], Collection[int]] | None,
) -> RankedPage:
    rows = list(
        SearchEntry.objects.filter(kind=kind, object_id__in=object_ids, id__gt=after)
        .order_by("id")
        .values_list("id", "object_id")
    )
    if tier > 0:
        rows = []
    if accept is not None and rows:
        kept = set(accept([object_id for _entry, object_id in rows]))
        rows = [row for row in rows if row[1] in kept]
    page = rows[:limit]
    return RankedPage(
        [object_id for _entry, object_id in page],
        _cursor_encode(0, page[-1][0]) if len(rows) > limit else None,
    )
