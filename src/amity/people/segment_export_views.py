"""Downloads of a segment: exactly its members the reader sees, in the same formats as
``amity export`` (CSV, XLSX, vCard)."""

import io
import tempfile
from collections.abc import Iterator

from django.contrib import messages
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from amity.core.audit_hooks import audit
from amity.core.crypto import sensitive_readable_by
from amity.core.errors import DomainError
from amity.core.page_access import reader_required
from amity.people import exporting, segments, selectors
from amity.people.models import Contact, Segment
from amity.people.segment_views import UNREADABLE_RULES, segment_or_404

EXPORT_BATCH = 500


def export_contacts(segment: Segment, user=None):
    """The segment's contacts ``user`` sees (None: all) with what an export writes of each, by
    id, read in batches."""
    members = segments.segment_contacts(segment, user=user)
    listed = selectors.contacts_matching(selectors.ContactFilters(), user=user)
    return listed.filter(pk__in=members.values("pk")).order_by("pk")


def _batches(contacts, size: int = EXPORT_BATCH) -> Iterator[list[Contact]]:
    batch: list[Contact] = []
    for contact in contacts.iterator(chunk_size=size):
        batch.append(contact)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _csv_stream(contacts, *, sensitive: bool = False) -> Iterator[str]:
    rows = exporting.contact_rows(contacts.iterator(chunk_size=EXPORT_BATCH), sensitive=sensitive)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so spreadsheets read the file as UTF-8
    chunk: list[list[str]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= EXPORT_BATCH:
            exporting.write_csv(chunk, buffer)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            chunk = []
    exporting.write_csv(chunk, buffer)
    yield buffer.getvalue()


def _vcard_stream(contacts, version: str) -> Iterator[str]:
    for batch in _batches(contacts):
        buffer = io.StringIO()
        exporting.write_vcards(buffer, version=version, contacts=batch)
        yield buffer.getvalue()


def _attachment(response, name: str):
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


def _sheet_title(name: str) -> str:
    """A worksheet title Excel accepts: no []:*?/\\ and at most 31 characters."""
    return "".join(c for c in name if c not in "[]:*?/\\").strip()[:31] or "contacts"


def _file_name(segment: Segment, extension: str) -> str:
    safe = "".join(c for c in segment.name if c not in '/\\:*?"<>|\r\n\t').strip() or "segment"
    return f"{safe[:100]}.{extension}"


@reader_required
def segment_export(request, segment_id: int, file_format: str):
    """The segment's members as CSV, XLSX or vCard (``?version=3.0`` for old address books)."""
    if file_format not in exporting.FORMATS:
        raise Http404
    segment = segment_or_404(segment_id)
    try:
        contacts = export_contacts(segment, request.user)
    except (DomainError, *UNREADABLE_RULES):
        messages.error(request, _("The rules of this segment cannot be read; fix them first."))
        return redirect("segment_detail", segment.pk)
    # Sensitive custom fields go out decrypted to administrators and managers only.
    sensitive = sensitive_readable_by(request.user)
    audit(
        action="exported", actor=request.user, channel="ui", subject_kind="contacts",
        format=file_format, segment_id=segment.pk,
    )  # fmt: skip
    if file_format == "csv":
        response = StreamingHttpResponse(
            _csv_stream(contacts, sensitive=sensitive), content_type="text/csv; charset=utf-8"
        )
    elif file_format == "vcf":
        version = request.GET.get("version", "4.0")
        if version not in exporting.VCARD_VERSIONS:
            version = "4.0"
        response = StreamingHttpResponse(
            _vcard_stream(contacts, version), content_type="text/vcard; charset=utf-8"
        )
    else:
        # A workbook is a zip written at the end: spool it (memory, then disk) and send it.
        spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
        exporting.write_xlsx(
            exporting.contact_rows(contacts.iterator(chunk_size=EXPORT_BATCH), sensitive=sensitive),
            spool,
            title=_sheet_title(segment.name),
        )
        spool.seek(0)
        response = FileResponse(
            spool,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    return _attachment(response, _file_name(segment, file_format))
