"""The form that edits an organization's or a contact's guidance preferences: for each
guidance field a value (where the field has fixed values) and a note. Leaving both empty
clears the field, so the country guidance (or the organization's) shows again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from amity.core.errors import DomainError
from amity.culture.guidance.edits import MAX_NOTE
from amity.culture.guidance.entries import FIELDS, VALUE_LABELS, field_label
from amity.people.guidance import Preference


class GuidancePreferencesForm(forms.Form):
    def __init__(self, *args, preferences: dict[str, Preference], **kwargs):
        super().__init__(*args, **kwargs)
        for name in FIELDS:
            current = preferences.get(name)
            if name in VALUE_LABELS:
                self.fields[f"{name}_value"] = forms.ChoiceField(
                    label=field_label(name),
                    choices=[("", _("(not set here)")), *VALUE_LABELS[name].items()],
                    required=False,
                    initial=current.value if current else "",
                )
            self.fields[f"{name}_note"] = forms.CharField(
                label=_("Note: %(field)s") % {"field": field_label(name)},
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=MAX_NOTE,
                required=False,
                initial=current.note if current else "",
            )

    def rows(self):
        """(field label, value field or None, note field) in the fixed field order."""
        for name in FIELDS:
            value = self[f"{name}_value"] if name in VALUE_LABELS else None
            yield field_label(name), value, self[f"{name}_note"]

    def changes(self) -> dict:
        """Every field: its value and note, or None (clear) when both are empty."""
        changes: dict = {}
        for name in FIELDS:
            value = self.cleaned_data.get(f"{name}_value", "") or ""
            note = self.cleaned_data.get(f"{name}_note", "") or ""
            changes[name] = {"value": value, "note": note} if value or note else None
        return changes

    def show_error(self, error: DomainError) -> None:
        name = error.field if error.field in FIELDS else None
        target = f"{name}_value" if name in VALUE_LABELS else f"{name}_note" if name else None
        self.add_error(target, error.message)
