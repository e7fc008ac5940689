"""The import loop: rows in batches, each batch one transaction.

- A kill (or a crash) leaves whole batches: the batch being written rolls back as one.
- Rows find the record they describe by external id, then by email (contacts) or exact name
  (organizations), so a second run of the same file updates what the first one wrote instead
  of duplicating it, and a run after a kill completes the file.
- Every row is validated first, exactly as ``contact_create`` validates (``checking``: for a
  large file in worker processes, while this process writes the batches before, see
  ``parallel``). New contacts are written together at the end of the batch (``people.bulk``);
  the organizations the batch names are created together before its rows. An update runs
  the update service in its own savepoint.
- A row the services refuse is reported with the service's reason (and every other email or
  phone of it that is invalid); the other rows of the batch are kept.
- A row that changes nothing is not written (no event, no re-index): re-runs are cheap.
"""

import csv
import gc
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.core.actors import Actor, ActorKind, Via
from amity.core.bulk_insert import statistics_refresh
from amity.core.events import publish
from amity.core.permissions import Action, role_allows
from amity.people.events import ContactsImported, OrganizationsImported
from amity.people.importing.contacts import ContactImporter
from amity.people.importing.mapping import CONTACTS
from amity.people.importing.organizations import OrganizationImporter
from amity.people.importing.parallel import checked_batches, workers_for
from amity.people.importing.report import ImportSummary, Rejection, RejectsWriter
from amity.people.importing.rows import Record
from amity.people.importing.sources import ImportFailed, Source, source_open

BATCH_SIZE = 500
ANALYZE_FROM_ROWS = 2_000  # see statistics_refresh
Progress = Callable[[ImportSummary], None]


def _batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


class _Clock:
    """Seconds spent per phase; a phase entered inside another pauses the outer one, so the
    phases add up to the time measured."""

    def __init__(self, seconds: dict[str, float]):
        self.seconds = seconds
        self.stack: list[str] = []
        self.mark = 0.0

    @contextmanager
    def __call__(self, phase: str) -> Iterator[None]:
        now = time.perf_counter()
        if self.stack:
            self.seconds[self.stack[-1]] += now - self.mark
        self.stack.append(phase)
        self.mark = now
        try:
            yield
        finally:
            now = time.perf_counter()
            self.seconds[self.stack.pop()] += now - self.mark
            self.mark = now


def _remove_stale(path: Path) -> None:
    path.unlink(missing_ok=True)


def import_source(
    source: Source,
    *,
    actor: User | None = None,
    actor_label: str = "import",
    rejects_path: Path | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ImportSummary:
    """Import every record of an opened source; see the module docstring for the guarantees.
    ``workers``: processes validating rows alongside the writing (None: one per core for
    large files, see ``parallel``)."""
    summary = ImportSummary(
        kind=source.kind,
        file=str(source.path),
        format=source.format,
        encoding=source.encoding,
        unknown_columns=list(source.mapping.unknown),
        mapping=dict(source.mapping.columns),
    )
    if actor is not None and not role_allows(getattr(actor, "role", ""), Action.WRITE_RECORDS):
        raise ImportFailed(_("%(user)s may not change records.") % {"user": actor})
    if rejects_path is not None and rejects_path.resolve() == source.path.resolve():
        raise ImportFailed(_("The rejects file cannot be the file being imported."))
    clock = _Clock(summary.seconds)
    with clock("reading"):
        summary.rows_total = source.count()
    summary.workers = workers_for(summary.rows_total, workers)
    importer_class = ContactImporter if source.kind == CONTACTS else OrganizationImporter
    importer = importer_class(
        actor=actor, actor_label=actor_label, mapping=source.mapping, clock=clock
    )
    writer = RejectsWriter(rejects_path, source.headers) if rejects_path else None
    if progress:
        progress(summary)
    # What is alive now (Django, every module: most of the heap) stays out of the garbage
    # collector's full passes until the end: each batch keeps thousands of objects alive for
    # a while, which sets off full passes that walked the whole heap again and again.
    frozen_before = gc.get_freeze_count()  # a server freezes its startup objects itself
    gc.freeze()
    batches = checked_batches(
        _batches(source.records(), batch_size),
        importer.check,
        workers=summary.workers,
        clock=clock,
        expect_new=lambda: importer.expect_new,
    )
    analyzed_at = ANALYZE_FROM_ROWS
    try:
        for batch, checked in batches:
            if summary.created >= analyzed_at:  # each time the tables have doubled
                statistics_refresh(importer.looked_up)
                analyzed_at = summary.created * 2
            created_before, found_before = summary.created, summary.updated + summary.unchanged
            for record, outcome in importer.run(batch, checked):
                summary.rows_read += 1
                if isinstance(outcome, Rejection):
                    summary.reject(outcome)
                    if writer:
                        writer.write(outcome, record.raw)
                else:
                    setattr(summary, outcome, getattr(summary, outcome) + 1)
            # Validate the next batches as new records unless this one mostly found its own.
            found = summary.updated + summary.unchanged - found_before
            importer.expect_new = summary.created - created_before >= found
            summary.organizations_created = getattr(importer, "organizations_created", 0)
            if progress:
                progress(summary)
    except csv.Error as error:
        raise ImportFailed(
            _("The file stops being readable after row %(count)s: %(error)s")
            % {"count": summary.rows_read, "error": error}
        ) from error
    finally:
        batches.close()  # stops the workers, if any
        if not frozen_before:
            gc.unfreeze()
        if writer:
            writer.close()
    if writer and writer.written:
        summary.rejects_file = str(rejects_path)
    elif rejects_path is not None:
        _remove_stale(rejects_path)  # a report from an earlier run no longer applies
    _publish_run(summary, actor=actor, actor_label=actor_label)
    return summary


def _publish_run(summary: ImportSummary, *, actor: User | None, actor_label: str) -> None:
    """Publish the run with its counts (never a name or a file name); the audit trail keeps
    one entry. A user's import is run by the worker (started on the import page); one without
    a user is the CLI."""
    event_type = ContactsImported if summary.kind == CONTACTS else OrganizationsImported
    via = Via.TASK if actor is not None else Via.CLI
    publish(
        event_type(
            actor=Actor(ActorKind.IMPORT, via, user=actor, label=actor_label),
            format=summary.format,
            rows=summary.rows_read,
            created=summary.created,
            updated=summary.updated,
            skipped=summary.unchanged,
            failed=summary.rejected,
        )
    )


def import_file(
    path: str | Path,
    *,
    kind: str,
    actor: User | None = None,
    actor_label: str = "import",
    overrides: dict[str, str] | None = None,
    encoding: str | None = None,
    rejects_path: str | Path | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ImportSummary:
    """Import contacts or organizations from a CSV, XLSX or vCard file. Raises ImportFailed
    when the file cannot be processed at all; rejected rows are in the summary instead."""
    source = source_open(path, kind=kind, overrides=overrides, encoding=encoding)
    return import_source(
        source,
        actor=actor,
        actor_label=actor_label,
        rejects_path=Path(rejects_path) if rejects_path else None,
        batch_size=batch_size,
        progress=progress,
        workers=workers,
    )


def default_rejects_path(path: str | Path) -> Path:
    """Where the rejected rows go when nobody says: beside the input, ``NAME.rejects.csv``."""
    path = Path(path)
    return path.with_name(f"{path.stem}.rejects.csv")
