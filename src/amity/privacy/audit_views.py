"""The audit trail page for administrators: search by record, actor, action and period, newest
first a page at a time, and verify the hash chain on request."""

import datetime

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amity.core.errors import DomainError
from amity.core.page_access import action_required
from amity.core.permissions import Action
from amity.core.records import record_kind, record_kinds
from amity.privacy import audit

PAGE_SIZE = 50


def _subjects() -> list[tuple[str, str]]:
    """Every record kind the trail can name (amity.core.records)."""
    return [(kind.key, kind.label) for kind in record_kinds()]


class AuditSearchForm(forms.Form):
    subject_kind = forms.ChoiceField(label=_("Record"), choices=_subjects, required=False)
    subject_id = forms.IntegerField(label=_("Record id"), min_value=1, required=False)
    actor = forms.CharField(
        label=_("Actor"), max_length=40, required=False, help_text=_("user:ID, cli, system, ...")
    )
    action = forms.CharField(label=_("Action"), max_length=30, required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput({"type": "date"})
    )
    until = forms.DateField(
        label=_("To (inclusive)"), required=False, widget=forms.DateInput({"type": "date"})
    )

    def filters(self) -> audit.AuditFilters:
        """The search as filters; dates are whole days in the viewer's time zone."""
        data = self.cleaned_data
        zone = timezone.get_current_timezone()

        def start_of(day: datetime.date | None) -> datetime.datetime | None:
            return datetime.datetime.combine(day, datetime.time(), zone) if day else None

        until = data["until"] + datetime.timedelta(days=1) if data["until"] else None
        subject_id = data["subject_id"]
        return audit.AuditFilters(
            subject_kind=(data["subject_kind"] or "contact") if subject_id else "",
            subject_id=subject_id,
            actor=data["actor"].strip(),
            action=data["action"].strip(),
            since=start_of(data["since"]),
            until=start_of(until),
        )


@action_required(Action.MANAGE_SETTINGS, methods=["GET"])
def audit_trail(request):
    """Administrators only: the entries matching the search, and the chain's state."""
    form = AuditSearchForm(request.GET or None)
    page, error = None, ""
    if not request.GET or form.is_valid():
        filters = form.filters() if form.is_bound else audit.AuditFilters()
        try:
            page = audit.audit_page(filters, cursor=request.GET.get("cursor", ""), limit=PAGE_SIZE)
        except DomainError as problem:
            error = problem.message
    for entry in page.items if page else []:
        entry.details_text = audit.details_text(entry.details)
        entry.action_label = audit.ACTION_LABELS.get(entry.action, entry.action)
        entry.channel_label = audit.CHANNEL_LABELS.get(entry.channel, entry.channel)
        kind = record_kind(entry.subject_kind)
        entry.subject_url = kind.url(entry.subject_id) if kind and entry.subject_id else ""
    query = request.GET.copy()
    query.pop("cursor", None)
    query.pop("verify", None)
    context = {
        "form": form,
        "page": page,
        "error": error,
        "query": query.urlencode(),
        "verification": audit.audit_verify() if request.GET.get("verify") else None,
    }
    return render(request, "privacy/audit.html", context)
