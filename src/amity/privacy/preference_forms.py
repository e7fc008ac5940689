"""Input of the public preference centre: one change (a row and agree/refuse), or
unsubscribing from everything; each carries the language the page was shown in."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from amity.privacy.preferences import GRANT, UNSUBSCRIBE_ALL, WITHDRAW


class PreferenceForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            (GRANT, _("Agree")),
            (WITHDRAW, _("Stop")),
            (UNSUBSCRIBE_ALL, _("Unsubscribe from everything")),
        ],
    )
    row = forms.CharField(label=_("Purpose and channel"), max_length=80, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") in (GRANT, WITHDRAW) and not data.get("row"):
            raise forms.ValidationError(_("Choose what to agree to or stop."))
        return data
