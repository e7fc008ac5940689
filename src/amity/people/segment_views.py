"""Pages for segments: the list with live member counts, a segment's page (its rules in plain
words, members a page at a time), deleting it, static lists' members, and "Add to list" on a
contact's page. The rule builder is in ``segment_editor_views``, downloads in
``segment_export_views``.

Everyone signed in with a role may read and download; writing needs ``records.write`` (403
otherwise, for every POST)."""

from django.contrib import messages
from django.db import DatabaseError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amity.core.errors import DomainError
from amity.core.page_access import can_write, reader_required, writer_required
from amity.core.pagination import Ordering, requested_page
from amity.core.permissions import Action, require
from amity.people import segments
from amity.people.models import Contact, Segment
from amity.people.segment_forms import AddToListForm
from amity.people.segment_words import rules_in_words

SEGMENTS_SHOWN = 200
MEMBER_PAGE_SIZE = 50
MEMBER_ORDERING = Ordering(("sort_name", "id"))
MAX_REMOVED = 1000
# Malformed rules some field functions do not yet turn into a DomainError (see the issue
# note); the pages report them as unreadable rules instead of failing.
UNREADABLE_RULES = (AttributeError, KeyError, TypeError, ValueError)


def segment_or_404(segment_id: int) -> Segment:
    """The segment with its owner, or the 404 page."""
    return get_object_or_404(Segment.objects.select_related("owner"), pk=segment_id)


def live_count(contacts) -> int | None:
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


@reader_required
def segment_list(request):
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


@reader_required
def segment_detail(request, segment_id: int):
    segment = segment_or_404(segment_id)
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
            "count": live_count(members) if members is not None and not partial else None,
            "page": page,
            "cursor": cursor,
            "can_write": can_write(request.user),
            "is_static": segment.kind == Segment.Kind.STATIC,
        },
    )


@writer_required(methods=["GET", "POST"])
def segment_delete(request, segment_id: int):
    segment = segment_or_404(segment_id)
    if request.method == "POST":
        name = segment.name
        segments.segment_delete(actor=request.user, segment=segment)
        messages.success(request, _("Segment %(name)s deleted.") % {"name": name})
        return redirect("segment_list")
    return render(request, "people/segment_delete.html", {"segment": segment})


@writer_required(methods=["POST"])
def segment_members_remove(request, segment_id: int):
    """Remove the ticked contacts from a static list."""
    segment = segment_or_404(segment_id)
    picked = request.POST.getlist("contact")[:MAX_REMOVED]
    ids = [int(value) for value in picked if value.isdigit() and len(value) < 19]
    if not ids:
        messages.error(request, _("Tick the contacts to remove first."))
        return redirect("segment_detail", segment.pk)
    before = segment.members.count()
    try:
        after = segments.segment_members_change(actor=request.user, segment=segment, remove=ids)
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


@reader_required(methods=["GET", "POST"])
def segment_contact_lists(request, contact_id: int):
    """A contact's static lists, and "Add to list" (loaded into the contact's page)."""
    contact = get_object_or_404(Contact.objects.only("full_name", "languages"), pk=contact_id)
    form = AddToListForm(request.POST or None, contact_id=contact_id)
    if request.method == "POST":
        require(request.user, Action.WRITE_RECORDS)
        if form.is_valid():
            segment = form.cleaned_data["segment"]
            try:
                segments.segment_members_change(
                    actor=request.user, segment=segment, add=[contact_id]
                )
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
