"""One row of the segment rule builder: a field, a condition and the value, asked for the way
the field's value kind needs it (industries and sizes from a list, owners to tick, a custom
field and what it is compared with, how many records in how many days, or JSON), in the
field's own words where it has them."""

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amity.people.forms.page_form import PageForm
from amity.people.forms.text_lists import split_list
from amity.people.models import CustomField, Industry, SizeBand
from amity.people.segment_builder import OP_LABELS, BuilderChoices
from amity.people.segment_values import (
    ACTIVITY,
    CODES,
    CUSTOM,
    DEFAULT_COUNT,
    DEFAULT_DAYS,
    FLAG,
    INDUSTRY,
    OWNER,
    RAW,
    SHOWN,
    SIZE,
)


class RuleRowForm(PageForm):
    """One rule: a field, a condition and the value, asked for the way the field needs it."""

    group = forms.IntegerField(
        label=_("Group"), widget=forms.HiddenInput, required=False, min_value=0
    )
    # The field the row was drawn for: when the field changes, the old value is dropped.
    rendered = forms.CharField(label=_("Field shown"), widget=forms.HiddenInput, required=False)
    field = forms.ChoiceField(label=_("Field"), required=False)
    op = forms.ChoiceField(label=_("Condition"), required=False)
    value = forms.CharField(label=_("Value"), required=False, max_length=2000)
    owners = forms.MultipleChoiceField(label=_("Owners"), required=False)
    flag = forms.ChoiceField(
        label=_("Do not contact"),
        required=False,
        choices=[("yes", _("Yes, marked “do not contact”")), ("no", _("No, may be contacted"))],
    )
    key = forms.ChoiceField(label=_("Custom field"), required=False)
    # The activity value kind's generic label; a field words it its own way (input_labels:
    # "How many interactions").
    count = forms.IntegerField(label=_("Number"), required=False, min_value=1)
    days = forms.IntegerField(
        label=_("In the last how many days"), required=False, min_value=1, max_value=3650
    )
    channel = forms.CharField(
        label=_("Channel"),
        required=False,
        max_length=20,
        help_text=_("Optional, e.g. email, phone or meeting."),
    )

    def __init__(self, *args, choices: "BuilderChoices", url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices
        if url:  # choosing another field re-draws the builder with that field's inputs
            self.fields["field"].widget.attrs.update(
                {
                    "hx-post": url,
                    "hx-trigger": "change",
                    "hx-target": "#rule-builder",
                    "hx-swap": "outerHTML",
                    "hx-include": "closest form",
                    "hx-vals": '{"action": "refresh"}',
                    # Its own queue: the live count the same change starts must not cancel it.
                    "hx-sync": "this:replace",
                }
            )
        self.fields["field"].choices = [("", _("Choose a field…")), *choices.fields]
        self.fields["owners"].choices = choices.users
        self.fields["key"].choices = choices.custom_fields
        self.field_key = self.data.get(self.add_prefix("field")) or ""
        registered = choices.registry.get(self.field_key)
        self.kind = registered.value_kind if registered else ""
        ops = registered.ops if registered else ()
        self.fields["op"].choices = [(op, OP_LABELS.get(op, op)) for op in ops]
        if self.kind == INDUSTRY:
            self.fields["value"] = forms.MultipleChoiceField(
                label=_("Industries"), required=False, choices=Industry.choices
            )
        elif self.kind == SIZE:
            self.fields["value"] = forms.MultipleChoiceField(
                label=_("Sizes"), required=False, choices=SizeBand.choices
            )
        elif self.kind == CODES:
            self.fields["value"].label = _("Values")
        elif self.kind == RAW:
            self.fields["value"].label = _("Value as JSON")
            self.fields["value"].widget.attrs.update({"dir": "ltr", "spellcheck": "false"})
        elif self.kind == CUSTOM:
            self.fields["value"].label = _("Compared with")
        self.valid_ops = ops
        # Only what this field asks for is read (and checked); the rest of the row is not.
        wanted = {"group", "rendered", "field", "op", *SHOWN.get(self.kind, ())}
        for name in [name for name in self.fields if name not in wanted]:
            del self.fields[name]
        if registered:  # the field's own words for its inputs
            for name, label in registered.input_labels.items():
                if name in self.fields:
                    self.fields[name].label = label
            for name, help_text in registered.input_help.items():
                if name in self.fields:
                    self.fields[name].help_text = help_text

    @property
    def shown(self) -> list:
        """The bound fields this row asks for, after the field and the condition."""
        return [self[name] for name in SHOWN.get(self.kind, ())]

    @property
    def shows_op(self) -> bool:
        return len(self.valid_ops) > 1

    def rule(self) -> dict | None:
        """The rule this row stands for (None for a row without a field); call after
        is_valid(). Values the service would refuse are passed on for it to explain."""
        data = self.cleaned_data
        key = data.get("field") or ""
        if not key:
            return None
        op = data.get("op") if data.get("op") in self.valid_ops else self.valid_ops[0]
        rule: dict[str, Any] = {"field": key, "op": op}
        if self.kind == CODES:
            rule["value"] = split_list(data.get("value", ""))
        elif self.kind in (INDUSTRY, SIZE):
            rule["value"] = list(data.get("value") or [])
        elif self.kind == OWNER:
            rule["value"] = [int(v) for v in data.get("owners") or []]
        elif self.kind == FLAG:
            rule["value"] = data.get("flag", "yes") != "no"
        elif self.kind == CUSTOM:
            key_of_field = data.get("key", "")
            text = (data.get("value") or "").strip()
            number = self.choices.custom_types.get(key_of_field) == CustomField.Type.NUMBER
            rule["value"] = {"key": key_of_field, "value": _typed(text) if number else text}
        elif self.kind == ACTIVITY:
            value: dict[str, Any] = {
                "count": data.get("count") or DEFAULT_COUNT,
                "days": data.get("days") or DEFAULT_DAYS,
            }
            if channel := (data.get("channel") or "").strip():
                value["channel"] = channel
            rule["value"] = value
        else:
            try:
                rule["value"] = json.loads(data.get("value") or "null")
            except ValueError:
                self.add_error("value", _("This value is not valid JSON."))
                return None
        return rule


def _typed(text: str) -> Any:
    """A custom field's value as typed: a number stays a number (for more/less than)."""
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return text
    if number != number or number in (float("inf"), float("-inf")):
        return text
    return int(number) if number.is_integer() and "." not in text and "," not in text else number
