"""The consent panel of the contact page (loaded by HTMX; a whole page without JavaScript),
recording consent there, the public double opt-in confirmation page, and the purposes page
for admins."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from amity.core.errors import DomainError
from amity.core.page_access import action_required, can_write, reader_required
from amity.core.permissions import Action, require
from amity.people import selectors as people_selectors
from amity.privacy import decisions, selectors, services
from amity.privacy.forms import DENY, GRANT, REQUEST, WITHDRAW, ConsentForm, PurposeForm
from amity.privacy.models import Status

STATUS_OF = {GRANT: Status.GRANTED, DENY: Status.DENIED, WITHDRAW: Status.WITHDRAWN}


def _form(data=None, purposes=None) -> ConsentForm:
    purposes = selectors.purposes() if purposes is None else purposes
    return ConsentForm(data, purposes=[(p.slug, selectors.purpose_name(p)) for p in purposes])


def _render_panel(request, contact, form=None, recorded: bool = False):
    overview = decisions.consent_overview(contact)
    context = {
        "contact": contact,
        "overview": overview,
        "history": selectors.consent_history(contact, limit=100),
        "form": (form or _form(purposes=overview.purposes)) if can_write(request.user) else None,
        "recorded": recorded,
        "record_url": reverse("privacy_consent_record", args=[contact.pk]),
    }
    template = "privacy/consent_panel.html#panel" if request.htmx else "privacy/consent_page.html"
    return render(request, template, context)


@reader_required
def consent_panel(request, contact_id: int):
    contact = people_selectors.contact_get(contact_id, user=request.user)
    return _render_panel(request, contact)


def _record(request, contact, form: ConsentForm) -> bool:
    if not form.is_valid():
        return False
    data = form.cleaned_data
    values = {
        "actor": request.user,
        "contact": contact,
        "purpose": data["purpose"],
        "channel": data["channel"],
        "source": data["source"],
        "lawful_basis": data["lawful_basis"],
        "evidence": data["evidence"],
        "wording": data["wording"],
        "wording_language": data["wording_language"],
    }
    try:
        if data["action"] == REQUEST:
            services.double_opt_in_request(**values)
        else:
            services.consent_record(status=STATUS_OF[data["action"]], **values)
    except DomainError as error:
        form.show_error(error)
        return False
    return True


@reader_required(methods=["POST"])
def consent_record(request, contact_id: int):
    contact = people_selectors.contact_get(contact_id, user=request.user)
    require(request.user, Action.WRITE_RECORDS)  # after the lookup: unknown is 404 for all
    form = _form(request.POST)
    recorded = _record(request, contact, form)
    if recorded and not request.htmx:
        messages.success(request, _("Consent recorded."))
        return redirect(reverse("contact_detail", args=[contact.pk]) + "#consent")
    return _render_panel(request, contact, form=None if recorded else form, recorded=recorded)


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """Public (no sign-in): the person confirms the consent the emailed link stands for,
    in their own language. GET shows what they confirm; POST confirms (so a mail scanner
    that opens links confirms nothing)."""
    try:
        pending = services.double_opt_in_pending(token)
    except DomainError as error:
        return render(request, "privacy/confirm.html", {"error": error.message}, status=400)
    language = selectors.contact_language(pending.contact)
    with translation.override(language):
        context = {
            "pending": pending,
            "purpose_name": selectors.purpose_name(pending.purpose),
            "channel": selectors.channel_label(pending.channel),
            "language": language,
        }
        status = 200
        context["confirmed"] = selectors.confirmation_of(pending) is not None
        if request.method == "POST" and not context["confirmed"]:
            try:
                services.double_opt_in_confirm(token=token)
                context["confirmed"] = True
            except DomainError as error:
                context["error"], status = error.message, 400
        response = render(request, "privacy/confirm.html", context, status=status)
    response["Content-Language"] = language
    return response


@action_required(Action.MANAGE_SETTINGS, methods=["GET", "POST"])
def purposes(request):
    """Admins see every purpose and add new ones."""
    form = PurposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            purpose = services.purpose_create(
                actor=request.user,
                slug=data["slug"],
                name=data["name"],
                kind=data["kind"],
                channels=data["channels"],
                description=data["description"],
                translations={"th": data["name_th"], "pl": data["name_pl"]},
            )
        except DomainError as error:
            form.show_error(error)
        else:
            messages.success(request, _("Purpose %(slug)s added.") % {"slug": purpose.slug})
            return redirect("privacy_purposes")
    rows = [(p, selectors.purpose_name(p)) for p in selectors.purposes(active_only=False)]
    return render(request, "privacy/purposes.html", {"rows": rows, "form": form})
