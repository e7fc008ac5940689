"""``amity export contacts|organizations --format csv|xlsx|vcf``: thin; see people.exporting."""

import io
import sys
from contextlib import ExitStack
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amity.people import exporting


class Command(BaseCommand):
    help = _("Export contacts or organizations as CSV, XLSX or vCard")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["contacts", "organizations"])
        parser.add_argument("--format", choices=exporting.FORMATS, default="csv")
        parser.add_argument(
            "--output", "-o", default="-", help=_("The file to write; - (the default) for stdout")
        )
        parser.add_argument(
            "--vcard-version",
            choices=exporting.VCARD_VERSIONS,
            default="4.0",
            help=_("vCard version for --format vcf"),
        )

    def handle(self, *args, **options):
        kind, file_format, output = options["kind"], options["format"], options["output"]
        if kind == "organizations" and file_format == "vcf":
            raise CommandError(_("vCards hold people; export organizations as CSV or XLSX."))
        rows = exporting.contact_rows() if kind == "contacts" else exporting.organization_rows()
        to_stdout = output == "-"
        with ExitStack() as stack:
            if file_format == "xlsx":
                buffer = io.BytesIO() if to_stdout else stack.enter_context(Path(output).open("wb"))
                count = exporting.write_xlsx(rows, buffer, title=kind)
                if to_stdout:
                    sys.stdout.buffer.write(buffer.getvalue())
                    sys.stdout.buffer.flush()
            else:
                # A file gets a BOM, so spreadsheets read the CSV as UTF-8; a pipe gets none.
                encoding = "utf-8-sig" if file_format == "csv" else "utf-8"
                stream = (
                    self.stdout
                    if to_stdout
                    else stack.enter_context(Path(output).open("w", encoding=encoding, newline=""))
                )
                if file_format == "csv":
                    count = exporting.write_csv(rows, stream)
                else:
                    count = exporting.write_vcards(stream, version=options["vcard_version"])
        if not to_stdout:
            self.stderr.write(
                ngettext(
                    "Wrote %(count)s record to %(path)s.",
                    "Wrote %(count)s records to %(path)s.",
                    count,
                )
                % {"count": count, "path": output}
            )
