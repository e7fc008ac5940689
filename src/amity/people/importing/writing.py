"""Writing one batch of checked rows in one transaction: what contact and organization imports
share (outcomes, rejections naming the columns at fault, comparing a row with the record it
describes)."""

from collections.abc import Callable
from typing import Any

from django.db import transaction

from amity.accounts.models import User
from amity.core.errors import DomainError
from amity.people.importing.checking import Checked
from amity.people.importing.mapping import IDENTIFIER_PREFIX, Mapping
from amity.people.importing.parallel import Clock
from amity.people.importing.report import Rejection
from amity.people.importing.rows import Directory, Record, RowRejected

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class Unreadable:
    """Stands for a value that does not validate: equal to nothing, so the row is written and
    the service reports the problem in its own words."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = None  # type: ignore[assignment]


def normalized(normalize: Callable[[Any], Any], value: Any) -> Any:
    """``normalize(value)``, or an Unreadable when the value does not validate."""
    try:
        return normalize(value)
    except DomainError:
        return Unreadable()


def plain(value: Any) -> Any:
    """A value as stored compares: text stripped, tuples as lists."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, tuple):
        return list(value)
    return value


def record_matched(
    *,
    external_id: str,
    by_external: dict[str, int],
    candidates: set[int],
    external_of: dict[int, str],
    ambiguous: Callable[[], tuple[str, str]],
) -> int | None:
    """The id of the record a row describes: the one with the row's external id, else the
    one candidate found by the row's emails or name. A candidate with another external id is
    another record sharing them; several candidates reject the row with ``ambiguous()``
    (field, reason)."""
    if external_id and external_id in by_external:
        return by_external[external_id]
    if external_id:
        candidates = {pk for pk in candidates if not external_of.get(pk)}
    if len(candidates) > 1:
        raise RowRejected([ambiguous()])
    return next(iter(candidates), None)


class Importer:
    """What contact and organization imports share: counting, rejecting, naming columns."""

    error_fields: dict[str, set[str]] = {}
    looked_up: tuple[type, ...] = ()  # the tables each batch looks rows up in

    def __init__(self, *, actor: User | None, actor_label: str, mapping: Mapping, clock: Clock):
        self.actor = actor
        self.actor_label = actor_label
        self.mapping = mapping
        self.clock = clock
        self.directory = Directory.load()

    def columns_for(self, field: str | None) -> str:
        if not field:
            return ""
        wanted = self.error_fields.get(field, {field})
        if field == "identifiers":
            wanted = {"identifiers"} | {
                t for t in self.mapping.columns.values() if t.startswith(IDENTIFIER_PREFIX)
            }
        headers = self.mapping.headers_for(wanted)
        return ", ".join(headers) or field

    def rejection(self, line: int, problems: list[tuple[str | None, str]]) -> Rejection:
        columns = []
        for field, _message in problems:
            column = self.columns_for(field)
            if column and column not in columns:
                columns.append(column)
        return Rejection(
            line=line,
            column="; ".join(columns),
            reason=" ".join(message for _field, message in problems),
        )

    def run(
        self, records: list[Record], checked: list[Checked]
    ) -> list[tuple[Record, str | Rejection]]:
        """Write one checked batch in one transaction; (record, outcome or rejection) per row."""
        results: list[tuple[Record, str | Rejection]] = []
        parsed = []
        for record, item in zip(records, checked, strict=True):
            if item.row is None:
                results.append((record, self.rejection(record.line, item.problems)))
            else:
                parsed.append((record, item))
        with self.clock("writing"), transaction.atomic():
            self.prepare([item.row for _record, item in parsed])
            for record, item in parsed:
                self.before_write(item.row)
                try:
                    outcome = self.write(item)  # writes in a savepoint of its own
                except RowRejected as error:
                    results.append((record, self.rejection(record.line, error.problems)))
                except DomainError as error:
                    problems = self.problems(item.row, error)
                    results.append((record, self.rejection(record.line, problems)))
                else:
                    results.append((record, outcome))
            self.finish()
        results.sort(key=lambda item: item[0].line)
        return results

    # Hooks for the two kinds; ``check`` validates records (in worker processes, maybe).
    check: Callable[[list[Record], bool], list[Checked]]
    expect_new = True  # the last batch written was mostly new records

    def prepare(self, rows: list) -> None:
        raise NotImplementedError

    def write(self, item: Checked) -> str:
        """Write one row (anything it writes in a savepoint, so a refusal undoes it all)."""
        raise NotImplementedError

    def before_write(self, row: Any) -> None:
        """Called before ``write``."""

    def finish(self) -> None:
        """The batch's rows are through: write what was kept for the end (in its transaction)."""

    def problems(self, row: Any, error: DomainError) -> list[tuple[str | None, str]]:
        """What to report of a row a service refused."""
        return [(error.field, error.message)]
