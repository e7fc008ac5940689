"""Imports from the web: upload a file (an ImportJob waiting for its mapping), confirm the
column mapping, and let a background task run it while the page shows its progress.

A run is idempotent like any import (see ``runner``): a task delivered twice, or run again after
a worker died, completes the file without duplicates.
"""

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.core.errors import DomainError
from amity.core.permissions import Action, require
from amity.people.importing import mapping as mappings
from amity.people.importing.report import ImportSummary
from amity.people.importing.runner import import_source
from amity.people.importing.sources import ImportFailed, Source, source_open
from amity.people.models import ImportJob

REPORT_REJECTIONS = 50  # rejections shown on the page; the file has all of them


@contextmanager
def _local_file(stored) -> Iterator[Path]:
    """A path to a stored file: the file itself on disk storage, else a temporary copy."""
    try:
        local = Path(stored.path)
    except NotImplementedError:
        local = None
    if local is not None:
        yield local
        return
    suffix = Path(stored.name).suffix
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy, stored.open("rb") as original:
        shutil.copyfileobj(original, copy)
        copy.flush()
        yield Path(copy.name)


def _overrides(job: ImportJob, headers: list[str]) -> dict[str, str]:
    """The chosen mapping as overrides of the guess (so columns left unmapped that Amity did
    not recognize are still reported as unknown)."""
    guessed = mappings.detect(job.kind, headers)
    return {h: t for h, t in job.mapping.items() if h in guessed and guessed[h] != t}


def import_job_create(*, actor: User, kind: str, upload: UploadedFile) -> ImportJob:
    """Keep an uploaded file and guess its mapping; raises ImportFailed when it is unreadable."""
    require(actor, Action.WRITE_RECORDS)
    if kind not in mappings.KINDS:
        raise DomainError(_("Import contacts or organizations, not %(kind)s.") % {"kind": kind})
    job = ImportJob(kind=kind, created_by=actor, original_name=(upload.name or "")[:255])
    job.file.save(Path(upload.name or "import").name, upload, save=False)
    try:
        with _local_file(job.file) as path:
            source = source_open(path, kind=kind)
    except ImportFailed:
        job.file.delete(save=False)
        raise
    job.format, job.encoding = source.format, source.encoding or ""
    job.headers = source.headers
    job.mapping = {
        header: source.mapping.columns.get(header, mappings.IGNORE) for header in source.headers
    }
    job.save()
    return job


def import_job_preview(job: ImportJob) -> dict:
    """What the mapping page shows: each column with its field, its first values, and whether
    Amity recognized it."""
    with _local_file(job.file) as path:
        source = source_open(path, kind=job.kind)
        samples = source.samples()
    guessed = mappings.detect(job.kind, job.headers)
    columns = [
        {
            "header": header,
            "field": job.mapping.get(header, mappings.IGNORE),
            "recognized": guessed.get(header, mappings.IGNORE) != mappings.IGNORE,
            "samples": [row.get(header, "") for row in samples if row.get(header, "")],
        }
        for header in job.headers
    ]
    return {"columns": columns, "fields": mappings.targets(job.kind), "rows": len(samples)}


def import_job_start(*, actor: User, job: ImportJob, mapping: dict[str, str]) -> ImportJob:
    """Confirm the mapping and queue the run (after commit)."""
    require(actor, Action.WRITE_RECORDS)
    if job.is_active:
        raise DomainError(_("This import is already running."), code="conflict")
    chosen = {h: (mapping.get(h) or mappings.IGNORE) for h in job.headers}
    job.mapping = chosen
    built = mappings.build(job.kind, job.headers, _overrides(job, job.headers))
    if not built.fills_anything:
        raise DomainError(_("Map at least one column to a field."), field="mapping")
    job.status = ImportJob.Status.QUEUED
    job.rows_done = 0
    job.error = ""
    job.report = {}
    job.finished_at = None
    job.save()
    from amity.people.importing.tasks import import_run

    job_id = job.pk
    transaction.on_commit(lambda: import_run.enqueue(job_id=job_id))
    return job


def _report(summary: ImportSummary) -> dict:
    data = summary.as_dict()
    data["rejections"] = data["rejections"][:REPORT_REJECTIONS]
    data.pop("file", None)
    data.pop("rejects_file", None)
    return data


def import_job_run(*, job_id: int) -> None:
    """The background run: import the file with the chosen mapping, recording progress after
    each batch; a finished job is left alone (a task delivered twice runs once)."""
    job = ImportJob.objects.filter(pk=job_id).select_related("created_by").first()
    if job is None or job.status in (ImportJob.Status.DONE, ImportJob.Status.DRAFT):
        return
    now = timezone.now()
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.RUNNING, started_at=now, updated_at=now, error=""
    )

    def progress(summary: ImportSummary) -> None:
        ImportJob.objects.filter(pk=job_id).update(
            rows_total=summary.rows_total,
            rows_done=summary.rows_read,
            report=_report(summary),
            updated_at=timezone.now(),
        )

    with tempfile.TemporaryDirectory() as scratch:
        rejects = Path(scratch) / f"{Path(job.original_name).stem or 'import'}.rejects.csv"
        try:
            with _local_file(job.file) as path:
                source: Source = source_open(
                    path, kind=job.kind, overrides=_overrides(job, job.headers)
                )
                summary = import_source(
                    source,
                    actor=job.created_by,
                    actor_label="import",
                    rejects_path=rejects,
                    progress=progress,
                )
        except DomainError as error:
            ImportJob.objects.filter(pk=job_id).update(
                status=ImportJob.Status.FAILED, error=error.message, finished_at=timezone.now()
            )
            return
        except Exception:
            ImportJob.objects.filter(pk=job_id).update(
                status=ImportJob.Status.FAILED,
                error=_("The import stopped unexpectedly; the rows written so far are kept."),
                finished_at=timezone.now(),
            )
            raise
        job.refresh_from_db()
        if summary.rejects_file:
            with rejects.open("rb") as handle:
                job.rejects_file.save(rejects.name, File(handle), save=False)
    job.status = ImportJob.Status.DONE
    job.rows_total, job.rows_done = summary.rows_total, summary.rows_read
    job.report = _report(summary)
    job.finished_at = timezone.now()
    job.save()
