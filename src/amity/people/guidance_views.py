"""The cultural guidance panel of contact and organization pages (loaded by HTMX) and the
page that edits an organization's or contact's preferences (writers only)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from amity.core.errors import DomainError
from amity.core.page_access import can_write, reader_required, writer_required
from amity.people import guidance, selectors
from amity.people.guidance_forms import GuidancePreferencesForm


def _panel(request, context: dict):
    template = "people/guidance_panel.html"
    if request.htmx:
        template += "#panel"
    return render(request, template, {**context, "can_write": can_write(request.user)})


@reader_required
def contact_guidance_panel(request, contact_id: int):
    """The contact's merged guidance, each field marked with where it came from."""
    contact = selectors.contact_get(contact_id, user=request.user)
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


@reader_required
def organization_guidance_panel(request, organization_id: int):
    organization = selectors.organization_get(organization_id, user=request.user)
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


@writer_required(methods=["GET", "POST"])
def contact_guidance_edit(request, contact_id: int):
    """Record the contact's own preferences (they win over every other layer)."""
    contact = selectors.contact_get(contact_id, user=request.user)
    return _edit(
        request,
        record=contact,
        kind="contact",
        record_url=reverse("contact_detail", args=[contact.pk]),
    )


@writer_required(methods=["GET", "POST"])
def organization_guidance_edit(request, organization_id: int):
    organization = selectors.organization_get(organization_id, user=request.user)
    return _edit(
        request,
        record=organization,
        kind="organization",
        record_url=reverse("organization_detail", args=[organization.pk]),
    )
