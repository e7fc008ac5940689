"""Periodic jobs: a tiny registry that the background worker consults.

Apps register a job in their ``AppConfig.ready``::

    periodic("privacy.retention", every=timedelta(days=1), task=retention_apply)

``amity worker`` calls :func:`schedule_enqueue_due` when it starts and then every minute; a job
whose last run (a ``core.PeriodicRun`` row) is older than ``every`` is enqueued on the normal
task queue. Claiming a run is a compare-and-set update of that row, so several workers (or a
worker beside ``amity serve``) enqueue each due run exactly once.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    task: object  # a django.tasks Task (anything with .enqueue())


_JOBS: dict[str, PeriodicJob] = {}


def periodic(name: str, *, every: timedelta, task) -> None:
    """Register ``task`` to be enqueued every ``every`` (registering a name again replaces it)."""
    if every <= timedelta(0):
        raise ValueError("every must be positive")
    _JOBS[name] = PeriodicJob(name=name, every=every, task=task)


def periodic_jobs() -> list[PeriodicJob]:
    """The registered jobs, by name."""
    return [_JOBS[name] for name in sorted(_JOBS)]


def _last_run(name: str):
    """The job's row (created on first sight; a race to create it is harmless)."""
    from amity.core.models import PeriodicRun

    try:
        with transaction.atomic():
            run, _created = PeriodicRun.objects.get_or_create(name=name)
    except IntegrityError:  # another worker created the row first
        run = PeriodicRun.objects.get(name=name)
    return run


def _take(job: PeriodicJob, run, now: datetime) -> bool:
    """Move the job's last run to ``now`` if it is due as ``run`` was read; True only for the
    one caller whose read was still current (a compare-and-set: of several workers that read
    the same last run, one wins)."""
    from amity.core.models import PeriodicRun

    if run.last_run_at is not None and now - run.last_run_at < job.every:
        return False
    updated = PeriodicRun.objects.filter(pk=run.pk, last_run_at=run.last_run_at).update(
        last_run_at=now
    )
    return updated == 1


def schedule_enqueue_due(*, now: datetime | None = None) -> list[str]:
    """Enqueue every registered job that is due; returns the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in periodic_jobs():
        with transaction.atomic():
            if not _take(job, _last_run(job.name), now):
                continue
            job.task.enqueue()
        enqueued.append(job.name)
        logger.info("Enqueued periodic job %s", job.name)
    return enqueued
