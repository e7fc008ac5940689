"""The cultural guidance panel of contact and organization pages (loaded by HTMX) and the
page that edits an organization's or contact's preferences (writers only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from amity.core.errors import DomainError, NotFound
from amity.core.permissions import PermissionDenied
from amity.people import guidance, selectors
from amity.people.guidance_forms import GuidancePreferencesForm
from amity.people.views import _readers_only, _writers_only, can_write


def _contact(request, contact_id: int):
    try:
        return selectors.contact_get(contact_id, user=request.user)
    except NotFound:
        raise Http404 from None


def _organization(request, organization_id: int):
    try:
        return selectors.organization_get(organization_id, user=request.user)
    except NotFound:
        raise Http404 from None


def _panel(request, context: dict):
    template = "people/guidance_panel.html"
    if request.htmx:
        template += "#panel"
    return render(request, template, {**context, "can_write": can_write(request.user)})


@login_required
def contact_guidance_panel(request, contact_id: int):
    """The contact's merged guidance, each field marked with where it came from."""
    _readers_only(request)
    contact = _contact(request, contact_id)
    return _panel(
        request,
        {
            "record": contact,
            "kind": "contact",
            "merged": guidance.contact_guidance(contact),
            "edit_url": reverse("contact_guidance_edit", args=[contact.pk]),
            "record_url": reverse("contact_detail", args=[contact.pk]),
        },
    )


@login_required
def organization_guidance_panel(request, organization_id: int):
    _readers_only(request)
    organization = _organization(request, organization_id)
    return _panel(
        request,
        {
            "record": organization,
            "kind": "organization",
            "merged": guidance.organization_guidance(organization),
            "edit_url": reverse("organization_guidance_edit", args=[organization.pk]),
            "record_url": reverse("organization_detail", args=[organization.pk]),
        },
    )


def _edit(request, *, record, kind: str, record_url: str):
    owner = {kind: record}
    form = GuidancePreferencesForm(
        request.POST or None, preferences=guidance.guidance_preferences(**owner)
    )
    if request.method == "POST" and form.is_valid():
        try:
            guidance.guidance_preferences_set(
                actor=request.user, changes=form.changes(), replace=True, **owner
            )
        except PermissionDenied:
            raise Forbidden from None
        except DomainError as error:
            form.show_error(error)
        else:
            messages.success(request, _("Guidance preferences saved."))
            return redirect(record_url + "#guidance")
    return render(
        request,
        "people/guidance_form.html",
        {"form": form, "record": record, "kind": kind, "record_url": record_url},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_guidance_edit(request, contact_id: int):
    """Record the contact's own preferences (they win over every other layer)."""
    _writers_only(request)
    contact = _contact(request, contact_id)
    return _edit(
        request,
        record=contact,
        kind="contact",
        record_url=reverse("contact_detail", args=[contact.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def organization_guidance_edit(request, organization_id: int):
    _writers_only(request)
    organization = _organization(request, organization_id)
    return _edit(
        request,
        record=organization,
        kind="organization",
        record_url=reverse("organization_detail", args=[organization.pk]),
    )
