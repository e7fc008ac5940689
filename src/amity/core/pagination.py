"""Keyset ("cursor") pagination for list endpoints: each page continues after the last row of
the previous one on (ordering column, id), so a page costs one index range scan however deep
it is (no OFFSET), and rows added or removed meanwhile never shift or repeat what follows.

The cursor is opaque to clients: URL-safe base64 of the last row's key values and the ordering
they belong to. A cursor is only valid for the ordering that produced it.
"""

import base64
import binascii
import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from amity.core.errors import DomainError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_CURSOR_LENGTH = 2000


@dataclass(frozen=True)
class Page[T]:
    items: list[T]
    next_cursor: str | None
    # The page before this one ends before this cursor (``keyset_page(before=...)``); None on
    # the first page.
    previous_cursor: str | None = None


@dataclass(frozen=True)
class Ordering:
    """Columns of the model, the last one unique (normally ``id``), all ascending or all
    descending; there should be an index on exactly these columns."""

    columns: tuple[str, ...]
    descending: bool = False

    @property
    def order_by(self) -> list[str]:
        return [f"-{c}" if self.descending else c for c in self.columns]

    @property
    def signature(self) -> str:
        return ("-" if self.descending else "") + ",".join(self.columns)


def invalid_cursor() -> DomainError:
    return DomainError(
        _("This page link is not valid; start again from the first page."),
        code="invalid_cursor",
        field="cursor",
    )


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def cursor_encode(row: Model, ordering: Ordering) -> str:
    payload = {
        "o": ordering.signature,
        "v": [_encode_value(getattr(row, c)) for c in ordering.columns],
    }
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_decode(cursor: str, ordering: Ordering, model: type[Model]) -> list[Any]:
    """The key values a cursor carries, typed as the model's fields; DomainError when the
    cursor is damaged or belongs to another ordering."""
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise invalid_cursor()
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw.decode())
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise invalid_cursor() from None
    if (
        not isinstance(payload, dict)
        or payload.get("o") != ordering.signature
        or not isinstance(payload.get("v"), list)
        or len(payload["v"]) != len(ordering.columns)
    ):
        raise invalid_cursor()
    values = []
    for column, value in zip(ordering.columns, payload["v"], strict=True):
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise invalid_cursor()
        if isinstance(value, str) and "\x00" in value:
            raise invalid_cursor()
        try:
            typed = model._meta.get_field(column).to_python(value)
        except (ValidationError, ValueError, TypeError, OverflowError):
            raise invalid_cursor() from None
        if isinstance(typed, datetime.datetime) and typed.tzinfo is None:
            raise invalid_cursor()
        if isinstance(typed, int) and not -(2**63) <= typed < 2**63:
            raise invalid_cursor()
        values.append(typed)
    return values


def _after(columns: tuple[str, ...], values: list[Any], descending: bool) -> Q:
    """Rows strictly after ``values`` in the ordering, written as ``a >= x AND (a > x OR
    <rest after>)`` so the database can start an index range scan at ``x``."""
    beyond = "lt" if descending else "gt"
    head, *rest = columns
    if not rest:
        return Q(**{f"{head}__{beyond}": values[0]})
    return Q(**{f"{head}__{beyond}e": values[0]}) & (
        Q(**{f"{head}__{beyond}": values[0]}) | _after(tuple(rest), values[1:], descending)
    )


def keyset_page[M: Model](
    queryset: QuerySet[M],
    *,
    ordering: Ordering,
    cursor: str | None = None,
    before: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Page[M]:
    """One page of ``queryset`` in ``ordering`` starting after ``cursor`` (the first page when
    it is empty), with the cursors of the next page (None on the last one) and of the one
    before. ``before`` (a ``previous_cursor``) gives instead the page that ends just before
    it: going back reads the rows before it in reverse, as cheaply as going forward."""
    if not 1 <= limit <= MAX_LIMIT:
        raise DomainError(
            _("The limit must be between 1 and %(max)s.") % {"max": MAX_LIMIT}, field="limit"
        )
    if before:
        return _page_before(queryset, ordering=ordering, before=before, limit=limit)
    page = queryset
    if cursor:
        values = cursor_decode(cursor, ordering, queryset.model)
        page = queryset.filter(_after(ordering.columns, values, ordering.descending))
    rows = list(page.order_by(*ordering.order_by)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(
        rows,
        cursor_encode(rows[-1], ordering) if more else None,
        cursor_encode(rows[0], ordering) if cursor and rows else None,
    )


def _page_before[M: Model](
    queryset: QuerySet[M], *, ordering: Ordering, before: str, limit: int
) -> Page[M]:
    values = cursor_decode(before, ordering, queryset.model)
    backwards = Ordering(ordering.columns, descending=not ordering.descending)
    earlier = queryset.filter(_after(ordering.columns, values, backwards.descending))
    rows = list(earlier.order_by(*backwards.order_by)[: limit + 1])
    if len(rows) <= limit:  # back at the start: the first page, whole
        return keyset_page(queryset, ordering=ordering, limit=limit)
    rows = rows[:limit][::-1]
    return Page(rows, cursor_encode(rows[-1], ordering), cursor_encode(rows[0], ordering))


def requested_page[M: Model](
    queryset: QuerySet[M], params: Mapping[str, str], *, ordering: Ordering, limit: int
) -> tuple[Page[M], str]:
    """The page a list's query string asks for (after ``cursor``, or before ``before``) and
    the cursor it continues from; a damaged or stale cursor (the order changed since) gives
    the first page instead of an error."""
    cursor, before = params.get("cursor", ""), params.get("before", "")
    try:
        page = keyset_page(
            queryset, ordering=ordering, cursor=cursor or None, before=before or None, limit=limit
        )
    except DomainError:
        return keyset_page(queryset, ordering=ordering, limit=limit), ""
    return page, cursor
