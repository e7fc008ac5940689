import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from amity.accounts.bootstrap import first_admin_ensure
from amity.core.demo import DemoContext, database_is_empty, load_demo


class Command(BaseCommand):
    help = _("Apply migrations, create the first admin, and serve the web UI, API and a worker")

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help=_("Address to listen on"))
        parser.add_argument("--port", type=int, default=8000, help=_("Port to listen on"))
        parser.add_argument(
            "--demo", action="store_true", help=_("Load demo data when the database is empty")
        )
        parser.add_argument("--contacts", type=int, default=None, help=_("Number of demo contacts"))
        parser.add_argument("--web-workers", type=int, default=1, help=_("Web server processes"))
        parser.add_argument(
            "--no-worker", action="store_true", help=_("Do not start a background worker")
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        admin, password = first_admin_ensure()
        if admin is not None and password:
            self.stdout.write(
                _("Created administrator %(username)s with one-time password: %(password)s")
                % {"username": admin.username, "password": password}
            )
        if options["demo"] and database_is_empty():
            context = DemoContext(progress=lambda name: None)
            if options["contacts"] is not None:
                context.contacts = options["contacts"]
            load_demo(context)
            self.stdout.write(
                _("Demo data loaded; demo users' password: %(password)s")
                % {"password": context.created.get("demo_password", "")}
            )
        worker = None
        if not options["no_worker"]:
            worker = subprocess.Popen([sys.executable, "-m", "amity", "worker"])
        self.stdout.write(
            _("Amity is ready at http://%(host)s:%(port)s/ (started in %(seconds).1f s)")
            % {
                "host": options["host"],
                "port": options["port"],
                "seconds": time.monotonic() - started,
            }
        )
        self.stdout.flush()
        try:
            self._serve(options["host"], options["port"], options["web_workers"])
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()

    def _serve(self, host: str, port: int, workers: int) -> None:
        from granian.constants import Interfaces
        from granian.server import Server

        Server(
            "amity.wsgi:application",
            address=host,
            port=port,
            interface=Interfaces.WSGI,
            workers=workers,
            log_access=settings.DEBUG,
        ).serve()
