from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _("Run a background worker for queued tasks")

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help=_("Run the queued tasks, then exit")
        )

    def handle(self, *args, **options):
        if settings.REDIS_URL:
            rq_options = {"burst": True} if options["batch"] else {}
            call_command("rqworker", "default", job_class="django_tasks_rq.Job", **rq_options)
        else:
            db_options = {"batch": True} if options["batch"] else {}
            call_command("db_worker", **db_options)
