"""Periodic jobs: the worker enqueues the retention run once a day, once for all workers."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from amity.core.models import PeriodicRun
from amity.core.schedule import _last_run, _take, periodic_jobs, schedule_enqueue_due

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RETENTION = "amity.privacy.tasks.retention_apply"
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _queued() -> list[str]:
    return [row.task_path for row in DBTaskResult.objects.order_by("id")]


def test_privacy_registers_the_daily_retention_run():
    jobs = {job.name: job for job in periodic_jobs()}
    assert jobs["privacy.retention"].every == timedelta(days=1)
    assert jobs["privacy.retention"].task.module_path == RETENTION


@pytest.mark.django_db
def test_a_due_job_is_enqueued_once_and_not_again_until_a_day_later(settings):
    settings.TASKS = DB_QUEUE

    assert schedule_enqueue_due(now=NOON) == ["privacy.retention"]
    assert schedule_enqueue_due(now=NOON + timedelta(hours=23, minutes=59)) == []

    assert _queued() == [RETENTION]
    assert PeriodicRun.objects.get(name="privacy.retention").last_run_at == NOON
    assert schedule_enqueue_due(now=NOON + timedelta(days=1)) == ["privacy.retention"]
    assert _queued() == [RETENTION, RETENTION]


@pytest.mark.django_db
def test_a_job_not_due_is_not_enqueued(settings):
    settings.TASKS = DB_QUEUE
    PeriodicRun.objects.create(name="privacy.retention", last_run_at=NOON)

    assert schedule_enqueue_due(now=NOON + timedelta(hours=2)) == []
    assert _queued() == []


@pytest.mark.django_db
def test_of_two_workers_that_read_the_same_last_run_only_one_takes_it():
    job = next(job for job in periodic_jobs() if job.name == "privacy.retention")
    seen_by_first = _last_run(job.name)
    seen_by_second = _last_run(job.name)

    assert _take(job, seen_by_first, NOON) is True
    assert _take(job, seen_by_second, NOON + timedelta(seconds=1)) is False
    assert PeriodicRun.objects.get(name=job.name).last_run_at == NOON


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_the_same_moment_enqueue_it_once(settings):
    if connection.vendor == "sqlite":
        # The SQLite test database is in memory with a shared cache, where a second writer
        # gets "table is locked" at once instead of waiting as on a file (WAL, busy timeout);
        # the compare-and-set itself is tested above on every database.
        pytest.skip("SQLite's in-memory test database does not wait for a writer's lock")
    settings.TASKS = DB_QUEUE
    barrier = threading.Barrier(2)
    results: list[list[str]] = []

    def worker():
        try:
            barrier.wait()
            results.append(schedule_enqueue_due(now=NOON))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [[], ["privacy.retention"]]
    assert _queued() == [RETENTION]


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_due_retention_job(settings):
    settings.TASKS = DB_QUEUE

    call_command("worker", batch=True)

    assert PeriodicRun.objects.get(name="privacy.retention").last_run_at is not None
    [result] = DBTaskResult.objects.all()
    assert result.task_path == RETENTION
    assert result.status == "SUCCESSFUL"
    call_command("worker", batch=True)  # not due again: nothing new is queued
    assert DBTaskResult.objects.count() == 1
