"""Pages for segments: the list with live member counts, the rule builder with a live count,
a segment's page (its rules in plain words, members a page at a time, downloads), static
lists' members, and "Add to list" on a contact's page.

Everyone signed in with a role may read and download; writing needs ``records.write`` (403
otherwise, for every POST)."""

import io
import tempfile
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.db import DatabaseError, transaction
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from amity.core.audit_hooks import audit
from amity.core.crypto import sensitive_readable_by
from amity.core.errors import DomainError
from amity.core.pagination import Ordering, requested_page
from amity.core.permissions import PermissionDenied
from amity.people import exporting, segments, selectors
from amity.people.models import Contact, Segment
from amity.people.segment_forms import AddToListForm, RulesForm, SegmentForm
from amity.people.segment_words import rules_in_words
from amity.people.views import _readers_only, _writers_only, can_write

SEGMENTS_SHOWN = 200
MEMBER_PAGE_SIZE = 50
MEMBER_ORDERING = Ordering(("sort_name", "id"))
EXPORT_BATCH = 500
MAX_REMOVED = 1000
# Malformed rules some field functions do not yet turn into a DomainError (see the issue
# note); the pages report them as unreadable rules instead of failing.
UNREADABLE_RULES = (AttributeError, KeyError, TypeError, ValueError)


def _segment(segment_id: int) -> Segment:
    segment = Segment.objects.select_related("owner").filter(pk=segment_id).first()
    if segment is None:
        raise Http404
    return segment


def _checked(rules: dict) -> None:
    """DomainError with a reason for rules the service cannot read (even those its field
    functions do not yet explain)."""
    try:
        segments.rules_q(rules)
    except DomainError:
        raise
    except UNREADABLE_RULES:
        raise DomainError(
            _("These rules cannot be read; check each rule's value."), field="rules"
        ) from None


def _count(contacts) -> int | None:
    """A live count, or None when the rules cannot be evaluated now (a custom field they
    test was removed, a value the database refuses): the page shows "—" for it."""
    try:
        with transaction.atomic():  # a failed count must not spoil the rest of the request
            return contacts.count()
    except (DomainError, DatabaseError, *UNREADABLE_RULES):
        return None


def _members(segment: Segment, user):
    """The segment's contacts ``user`` sees, or None when its rules cannot be evaluated now."""
    try:
        return segments.segment_contacts(segment, user=user)
    except (DomainError, *UNREADABLE_RULES):
        return None


@login_required
def segment_list(request):
    _readers_only(request)
    shown = list(
        Segment.objects.select_related("owner").order_by("name", "id")[: SEGMENTS_SHOWN + 1]
    )
    counts = segments.segment_counts(shown[:SEGMENTS_SHOWN], user=request.user)
    rows = [(segment, counts.get(segment.pk)) for segment in shown[:SEGMENTS_SHOWN]]
    return render(
        request,
        "people/segment_list.html",
        {"rows": rows, "more": len(shown) > SEGMENTS_SHOWN, "can_write": can_write(request.user)},
    )


def _preview(rules_form: RulesForm, user) -> dict:
    """The live count of the rules being edited, or the reason they cannot be counted."""
    if not rules_form.has_rules():
        return {"empty": True}
    rules = rules_form.rules()
    if rules is None:
        return {"errors": rules_form.rule_errors or [_("Some rules are not complete.")]}
    try:
        _checked(rules)
        count = _count(segments.contacts_for_rules(rules, user=user))
    except DomainError as error:
        return {"errors": [error.message]}
    if count is None:
        return {"errors": [_("These rules cannot be counted now.")]}
    return {"count": count}


def _save(request, form: SegmentForm, rules_form: RulesForm | None, segment=None, kind=""):
    """Create or change through the service: (the segment, None), or (None, the reason the
    rules were refused) with other errors on the form. Nothing is saved on any error."""
    if not form.is_valid():
        return None, ""
    rules = None
    if rules_form is not None:
        rules = rules_form.rules()
        if rules is None:
            return None, ""
    data = form.cleaned_data
    try:
        if rules is not None:
            _checked(rules)
        if segment is None:
            created = segments.segment_create(
                actor=request.user,
                name=data["name"],
                kind=kind,
                rules=rules,
                description=data["description"],
            )
            return created, ""
        updated = segments.segment_update(
            actor=request.user,
            segment=segment,
            name=data["name"],
            rules=rules,
            description=data["description"],
        )
        return updated, ""
    except PermissionDenied:
        raise Forbidden from None
    except DomainError as error:
        if error.field == "rules" and rules_form is not None:
            return None, error.message
        form.show_error(error)
        return None, ""


