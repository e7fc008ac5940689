"""Forms of the meeting finder page: who, how long, how far ahead; then booking a slot."""

from django import forms
from django.utils.translation import gettext_lazy as _

from amity.culture.meetings import MAX_DAYS, MIN_DAYS

DURATIONS = [(30, _("30 minutes")), (45, _("45 minutes")), (60, _("1 hour")), (90, _("90 minutes"))]


class MeetingSearchForm(forms.Form):
    contacts = forms.TypedMultipleChoiceField(
        label=_("Contacts"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    users = forms.TypedMultipleChoiceField(
        label=_("Colleagues"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    days = forms.IntegerField(
        label=_("Days ahead"), min_value=MIN_DAYS, max_value=MAX_DAYS, initial=14
    )
    duration_minutes = forms.TypedChoiceField(
        label=_("Duration"), coerce=int, choices=DURATIONS, initial=60
    )

    def __init__(self, *args, contact_choices=(), user_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].choices = list(contact_choices)
        self.fields["users"].choices = list(user_choices)

    def clean(self):
        data = super().clean()
        if not data.get("contacts") and not data.get("users"):
            raise forms.ValidationError(_("Choose at least one contact or colleague."))
        return data


class MeetingBookForm(forms.Form):
    start = forms.DateTimeField(label=_("Slot"))
    duration_minutes = forms.IntegerField(label=_("Duration in minutes"), min_value=15)
    contacts = forms.TypedMultipleChoiceField(
        label=_("Contacts"), coerce=int, required=False, widget=forms.MultipleHiddenInput
    )
    users = forms.TypedMultipleChoiceField(
        label=_("Colleagues"), coerce=int, required=False, widget=forms.MultipleHiddenInput
    )
    title = forms.CharField(label=_("Title"), max_length=250)
    video_link = forms.URLField(
        label=_("Video call link"), required=False, max_length=500, assume_scheme="https"
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, contact_ids=(), user_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].choices = [(i, i) for i in contact_ids]
        self.fields["users"].choices = [(i, i) for i in user_ids]
