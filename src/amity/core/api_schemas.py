"""Request-body building blocks shared by every app's API router: text without NUL, record
ids in range, aware datetimes turned to UTC, schemas that refuse unknown fields, ordering
names, and bulk creation that keeps the good records and reports each bad one."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import pydantic
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict

from amity.core.errors import DomainError
from amity.core.pagination import Ordering, Page

BULK_MAX = 1000
MAX_ID = 2**63 - 1


def _refuse_nul(value: str) -> str:
    # PostgreSQL cannot store NUL in text; refuse it here instead of failing in the database.
    if "\x00" in value:
        raise ValueError(_("Text may not contain NUL characters."))
    return value


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


Text = Annotated[str, AfterValidator(_refuse_nul)]
RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]
Utc = Annotated[datetime, AfterValidator(_utc)]
ListOrdering = Literal["name", "-name", "created", "-created", "updated", "-updated"]
BEFORE_HELP = "A previous_cursor: the page before the one it came with."


def page_out(page: Page) -> dict:
    """A page as the list endpoints answer it: its items and the cursors on either side."""
    return {
        "items": page.items,
        "next_cursor": page.next_cursor,
        "previous_cursor": page.previous_cursor,
    }


class InputSchema(Schema):
    """A request body: an unknown field is refused, so a misspelt one never passes silently."""

    model_config = ConfigDict(extra="forbid")


def list_ordering(orderings: dict[str, tuple[str, ...]], name: str) -> Ordering:
    return Ordering(orderings[name.lstrip("-")], descending=name.startswith("-"))


def bulk_validate(
    records: list[Any], schema: type[pydantic.BaseModel]
) -> tuple[list[tuple[int, Any]], list[dict]]:
    """(index, payload) of each record that fits the schema, and an error per problem."""
    valid: list[tuple[int, Any]] = []
    errors: list[dict] = []
    for index, record in enumerate(records):
        try:
            valid.append((index, schema.model_validate(record)))
        except pydantic.ValidationError as error:
            errors.extend(
                {
                    "index": index,
                    "field": ".".join(str(part) for part in problem["loc"]),
                    "detail": problem["msg"],
                    "code": "invalid",
                }
                for problem in error.errors()
            )
    return valid, errors


def bulk_error(index: int, error: DomainError) -> dict:
    return {"index": index, "field": error.field or "", "detail": error.message, "code": error.code}


def bulk_create(
    records: list[Any], schema: type[pydantic.BaseModel], create: Callable[[Any], Model]
) -> dict:
    """Validate and create each record on its own savepoint, so a bad one costs only itself;
    the good ones are committed together when the whole list has been through."""
    valid, errors = bulk_validate(records, schema)
    created: list[int] = []
    with transaction.atomic():
        for index, payload in valid:
            try:
                with transaction.atomic():
                    created.append(create(payload).pk)
            except DomainError as error:
                errors.append(bulk_error(index, error))
    errors.sort(key=lambda item: item["index"])
    return {"created": created, "errors": errors}


class BulkIn(InputSchema):
    records: list[Any] = Field(max_length=BULK_MAX, description="At most 1000 records.")


class BulkError(Schema):
    index: int = Field(description="Position of the record in `records`, from 0.")
    field: str
    detail: str
    code: str


class BulkResult(Schema):
    created: list[int] = Field(description="Ids of the created records, in the order sent.")
    errors: list[BulkError]
