"""The timeline panel of contact and organization pages, logging an interaction there, and
correcting or deleting one.

The record pages (people app) load the panel with HTMX; "load more" asks for the next page by
cursor and gets only the new entries. Without JavaScript the same URLs answer with a whole
page. Times show in the reader's zone with the contact's (or organization's) local time."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from amity.core.channels import Channel
from amity.core.errors import DomainError
from amity.core.page_access import can_write, reader_required, writer_required
from amity.core.permissions import Action, PermissionDenied
from amity.interactions import selectors as selectors_interactions
from amity.interactions import services
from amity.interactions.confidential import body_readable_by
from amity.interactions.forms import InteractionForm
from amity.interactions.timeline import timeline
from amity.people import selectors
from amity.people.localities import timezone_guess

TIMELINE_PAGE = 20
PREFERRED_AS = {"in_person": "meeting"}
CONTACT_CHOICES = 200


def _contact_form(request, contact, data=None) -> InteractionForm:
    organizations = [role.organization for role in contact.roles.all()]
    language = contact.languages[0] if contact.languages else ""
    # The contact's favourite channel first ("in person" is logged as a meeting).
    preferred = [PREFERRED_AS.get(c, c) for c in contact.preferred_channels]
    channel = next((c for c in preferred if c in Channel.values), "")
    return InteractionForm(
        data,
        organizations=organizations,
        language=language,
        initial={"channel": channel} if channel else {},
    )


def _organization_form(request, organization, data=None) -> InteractionForm:
    members = selectors.contacts_matching(
        selectors.ContactFilters(organization_id=organization.pk), user=request.user
    ).prefetch_related(None)
    return InteractionForm(data, contacts=list(members[:CONTACT_CHOICES]))


def _panel(request, *, record, kind: str, zone: str, form, cursor: str | None = None) -> dict:
    """What the panel templates need: one page of the timeline and where its links go."""
    scope = {"contact_ids": (record.pk,)} if kind == "contact" else {"organization_id": record.pk}
    reader = {"reader": request.user, "channel": "ui"}  # confidential summaries: see sources
    try:
        page = timeline(**scope, cursor=cursor, limit=TIMELINE_PAGE, **reader)
    except DomainError:  # a damaged cursor: start again from the newest entries
        page, cursor = timeline(**scope, limit=TIMELINE_PAGE, **reader), None
    return {
        "record": record,
        "kind": kind,
        "zone": zone,
        "form": form,
        "page": page,
        "cursor": cursor,
        "can_write": can_write(request.user),
        "timeline_url": reverse(f"{kind}_timeline", args=[record.pk]),
        "log_url": reverse(f"{kind}_interaction_log", args=[record.pk]),
        "record_url": reverse(f"{kind}_detail", args=[record.pk]),
    }


def _render_panel(request, context: dict):
    """Only new entries for "load more", the panel for the record page, else a whole page."""
    if request.htmx and context["cursor"]:
        template = "interactions/timeline_panel.html#entries"
    elif request.htmx:
        template = "interactions/timeline_panel.html#panel"
    else:
        template = "interactions/timeline_page.html"
    return render(request, template, context)


def _shows_form(request, cursor: str | None) -> bool:
    """The log form goes with the panel, not with "load more" pages; writers only."""
    return can_write(request.user) and not (request.htmx and cursor)


def _contact_zone(contact) -> str:
    return contact.timezone or timezone_guess(country=contact.country)


@reader_required
def contact_timeline(request, contact_id: int):
    contact = selectors.contact_get(contact_id, user=request.user)
    cursor = request.GET.get("cursor") or None
    context = _panel(
        request,
        record=contact,
        kind="contact",
        zone=_contact_zone(contact),
        form=_contact_form(request, contact) if _shows_form(request, cursor) else None,
        cursor=cursor,
    )
    return _render_panel(request, context)


@reader_required
def organization_timeline(request, organization_id: int):
    organization = selectors.organization_get(organization_id, user=request.user)
    cursor = request.GET.get("cursor") or None
    wants_form = _shows_form(request, cursor)
    context = _panel(
        request,
        record=organization,
        kind="organization",
        zone=timezone_guess(country=organization.country),
        form=_organization_form(request, organization) if wants_form else None,
        cursor=cursor,
    )
    return _render_panel(request, context)


def _log(request, form: InteractionForm, **scope) -> bool:
    if not form.is_valid():
        return False
    try:
        services.interaction_log(actor=request.user, data=form.interaction_data(**scope))
    except DomainError as error:
        form.show_error(error)
        return False
    return True


def _after_log(request, *, logged: bool, form, fresh_form, **panel):
    """The panel again: with the errors, or (HTMX) with a fresh form and the new entry on
    top; a plain form post goes back to the record page."""
    if logged and not request.htmx:
        messages.success(request, _("Interaction logged."))
        return redirect(reverse(f"{panel['kind']}_detail", args=[panel["record"].pk]) + "#timeline")
    context = _panel(request, form=fresh_form() if logged else form, **panel)
    context["logged"] = logged
    return _render_panel(request, context)


@writer_required(methods=["POST"])
def contact_interaction_log(request, contact_id: int):
    contact = selectors.contact_get(contact_id, user=request.user)
    form = _contact_form(request, contact, request.POST)
    return _after_log(
        request,
        logged=_log(request, form, contact_id=contact.pk),
        form=form,
        fresh_form=lambda: _contact_form(request, contact),
        record=contact,
        kind="contact",
        zone=_contact_zone(contact),
    )


@writer_required(methods=["POST"])
def organization_interaction_log(request, organization_id: int):
    organization = selectors.organization_get(organization_id, user=request.user)
    form = _organization_form(request, organization, request.POST)
    return _after_log(
        request,
        logged=_log(request, form, organization_id=organization.pk),
        form=form,
        fresh_form=lambda: _organization_form(request, organization),
        record=organization,
        kind="organization",
        zone=timezone_guess(country=organization.country),
    )


# Correcting and deleting an interaction (linked from its timeline entry).


def _back(request, interaction) -> str:
    """Where to return: the page the link came from, else the first contact's or the
    organization's page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    )
    if target and safe:
        return target
    contact = next(iter(interaction.contacts.all()), None)
    if contact is not None:
        return reverse("contact_detail", args=[contact.pk]) + "#timeline"
    if interaction.organization_id:
        return reverse("organization_detail", args=[interaction.organization_id]) + "#timeline"
    return reverse("home")


