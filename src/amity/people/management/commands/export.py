"""``amity export contacts|organizations --format csv|xlsx|vcf [--segment ID]``: thin; see
people.exporting (and people.segments for ``--segment``)."""

import io
import sys
from contextlib import ExitStack
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amity.core.audit_hooks import audit
from amity.core.errors import DomainError
from amity.people import exporting, segments
from amity.people.models import Segment
from amity.people.selectors import ContactFilters, contacts_matching


class Command(BaseCommand):
    requires_system_checks = []  # a data command: the checks are `amity check`'s job
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
        parser.add_argument(
            "--include-sensitive",
            action="store_true",
            help=_("Also export sensitive custom fields, decrypted (left out by default)"),
        )
        parser.add_argument(
            "--segment",
            type=int,
            metavar="ID",
            help=_("Export only the contacts of this segment or static list"),
        )

    def handle(self, *args, **options):
        kind, file_format, output = options["kind"], options["format"], options["output"]
        if kind == "organizations" and file_format == "vcf":
            raise CommandError(_("vCards hold people; export organizations as CSV or XLSX."))
        contacts = self._segment_contacts(options["segment"], kind)
        if kind == "contacts":
            rows = exporting.contact_rows(contacts, sensitive=options["include_sensitive"])
        else:
            rows = exporting.organization_rows()
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
                    count = exporting.write_vcards(
                        stream, version=options["vcard_version"], contacts=contacts
                    )
        audit(
            action="exported", actor_label="cli", channel="cli", subject_kind=kind,
            format=file_format, count=count, segment_id=options["segment"],
        )  # fmt: skip
        if not to_stdout:
            self.stderr.write(
                ngettext(
                    "Wrote %(count)s record to %(path)s.",
                    "Wrote %(count)s records to %(path)s.",
                    count,
                )
                % {"count": count, "path": output}
            )

    def _segment_contacts(self, segment_id: int | None, kind: str):
        """The segment's contacts (None for every contact), read in batches by id."""
        if segment_id is None:
            return None
        if kind != "contacts":
            raise CommandError(_("--segment selects contacts; export contacts with it."))
        segment = Segment.objects.filter(pk=segment_id).first()
        if segment is None:
            raise CommandError(_("No segment has the id %(id)s.") % {"id": segment_id})
        try:
            members = segments.segment_contacts(segment).values("pk")
        except DomainError as error:
            raise CommandError(
                _("The rules of segment %(id)s cannot be used: %(reason)s")
                % {"id": segment_id, "reason": error.message}
            ) from None
        except (AttributeError, KeyError, TypeError, ValueError):
            # Malformed values some rule fields do not yet report as a DomainError.
            raise CommandError(
                _("The rules of segment %(id)s cannot be read; check each rule's value.")
                % {"id": segment_id}
            ) from None
        contacts = contacts_matching(ContactFilters()).filter(pk__in=members)
        return contacts.order_by("pk").iterator(chunk_size=exporting.CHUNK)