def _editor(request, *, segment: Segment | None, kind: str):
    """The create and edit pages: builder buttons re-render, "Save" saves."""
    posted = request.method == "POST"
    action = request.POST.get("action", "save") if posted else ""
    if action == "save":
        form = SegmentForm(request.POST, segment=segment)
    elif posted:  # a builder button: keep what was typed, judge it only on "Save"
        typed = {name: request.POST.get(name, "") for name in ("name", "description")}
        form = SegmentForm(initial=typed)
    else:
        form = SegmentForm(segment=segment)
    rules_form = None
    if kind == Segment.Kind.RULES:
        rules_form = RulesForm(
            request.POST if posted else None,
            rules=segment.rules if segment else None,
            url=request.path,
        )
    if posted and action != "save" and rules_form is not None:
        rules_form.rebuild(action)
    preview = _preview(rules_form, request.user) if rules_form is not None else None
    if posted and action == "save":
        saved, problem = _save(request, form, rules_form, segment=segment, kind=kind)
        if saved is not None:
            message = _("Segment %(name)s saved.") if segment else _("Segment %(name)s created.")
            messages.success(request, message % {"name": saved.name})
            return redirect("segment_detail", saved.pk)
        if rules_form is not None:
            problems = [*preview.get("errors", []), *rules_form.rule_errors, problem]
            if any(problems):
                preview = {"errors": list(dict.fromkeys(p for p in problems if p))}
    template = "people/segment_form.html"
    if request.htmx and request.htmx.target == "rule-builder":
        template = "people/segment_form.html#builder"
    return render(
        request,
        template,
        {
            "form": form,
            "rules_form": rules_form,
            "segment": segment,
            "kind": kind,
            "preview": preview,
            "failed": posted and action == "save",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def segment_create(request):
    _writers_only(request)
    kind = request.POST.get("kind") or request.GET.get("kind") or Segment.Kind.RULES
    if kind not in Segment.Kind.values:
        kind = Segment.Kind.RULES
    return _editor(request, segment=None, kind=kind)


@login_required
@require_http_methods(["GET", "POST"])
def segment_edit(request, segment_id: int):
    _writers_only(request)
    segment = _segment(segment_id)
    return _editor(request, segment=segment, kind=segment.kind)


@login_required
@require_POST
def segment_preview(request):
    """The live count while rules are edited (and the builder's rules as JSON)."""
    _writers_only(request)
    rules_form = RulesForm(request.POST)
    return render(
        request,
        "people/segment_count.html",
        {"preview": _preview(rules_form, request.user), "rules_form": rules_form, "oob": True},
    )


@login_required
def segment_detail(request, segment_id: int):
    _readers_only(request)
    segment = _segment(segment_id)
    members = _members(segment, request.user)
    page, cursor = None, ""
    if members is not None:
        listed = members.prefetch_related("emails")
        try:
            page, cursor = requested_page(
                listed, request.GET, ordering=MEMBER_ORDERING, limit=MEMBER_PAGE_SIZE
            )
        except DatabaseError:
            page = None
    partial = bool(request.htmx and request.htmx.target == "segment-members")
    template = "people/segment_detail.html#members" if partial else "people/segment_detail.html"
    return render(
        request,
        template,
        {
            "segment": segment,
            "words": (
                rules_in_words(segment.rules)
                if segment.kind == Segment.Kind.RULES and not partial
                else None
            ),
            "count": _count(members) if members is not None and not partial else None,
            "page": page,
            "cursor": cursor,
            "can_write": can_write(request.user),
            "is_static": segment.kind == Segment.Kind.STATIC,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def segment_delete(request, segment_id: int):
    _writers_only(request)
    segment = _segment(segment_id)
    if request.method == "POST":
        name = segment.name
        try:
            segments.segment_delete(actor=request.user, segment=segment)
        except PermissionDenied:
            raise Forbidden from None
        messages.success(request, _("Segment %(name)s deleted.") % {"name": name})
        return redirect("segment_list")
    return render(request, "people/segment_delete.html", {"segment": segment})


@login_required
@require_POST
def segment_members_remove(request, segment_id: int):
    """Remove the ticked contacts from a static list."""
    _writers_only(request)
    segment = _segment(segment_id)
    picked = request.POST.getlist("contact")[:MAX_REMOVED]
    ids = [int(value) for value in picked if value.isdigit() and len(value) < 19]
    if not ids:
        messages.error(request, _("Tick the contacts to remove first."))
        return redirect("segment_detail", segment.pk)
    before = segment.members.count()
    try:
        after = segments.segment_members_change(actor=request.user, segment=segment, remove=ids)
    except PermissionDenied:
        raise Forbidden from None
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("segment_detail", segment.pk)
    messages.success(
        request,
        ngettext(
            "%(count)s contact removed from %(name)s.",
            "%(count)s contacts removed from %(name)s.",
            before - after,
        )
        % {"count": before - after, "name": segment.name},
    )
    return redirect("segment_detail", segment.pk)


@login_required
@require_http_methods(["GET", "POST"])
def segment_contact_lists(request, contact_id: int):
    """A contact's static lists, and "Add to list" (loaded into the contact's page)."""
    _readers_only(request)
    contact = Contact.objects.only("full_name", "languages").filter(pk=contact_id).first()
    if contact is None:
        raise Http404
    form = AddToListForm(request.POST or None, contact_id=contact_id)
    if request.method == "POST":
        _writers_only(request)
        if form.is_valid():
            segment = form.cleaned_data["segment"]
            try:
                segments.segment_members_change(
                    actor=request.user, segment=segment, add=[contact_id]
                )
            except PermissionDenied:
                raise Forbidden from None
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Added to the list %(name)s.") % {"name": segment.name})
            return redirect(reverse("contact_detail", args=[contact_id]) + "#lists")
    template = "people/segment_contact_lists.html"
    if request.htmx:
        template = "people/segment_contact_lists.html#panel"
    return render(
        request,
        template,
        {
            "contact_id": contact_id,
            "contact": contact,
            "lists": Segment.objects.filter(kind=Segment.Kind.STATIC, members__id=contact_id),
            "form": form,
            "can_write": can_write(request.user),
        },
    )


# Downloads: exactly the segment's members, in the same formats as `amity export`


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


@login_required
def segment_export(request, segment_id: int, file_format: str):
    """The segment's members as CSV, XLSX or vCard (``?version=3.0`` for old address books)."""
    _readers_only(request)
    if file_format not in exporting.FORMATS:
        raise Http404
    segment = _segment(segment_id)
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
