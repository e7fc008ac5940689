"""The background task behind web imports (thin: the work is in ``jobs``)."""

from django.tasks import task

from amity.people.importing.jobs import import_job_run


@task(queue_name="default")
def import_run(*, job_id: int) -> None:
    """Run a queued web import; safe to run twice (a finished job is left alone)."""
    import_job_run(job_id=job_id)
