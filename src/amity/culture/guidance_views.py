"""The cultural guidance pages: which countries have guidance, one country's guidance with
its sources, and (administrators) rewriting a field with a source of their own."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amity.core.errors import DomainError
from amity.core.page_access import action_required, reader_required
from amity.core.permissions import Action, role_allows
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


def _country(code: str) -> str:
    code = code.upper()
    if code not in country_codes():
        raise Http404
    return code


def _field(name: str) -> str:
    if name not in FIELDS:
        raise Http404
    return name


@reader_required
def guidance_list(request):
    """Every country with guidance, by name in the reader's language."""
    countries = sorted(
        ((code, country_name(code, locale=_locale())) for code in countries_with_guidance()),
        key=lambda pair: pair[1],
    )
    return render(request, "culture/guidance_list.html", {"countries": countries})


@reader_required
def guidance_country(request, code: str):
    """One country's guidance, each field with the sources a reader can check."""
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


@action_required(Action.MANAGE_SETTINGS, methods=["GET", "POST"])
def guidance_edit(request, code: str, field: str):
    """An administrator rewrites one field; the edit needs its own checkable source."""
    code, field = _country(code), _field(field)
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


@action_required(Action.MANAGE_SETTINGS, methods=["POST"])
def guidance_revert(request, code: str, field: str):
    """Drop an administrator's edit; the shipped guidance shows again."""
    code, field = _country(code), _field(field)
    country_guidance_revert(actor=request.user, country=code, field=field)
    messages.success(request, _("The shipped guidance shows again."))
    return redirect("country_guidance", code)
