"""The cultural guidance pages: which countries have guidance, one country's guidance with
its sources, and (administrators) rewriting a field with a source of their own."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from amity.core.errors import DomainError
from amity.core.permissions import Action, PermissionDenied, role_allows
from amity.culture.countries import country_codes, country_name
from amity.culture.guidance.edits import (
    MAX_NOTE,
    MAX_TITLE,
    MAX_URL,
    country_guidance_edit,
    country_guidance_revert,
)
from amity.culture.guidance.entries import FIELDS, VALUE_LABELS, field_label
from amity.culture.guidance.reading import countries_with_guidance, country_guidance


class CountryGuidanceForm(forms.Form):
    value = forms.ChoiceField(label=gettext_lazy("Value"), required=False)
    note = forms.CharField(
        label=gettext_lazy("Guidance"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_NOTE,
        help_text=gettext_lazy("Careful wording: describe what is common, not what people are."),
    )
    source_url = forms.CharField(label=gettext_lazy("Source address"), max_length=MAX_URL)
    source_title = forms.CharField(label=gettext_lazy("Source title"), max_length=MAX_TITLE)

    def __init__(self, *args, field: str, **kwargs):
        super().__init__(*args, **kwargs)
        if field in VALUE_LABELS:
            self.fields["value"].choices = [("", "—"), *VALUE_LABELS[field].items()]
        else:
            del self.fields["value"]


def _locale() -> str:
    return translation.to_locale(translation.get_language() or "en")


def _can_edit(user) -> bool:
    return role_allows(user.role, Action.MANAGE_SETTINGS)


def _readers_only(request) -> None:
    if not role_allows(request.user.role, Action.VIEW_RECORDS):
        raise Forbidden


def _country(code: str) -> str:
    code = code.upper()
    if code not in country_codes():
        raise Http404
    return code


@login_required
def guidance_list(request):
    """Every country with guidance, by name in the reader's language."""
    _readers_only(request)
    countries = sorted(
        ((code, country_name(code, locale=_locale())) for code in countries_with_guidance()),
        key=lambda pair: pair[1],
    )
    return render(request, "culture/guidance_list.html", {"countries": countries})


@login_required
def guidance_country(request, code: str):
    """One country's guidance, each field with the sources a reader can check."""
    _readers_only(request)
    code = _country(code)
    guidance = country_guidance(code)
    return render(
        request,
        "culture/guidance_country.html",
        {
            "code": code,
            "name": country_name(code, locale=_locale()),
            "entries": guidance.ordered(),
            "missing": [field_label(name) for name in FIELDS if name not in guidance.entries],
            "fields": [(name, field_label(name)) for name in FIELDS],
            "can_edit": _can_edit(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def guidance_edit(request, code: str, field: str):
    """An administrator rewrites one field; the edit needs its own checkable source."""
    if not _can_edit(request.user):
        raise Forbidden
    code = _country(code)
    if field not in FIELDS:
        raise Http404
    current = country_guidance(code).entries.get(field)
    initial = {}
    if current is not None:
        initial = {"value": current.value, "note": current.note}
        if current.edited:
            initial |= {
                "source_url": current.sources[0].url,
                "source_title": current.sources[0].title,
            }
    form = CountryGuidanceForm(request.POST or None, field=field, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            country_guidance_edit(
                actor=request.user,
                country=code,
                field=field,
                value=form.cleaned_data.get("value", ""),
                note=form.cleaned_data["note"],
                source_url=form.cleaned_data["source_url"],
                source_title=form.cleaned_data["source_title"],
            )
        except PermissionDenied:
            raise Forbidden from None
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Guidance saved."))
            return redirect("country_guidance", code)
    return render(
        request,
        "culture/guidance_edit.html",
        {
            "code": code,
            "name": country_name(code, locale=_locale()),
            "field": field,
            "label": field_label(field),
            "current": current,
            "form": form,
        },
    )


@login_required
@require_POST
def guidance_revert(request, code: str, field: str):
    """Drop an administrator's edit; the shipped guidance shows again."""
    if not _can_edit(request.user):
        raise Forbidden
    code = _country(code)
    try:
        country_guidance_revert(actor=request.user, country=code, field=field)
    except DomainError:
        raise Http404 from None
    messages.success(request, _("The shipped guidance shows again."))
    return redirect("country_guidance", code)
