"""Country pages (every signed-in user) and the business calendar settings (administrators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amity.core.errors import DomainError, NotFound
from amity.core.permissions import Action, role_allows
from amity.culture import selectors, services
from amity.culture.forms import BusinessHoursForm, ClosureForm, YearForm


def _locale() -> str:
    return translation.to_locale(translation.get_language() or "en")


@login_required
def country_list(request):
    countries = selectors.country_list(language=_locale())
    return render(request, "culture/country_list.html", {"countries": countries})


@login_required
def country_detail(request, code: str):
    form = YearForm(request.GET or None)
    year, subdivision = timezone.localdate().year, None
    if form.is_valid():
        year = form.cleaned_data["year"] or year
        subdivision = form.cleaned_data["subdivision"] or None
    try:
        detail = selectors.country_detail(
            code, year=year, language=_locale(), subdivision=subdivision
        )
    except NotFound:
        raise  # the 404 page (core.page_errors)
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        detail = selectors.country_detail(code, year=timezone.localdate().year, language=_locale())
    return render(
        request,
        "culture/country_detail.html",
        {
            "detail": detail,
            "profile": detail.profile,
            "form": form,
            "weekend": selectors.weekday_names(detail.profile.weekend, language=_locale()),
            "week_starts": selectors.weekday_names(
                [detail.profile.first_day_of_week], language=_locale()
            )[0],
            "official_language_names": selectors.language_names(
                detail.profile.languages, language=_locale()
            ),
            "common_languages": selectors.language_names(
                detail.profile.common_languages, language=_locale()
            ),
        },
    )


def _admin_only(request):
    if not role_allows(request.user.role, Action.MANAGE_SETTINGS):
        return HttpResponseForbidden(_("Only administrators can change the business calendar."))
    return None


@login_required
def business_calendar(request):
    denied = _admin_only(request)
    if denied:
        return denied
    hours_form = BusinessHoursForm(request.POST if "set_hours" in request.POST else None)
    closure_form = ClosureForm(request.POST if "add_closure" in request.POST else None)
    for form, write, done in (
        (hours_form, services.business_hours_set, _("Business hours saved.")),
        (closure_form, services.closure_create, _("Closure added.")),
    ):
        if form.is_bound and form.is_valid():
            try:
                write(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, done)
                return redirect("business_calendar")
    return render(
        request,
        "culture/business_calendar.html",
        {
            "hours_form": hours_form,
            "closure_form": closure_form,
            "overrides": selectors.business_hours_overrides(),
            "closures": selectors.company_closures(),
        },
    )


@login_required
@require_POST
def business_hours_reset(request, code: str):
    denied = _admin_only(request)
    if denied:
        return denied
    try:
        services.business_hours_reset(actor=request.user, country=code)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The default business hours apply again."))
    return redirect("business_calendar")


@login_required
@require_POST
def closure_delete(request, closure_id: int):
    denied = _admin_only(request)
    if denied:
        return denied
    try:
        services.closure_delete(actor=request.user, closure_id=closure_id)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Closure removed."))
    return redirect("business_calendar")
