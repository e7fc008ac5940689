"""Pages for contacts and organizations: lists with live search, filters and cursor pages;
record pages; create, edit and delete. The timeline and the "log an interaction" form of a
record page come from the interactions app (a higher layer), loaded into the page by HTMX.

Everyone signed in with a role may read; writing needs ``records.write`` (403 otherwise, see
``core.page_access``)."""

from contextlib import suppress
from datetime import date

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from amity.core import clock
from amity.core.audit_hooks import audit
from amity.core.errors import DomainError, NotFound
from amity.core.page_access import can_write, reader_required, writer_required
from amity.core.pagination import Ordering, requested_page
from amity.people import reachability, selectors, services
from amity.people.forms.contacts import ContactForm
from amity.people.forms.list_filters import ContactFilterForm, OrganizationFilterForm
from amity.people.forms.organizations import OrganizationForm
from amity.people.forms.pickers import organization_reference
from amity.people.identifiers import identifier_format, scheme_label
from amity.people.models import Channel, CustomField
from amity.people.sensitive import custom_reveal

PAGE_SIZE = 50
ORGANIZATION_CONTACTS_SHOWN = 100
SUGGESTIONS = 10


def _page(request, queryset, ordering: tuple[tuple[str, ...], bool]):
    columns, descending = ordering
    order = Ordering(columns, descending=descending)
    return requested_page(queryset, request.GET, ordering=order, limit=PAGE_SIZE)


def _ranked(request, rank, filters, **options):
    """One page of best matches after the ``cursor`` (a damaged one starts again)."""
    cursor = request.GET.get("cursor", "")
    try:
        page = rank(filters, cursor=cursor or None, limit=PAGE_SIZE, user=request.user, **options)
    except DomainError:
        page, cursor = rank(filters, limit=PAGE_SIZE, user=request.user, **options), ""
    return page, cursor


def _query_without_cursor(request) -> str:
    query = request.GET.copy()
    query.pop("cursor", None)
    query.pop("before", None)
    return query.urlencode()


def _list_template(request, template: str, target: str) -> str:
    """The whole page, or just the results when HTMX asks for them (live filtering)."""
    if request.htmx and request.htmx.target == target:
        return f"{template}#results"
    return template


@reader_required
def contact_list(request):
    form = ContactFilterForm(request.GET)
    filters = form.filters()
    reachable = request.GET.get("reachable") == "1"

    def in_working_hours(contacts):  # where they are, now
        return reachability.contacts_reachable_now(contacts, now=clock.now())

    if form.by_relevance():
        narrow = in_working_hours if reachable else None
        page, cursor = _ranked(request, selectors.contacts_ranked, filters, narrow=narrow)
    else:
        contacts = selectors.contacts_matching(filters, user=request.user)
        if reachable:
            contacts = in_working_hours(contacts)
        page, cursor = _page(request, contacts, form.ordering())
    organization = None
    if filters.organization_id is not None:
        try:
            organization = selectors.organization_get(filters.organization_id, user=request.user)
        except NotFound:
            organization = None
    return render(
        request,
        _list_template(request, "people/contact_list.html", "contact-results"),
        {
            "form": form,
            "page": page,
            "cursor": cursor,
            "query": _query_without_cursor(request),
            "organization": organization,
            "can_write": can_write(request.user),
            "reachable": reachable,
        },
    )


def _custom_values(contact, reader) -> list[tuple[str, object]]:
    """(label, value) of a contact's custom fields, dates as dates for localized display;
    sensitive values decrypted for administrators and managers, masked for others."""
    definitions = selectors.custom_fields()
    shown = []
    values = custom_reveal(contact, reader=reader, definitions=definitions, channel="ui")
    for key, value in values.items():
        definition = definitions.get(key)
        if definition is not None and definition.type == CustomField.Type.DATE:
            with suppress(TypeError, ValueError):
                value = date.fromisoformat(value)
        shown.append((definition.label if definition else key, value))
    return shown


@reader_required
def contact_detail(request, contact_id: int):
    contact = selectors.contact_get(contact_id, user=request.user)
    audit(
        action="viewed", actor=request.user, channel="ui",
        subject_kind="contact", subject_id=contact.pk,
    )  # fmt: skip
    return render(
        request,
        "people/contact_detail.html",
        {
            "contact": contact,
            "custom_values": _custom_values(contact, request.user),
            "channels": [
                Channel(c).label for c in contact.preferred_channels if c in Channel.values
            ],
            "can_write": can_write(request.user),
        },
    )


def _save_contact(request, form: ContactForm, contact=None):
    """Create or change through the service; the contact, or None with the error on the form."""
    try:
        if contact is None:
            return services.contact_create(actor=request.user, data=form.contact_data())
        return services.contact_update(
            actor=request.user,
            contact=contact,
            data=form.contact_data(),
            fields=set(form.edited_fields),
        )
    except DomainError as error:
        form.show_error(error)
        return None


@writer_required(methods=["GET", "POST"])
def contact_create(request):
    organization = None
    if request.GET.get("organization", "").isdigit():
        try:
            organization = selectors.organization_get(
                int(request.GET["organization"]), user=request.user
            )
        except NotFound:
            organization = None
    form = ContactForm(request.POST or None, organization=organization, reader=request.user)
    if request.method == "POST" and form.is_valid():
        contact = _save_contact(request, form)
        if contact is not None:
            messages.success(request, _("Contact %(name)s created.") % {"name": contact})
            return redirect("contact_detail", contact.pk)
    return render(request, "people/contact_form.html", {"form": form, "contact": None})


