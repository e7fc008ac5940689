"""Background work of the privacy app (thin: calls the services)."""

from django.tasks import task

from amity.privacy.retention import retention_run


@task()
def retention_apply() -> dict:
    """The periodic retention run; its result is the report (counts, no personal data)."""
    return retention_run(dry_run=False).as_dict()