@writer_required
def interaction_edit(request, interaction_id: int):
    interaction = selectors_interactions.interaction_get(interaction_id, user=request.user)
    # A confidential summary someone may not read is not theirs to rewrite (403).
    logged = services.interaction_to_correct(interaction, actor=request.user, channel="ui")
    form = InteractionForm(request.POST or None, initial=InteractionForm.initial_from(logged))
    if request.method == "POST" and form.is_valid():
        try:
            services.interaction_update(
                actor=request.user,
                interaction=interaction,
                data=form.interaction_data(),
                fields=set(InteractionForm.editable),
            )
        except DomainError as error:
            form.show_error(error)
        else:
            messages.success(request, _("Interaction saved."))
            return redirect(_back(request, interaction))
    return render(
        request,
        "interactions/interaction_edit.html",
        {"interaction": interaction, "form": form, "back": _back(request, interaction)},
    )


@writer_required
def interaction_delete(request, interaction_id: int):
    interaction = selectors_interactions.interaction_get(interaction_id, user=request.user)
    if not body_readable_by(interaction, request.user):  # the service refuses it too
        raise PermissionDenied(Action.WRITE_RECORDS)
    back = _back(request, interaction)
    if request.method == "POST":
        services.interaction_delete(actor=request.user, interaction=interaction)
        messages.success(request, _("Interaction deleted."))
        return redirect(back)
    return render(
        request, "interactions/interaction_delete.html", {"interaction": interaction, "back": back}
    )
