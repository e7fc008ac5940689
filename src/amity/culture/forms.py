"""Input parsing for the business calendar settings page."""

from django import forms
from django.utils.translation import gettext_lazy as _


class BusinessHoursForm(forms.Form):
    country = forms.CharField(label=_("Country code"), max_length=2, min_length=2)
    opens = forms.TimeField(label=_("Opens at"), widget=forms.TimeInput(attrs={"type": "time"}))
    closes = forms.TimeField(label=_("Closes at"), widget=forms.TimeInput(attrs={"type": "time"}))


class ClosureForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    first_day = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    last_day = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    country = forms.CharField(
        label=_("Country code"),
        max_length=2,
        required=False,
        help_text=_("Leave empty when the whole company closes."),
    )


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1970, max_value=2099)
    subdivision = forms.CharField(label=_("Subdivision"), required=False, max_length=10)