@writer_required(methods=["GET", "POST"])
def contact_edit(request, contact_id: int):
    contact = selectors.contact_get(contact_id, user=request.user)
    title = str(contact)
    form = ContactForm(request.POST or None, contact=contact, reader=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _save_contact(request, form, contact)
        if saved is not None:
            messages.success(request, _("Contact %(name)s saved.") % {"name": saved})
            return redirect("contact_detail", saved.pk)
    return render(
        request,
        "people/contact_form.html",
        {"form": form, "contact": contact, "title": title},
    )


@writer_required(methods=["GET", "POST"])
def contact_delete(request, contact_id: int):
    contact = selectors.contact_get(contact_id, user=request.user)
    if request.method == "POST":
        name = str(contact)
        services.contact_delete(actor=request.user, contact=contact)
        messages.success(request, _("Contact %(name)s deleted.") % {"name": name})
        return redirect("contact_list")
    return render(request, "people/contact_delete.html", {"contact": contact})


@reader_required
def organization_list(request):
    form = OrganizationFilterForm(request.GET)
    filters = form.filters()
    if form.by_relevance():
        page, cursor = _ranked(request, selectors.organizations_ranked, filters)
    else:
        organizations = selectors.organizations_matching(filters, user=request.user)
        page, cursor = _page(request, organizations, form.ordering())
    return render(
        request,
        _list_template(request, "people/organization_list.html", "organization-results"),
        {
            "form": form,
            "page": page,
            "cursor": cursor,
            "query": _query_without_cursor(request),
            "can_write": can_write(request.user),
        },
    )


@reader_required
def organization_options(request):
    """Suggestions for an organization picker (a <datalist>): "name · #id" values."""
    # The pickers send their own field name ("role_0_organization", "parent").
    query = next((v for v in request.GET.values() if v.strip()), "").strip()[:200]
    query = query.split(" · #")[0]
    organizations = []
    if query:
        filters = selectors.OrganizationFilters(q=query)
        organizations = list(
            selectors.organizations_matching(filters, user=request.user)[:SUGGESTIONS]
        )
    return render(
        request,
        "people/organization_options.html",
        {
            "options": [(organization_reference(o), o) for o in organizations],
        },
    )


@reader_required
def organization_detail(request, organization_id: int):
    organization = selectors.organization_get(organization_id, user=request.user)
    audit(
        action="viewed", actor=request.user, channel="ui",
        subject_kind="organization", subject_id=organization.pk,
    )  # fmt: skip
    members = list(
        selectors.contacts_matching(
            selectors.ContactFilters(organization_id=organization.pk), user=request.user
        )[: ORGANIZATION_CONTACTS_SHOWN + 1]
    )
    roles = [
        (contact, next(r for r in contact.roles.all() if r.organization_id == organization.pk))
        for contact in members[:ORGANIZATION_CONTACTS_SHOWN]
    ]
    identifiers = [
        (scheme_label(i.scheme), identifier_format(i.scheme, i.value))
        for i in organization.identifiers.all()
    ]
    return render(
        request,
        "people/organization_detail.html",
        {
            "organization": organization,
            "identifiers": identifiers,
            "roles": roles,
            "more_contacts": len(members) > ORGANIZATION_CONTACTS_SHOWN,
            "street_lines": [line for line in organization.street.splitlines() if line.strip()],
            "can_write": can_write(request.user),
        },
    )


def _save_organization(request, form: OrganizationForm, organization=None):
    try:
        if organization is None:
            return services.organization_create(actor=request.user, data=form.organization_data())
        return services.organization_update(
            actor=request.user,
            organization=organization,
            data=form.organization_data(),
            fields=set(form.edited_fields),
        )
    except DomainError as error:
        form.show_error(error)
        return None


@writer_required(methods=["GET", "POST"])
def organization_create(request):
    form = OrganizationForm(request.POST or None, reader=request.user)
    if request.method == "POST" and form.is_valid():
        organization = _save_organization(request, form)
        if organization is not None:
            messages.success(request, _("Organization %(name)s created.") % {"name": organization})
            return redirect("organization_detail", organization.pk)
    return render(request, "people/organization_form.html", {"form": form, "organization": None})


@writer_required(methods=["GET", "POST"])
def organization_edit(request, organization_id: int):
    organization = selectors.organization_get(organization_id, user=request.user)
    title = str(organization)
    form = OrganizationForm(request.POST or None, organization=organization, reader=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _save_organization(request, form, organization)
        if saved is not None:
            messages.success(request, _("Organization %(name)s saved.") % {"name": saved})
            return redirect("organization_detail", saved.pk)
    return render(
        request,
        "people/organization_form.html",
        {"form": form, "organization": organization, "title": title},
    )


@writer_required(methods=["GET", "POST"])
def organization_delete(request, organization_id: int):
    organization = selectors.organization_get(organization_id, user=request.user)
    if request.method == "POST":
        name = str(organization)
        services.organization_delete(actor=request.user, organization=organization)
        messages.success(request, _("Organization %(name)s deleted.") % {"name": name})
        return redirect("organization_list")
    return render(request, "people/organization_delete.html", {"organization": organization})
