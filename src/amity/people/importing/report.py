"""What an import did: the counts, the columns it could not use, and every rejected row with
its reason (kept in memory up to a limit, and all of them in a CSV a person can fix and import
again)."""

import csv
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amity.people.importing.header_spellings import REJECT_COLUMNS
from amity.people.importing.mapping import CONTACTS

KEPT_REJECTIONS = 1000


@dataclass(frozen=True)
class Rejection:
    line: int
    column: str  # the header(s) of the cells at fault, or the field when no column holds it
    reason: str


@dataclass
class ImportSummary:
    kind: str
    file: str
    format: str
    encoding: str | None
    rows_total: int = 0
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    organizations_created: int = 0
    workers: int = 0  # processes that validated rows alongside the writing (0: in-line)
    unknown_columns: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)  # the first KEPT_REJECTIONS
    rejects_file: str | None = None
    # Where the time went: reading the file, validating rows, writing them (with the
    # organizations they name, their events and search entries, and committing).
    seconds: dict[str, float] = field(
        default_factory=lambda: {"reading": 0.0, "validating": 0.0, "writing": 0.0}
    )

    def reject(self, rejection: Rejection) -> None:
        self.rejected += 1
        if len(self.rejections) < KEPT_REJECTIONS:
            self.rejections.append(rejection)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["rejections"] = [asdict(r) for r in self.rejections]
        return data


class RejectsWriter:
    """The rejected rows as they were read, each after its line, column and reason; the file
    is created on the first rejection only (UTF-8 with a BOM, so spreadsheets read it)."""

    def __init__(self, path: Path, headers: list[str]):
        self.path = path
        self.headers = [h for h in headers if h not in REJECT_COLUMNS]
        self._handle = None
        self._writer = None

    def write(self, rejection: Rejection, raw: dict[str, str]) -> None:
        if self._writer is None:
            self._handle = self.path.open("w", encoding="utf-8-sig", newline="")
            self._writer = csv.writer(self._handle)
            self._writer.writerow([*REJECT_COLUMNS, *self.headers])
        self._writer.writerow(
            [rejection.line, rejection.column, rejection.reason]
            + [raw.get(header, "") for header in self.headers]
        )

    @property
    def written(self) -> bool:
        return self._writer is not None

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


def _n(count: int) -> str:
    return number_format(count, force_grouping=True)


def summary_lines(summary: ImportSummary) -> list[str]:
    """The summary as sentences in the active language (the CLI prints them)."""
    n = summary.rows_read
    lines = [
        ngettext("Read %(count)s row from %(file)s.", "Read %(count)s rows from %(file)s.", n)
        % {"count": _n(n), "file": summary.file}
    ]
    if summary.kind == CONTACTS:
        created = ngettext(
            "%(count)s contact created", "%(count)s contacts created", summary.created
        )
    else:
        created = ngettext(
            "%(count)s organization created", "%(count)s organizations created", summary.created
        )
    lines.append(created % {"count": _n(summary.created)})
    lines.append(
        ngettext("%(count)s updated", "%(count)s updated", summary.updated)
        % {"count": _n(summary.updated)}
    )
    lines.append(
        ngettext("%(count)s already up to date", "%(count)s already up to date", summary.unchanged)
        % {"count": _n(summary.unchanged)}
    )
    lines.append(
        ngettext("%(count)s row rejected", "%(count)s rows rejected", summary.rejected)
        % {"count": _n(summary.rejected)}
    )
    if summary.organizations_created and summary.kind == CONTACTS:
        lines.append(
            ngettext(
                "%(count)s organization created for the contacts' companies",
                "%(count)s organizations created for the contacts' companies",
                summary.organizations_created,
            )
            % {"count": _n(summary.organizations_created)}
        )
    if summary.unknown_columns:
        lines.append(
            _("Columns not imported (no matching field): %(columns)s")
            % {"columns": ", ".join(summary.unknown_columns)}
        )
    if summary.rejects_file:
        lines.append(
            _("The rejected rows and their reasons are in %(path)s")
            % {"path": summary.rejects_file}
        )
    return lines
