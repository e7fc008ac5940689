"""``amity import contacts|organizations FILE``: thin; the work is in people.importing."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _
from tqdm import tqdm

from amity.accounts.models import User
from amity.core.errors import DomainError
from amity.people.importing import (
    KINDS,
    ImportFailed,
    default_rejects_path,
    import_file,
    summary_lines,
)
from amity.people.importing.mapping import mapping_file_read
from amity.people.importing.runner import BATCH_SIZE

# Exit status when the file could not be processed at all (rejected rows still exit 0).
UNPROCESSABLE = 2


class Command(BaseCommand):
    requires_system_checks = []  # a data command: the checks are `amity check`'s job
    help = _("Import contacts or organizations from a CSV, XLSX or vCard file")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS, help=_("What the file holds"))
        parser.add_argument("file", help=_("A .csv, .xlsx or .vcf file"))
        parser.add_argument(
            "--mapping",
            help=_('A JSON file {"Column header": "field"} (or a header,field CSV)'),
        )
        parser.add_argument(
            "--rejects",
            help=_("Where to write the rejected rows (default: FILE.rejects.csv beside it)"),
        )
        parser.add_argument("--encoding", help=_("The CSV encoding, when detection guesses wrong"))
        parser.add_argument("--user", help=_("The user the import acts as (its events name them)"))
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=_("Rows written per transaction"),
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help=_(
                "Processes validating rows while others are written (default: one per core "
                "for large files; 0: none)"
            ),
        )
        parser.add_argument("--json", action="store_true", help=_("Print the summary as JSON"))

    def handle(self, *args, **options):
        try:
            summary = self._import(options)
        except DomainError as error:
            raise CommandError(error.message, returncode=UNPROCESSABLE) from error
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False))
        else:
            for line in summary_lines(summary):
                self.stdout.write(line)

    def _import(self, options):
        overrides = mapping_file_read(options["mapping"]) if options["mapping"] else None
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"], is_active=True).first()
            if actor is None:
                raise ImportFailed(
                    _("There is no active user named %(name)s.") % {"name": options["user"]}
                )
        rejects = Path(options["rejects"]) if options["rejects"] else None
        bars = []  # made on the first report, when the number of rows is known

        def progress(summary):
            if not bars:
                # No monitor thread: a process with threads does not fork validating workers.
                tqdm.monitor_interval = 0
                bars.append(
                    tqdm(
                        total=summary.rows_total,
                        unit=_("rows"),
                        file=sys.stderr,
                        disable=options["json"] or not sys.stderr.isatty(),
                        dynamic_ncols=True,
                    )
                )
            bars[0].update(summary.rows_read - bars[0].n)

        try:
            return import_file(
                options["file"],
                kind=options["kind"],
                actor=actor,
                actor_label="import",
                overrides=overrides,
                encoding=options["encoding"],
                rejects_path=rejects or default_rejects_path(options["file"]),
                batch_size=max(1, options["batch_size"]),
                workers=options["workers"],
                progress=progress,
            )
        except DatabaseError as error:
            raise ImportFailed(
                _(
                    "The import stopped: %(error)s. The rows written so far are kept; run it "
                    "again to complete it."
                )
                % {"error": error}
            ) from error
        finally:
            for bar in bars:
                bar.close()
