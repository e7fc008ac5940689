import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.utils.translation import gettext as _

from amity.core.schedule import schedule_enqueue_due

# How often a running worker looks for due periodic jobs (amity.core.schedule).
SCHEDULE_INTERVAL_SECONDS = 60


def _schedule_loop(stop: threading.Event) -> None:
    """Enqueue due periodic jobs until ``stop`` is set (runs in its own thread)."""
    try:
        while not stop.wait(SCHEDULE_INTERVAL_SECONDS):
            try:
                schedule_enqueue_due()
            except Exception:  # a failed tick must not stop the worker; the next one retries
                import logging

                logging.getLogger(__name__).exception("Periodic jobs could not be enqueued")
    finally:
        connection.close()


class Command(BaseCommand):
    help = _("Run a background worker for queued tasks")

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help=_("Run the queued tasks, then exit")
        )

    def handle(self, *args, **options):
        # Periodic jobs that are due are queued first, so a batch run also performs them.
        schedule_enqueue_due()
        stop = threading.Event()
        if not options["batch"]:
            threading.Thread(target=_schedule_loop, args=(stop,), daemon=True).start()
        try:
            self._run(batch=options["batch"])
        finally:
            stop.set()

    def _run(self, *, batch: bool) -> None:
        if settings.REDIS_URL:
            rq_options = {"burst": True} if batch else {}
            call_command("rqworker", "default", job_class="django_tasks_rq.Job", **rq_options)
        else:
            db_options = {"batch": True} if batch else {}
            call_command("db_worker", **db_options)
