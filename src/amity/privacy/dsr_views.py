"""Pages for data-subject requests: the request log (due dates, overdue first in sight), a
person's export (JSON file or readable summary), the erasure confirmation page, and the
retention policies (administrators)."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.core.errors import DomainError
from amity.core.page_access import action_required, reader_required
from amity.core.permissions import Action, PermissionDenied
from amity.people import selectors as people_selectors
from amity.privacy import jurisdictions, requests
from amity.privacy.erasure import is_erased, person_erase, require_eraser
from amity.privacy.exporting import person_export
from amity.privacy.forms_dsr import ErasureConfirmForm, RetentionPolicyForm
from amity.privacy.models import RetentionPolicy
from amity.privacy.retention import retention_policy_set, retention_run

LISTED = 500


@reader_required(methods=["GET"])
def request_list(request):
    """Data-subject requests, soonest due first; overdue ones marked."""
    open_only = request.GET.get("open") == "1"
    rows = list(requests.requests_listed(requests.RequestFilters(open_only=open_only))[:LISTED])
    now = timezone.now()
    listed = [(row, requests.is_overdue(row, now)) for row in rows]
    return render(request, "privacy/dsr_requests.html", {"listed": listed, "open_only": open_only})


@reader_required(methods=["GET"])
def contact_export(request, contact_id: int):
    """The export as a JSON download, or ``?format=html``: the summary in their language."""
    contact = people_selectors.contact_get(contact_id, user=request.user)
    export = person_export(contact=contact, actor=request.user, channel="ui")
    if request.GET.get("format") == "html":
        return HttpResponse(export.html, content_type="text/html; charset=utf-8")
    response = HttpResponse(
        json.dumps(export.data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="contact-{contact.pk}.json"'
    return response


@reader_required(methods=["GET", "POST"])
def contact_erase(request, contact_id: int):
    """Confirm by typing the person's name; managers and administrators only."""
    contact = people_selectors.contact_get(contact_id, user=request.user)
    require_eraser(request.user)
    if is_erased(contact.pk):
        messages.info(request, _("This contact has already been erased."))
        return redirect("contact_detail", contact.pk)
    form = ErasureConfirmForm(request.POST or None, expected=contact.full_name)
    if request.method == "POST" and form.is_valid():
        try:
            person_erase(contact=contact, actor=request.user, reason="request", channel="ui")
        except (DomainError, PermissionDenied) as error:
            form.add_error(None, getattr(error, "message", _("You may not erase contacts.")))
        else:
            messages.success(
                request, _("Contact #%(id)s was erased everywhere.") % {"id": contact.pk}
            )
            return redirect("contact_detail", contact.pk)
    return render(request, "privacy/dsr_erase.html", {"contact": contact, "form": form})


@action_required(Action.MANAGE_SETTINGS, methods=["GET", "POST"])
def retention(request):
    """Retention policies (administrators): set one, see what a run would affect, run it now
    in the background."""
    form = RetentionPolicyForm(
        request.POST if request.POST.get("do") == "save" else None,
        subjects=RetentionPolicy.Subject.choices,
        regimes=[(r.code, f"{r.code}: {r.name}") for r in jurisdictions.REGIMES],
    )
    if request.method == "POST" and request.POST.get("do") == "run":
        from amity.privacy.tasks import retention_apply

        retention_apply.enqueue()
        messages.success(request, _("The retention run was queued."))
        return redirect("privacy_retention")
    if request.method == "POST" and form.is_valid():
        try:
            retention_policy_set(**form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The retention policy was saved."))
            return redirect("privacy_retention")
    context = {
        "form": form,
        "policies": RetentionPolicy.objects.all(),
        "report": retention_run(dry_run=True),
    }
    return render(request, "privacy/retention.html", context)
