"""The erasure confirmation: the person's name typed again, so no one erases by a slip."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureConfirmForm(forms.Form):
    name = forms.CharField(label=_("Type the contact's full name to confirm"), max_length=400)

    def __init__(self, *args, expected: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = expected

    def clean_name(self) -> str:
        typed = " ".join(self.cleaned_data["name"].split())
        if typed.casefold() != " ".join(self.expected.split()).casefold():
            raise forms.ValidationError(_("The name does not match; nothing was erased."))
        return typed


class RetentionPolicyForm(forms.Form):
    subject = forms.ChoiceField(label=_("Data"), choices=())
    regime = forms.ChoiceField(label=_("Regime"), choices=(), required=False)
    years = forms.IntegerField(label=_("Years"), min_value=1, max_value=100)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, subjects, regimes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = subjects
        self.fields["regime"].choices = [("", _("Every contact")), *regimes]
