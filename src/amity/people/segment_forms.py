"""Forms of the segment pages: the segment's name, the rule builder (rows of rules in an
"all of" / "any of" group, with one level of nested groups) and the JSON editor for rules the
builder cannot show. Both editors produce the JSON of ``people.segments``; the service
validates it, and its DomainErrors come back next to the rules.

The builder knows how to ask for each field's value (codes, users, yes/no, a custom field,
interaction counts) from ``VALUE_KINDS``; a field another app registers that is not listed
there takes its value as JSON, so new fields work before the builder learns about them."""

import json
from dataclasses import dataclass, field
from typing import Any

from babel.lists import format_list
from django import forms
from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from amity.accounts.models import User
from amity.people.forms import DomainErrorsMixin, PageForm, split_list
from amity.people.models import Channel, CustomField, Industry, Segment, SizeBand
from amity.people.segments import MAX_RULES, segment_fields
from amity.people.selectors import custom_fields
from amity.people.templatetags.people_format import country_name, language_name, reader_locale

BUILDER, JSON = "builder", "json"
MAX_ROWS = MAX_RULES
MAX_GROUPS = 20
MATCH_CHOICES = [("all", _("Match all of these rules")), ("any", _("Match any of these rules"))]

# How the builder asks for a field's value; fields not listed take JSON.
CODES, INDUSTRY, SIZE, OWNER, FLAG, CUSTOM, ACTIVITY, RAW = (
    "codes",
    "industry",
    "size",
    "owner",
    "flag",
    "custom",
    "activity",
    "json",
)
VALUE_KINDS = {
    "country": CODES,
    "language": CODES,
    "timezone": CODES,
    "tag": CODES,
    "industry": INDUSTRY,
    "size_band": SIZE,
    "owner": OWNER,
    "do_not_contact": FLAG,
    "custom": CUSTOM,
    "interactions": ACTIVITY,
}
CODE_HELP = {
    "country": _("Country codes separated by commas, e.g. TH, PL, JP."),
    "language": _("Language tags separated by commas, e.g. th, pl, ja."),
    "timezone": _("Time zones separated by commas, e.g. Asia/Bangkok, Europe/Warsaw."),
    "tag": _("Tags separated by commas."),
}
OP_LABELS = {
    "in": _("is one of"),
    "not_in": _("is none of"),
    "is": _("is"),
    "contains": _("contains"),
    "gt": _("is more than"),
    "lt": _("is less than"),
    "gte": _("is at least"),
    "lte": _("is at most"),
    "at_least": _("at least"),
    "fewer_than": _("fewer than"),
}
SHOWN = {
    CODES: ("value",),
    INDUSTRY: ("value",),
    SIZE: ("value",),
    OWNER: ("owners",),
    FLAG: ("flag",),
    CUSTOM: ("key", "value"),
    ACTIVITY: ("count", "days", "channel"),
    RAW: ("value",),
}
ROW_KEYS = ("group", "field", "op", "value", "owners", "flag", "key", "count", "days", "channel")
DEFAULT_COUNT, DEFAULT_DAYS = 1, 30  # what the interactions rule assumes when left out


def value_kind(key: str) -> str:
    return VALUE_KINDS.get(key, RAW)


def _registry() -> dict:
    return {f.key: f for f in segment_fields()}


class SegmentForm(DomainErrorsMixin, PageForm):
    """A segment's name and description (both kinds)."""

    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the segment is for, so colleagues pick the right one."),
    )

    def __init__(self, *args, segment: Segment | None = None, **kwargs):
        if segment is not None:
            kwargs.setdefault("initial", {"name": segment.name, "description": segment.description})
        super().__init__(*args, **kwargs)


class GroupForm(PageForm):
    match = forms.ChoiceField(
        label=_("How the rules combine"),
        choices=MATCH_CHOICES,
        widget=forms.RadioSelect,
        required=False,
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
    count = forms.IntegerField(label=_("How many interactions"), required=False, min_value=1)
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
        self.kind = value_kind(self.field_key) if registered else ""
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
            self.fields["value"].help_text = CODE_HELP.get(self.field_key, "")
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


@dataclass
class BuilderChoices:
    """What every row's selects offer, read once per page rather than once per row."""

    registry: dict = field(default_factory=_registry)
    fields: list = field(default_factory=list)
    users: list = field(default_factory=list)
    custom_fields: list = field(default_factory=list)
    custom_types: dict = field(default_factory=dict)

    def __post_init__(self):
        # By label in the reader's language, not by key.
        self.fields = sorted(
            ((f.key, f.label) for f in self.registry.values()),
            key=lambda item: str(item[1]).casefold(),
        )
        # Every user, active or not: a rule may name someone who has since left.
        self.users = [
            (str(user.pk), str(user))
            for user in User.objects.order_by("-is_active", "display_name", "username")
        ]
        definitions = list(  # sensitive fields are encrypted: no rule can use them
            CustomField.objects.filter(sensitive=False).values_list("key", "label", "type")
        )
        self.custom_fields = [(key, label) for key, label, _type in definitions]
        self.custom_types = {key: type_ for key, _label, type_ in definitions}


class RulesForm(PageForm):
    """The rules of a rule-based segment, edited in the builder or as JSON.

    The builder posts ``groups`` and ``rows`` counts, ``group-N-match`` and ``rule-N-*``
    fields; group 0 is the segment's own "all of"/"any of", the others are nested groups.
    What was posted is read into a layout (groups and rows) and bound again in canonical
    form, so the builder's buttons (``rebuild``) only reshape the layout."""

    mode = forms.ChoiceField(
        label=_("Editor"),
        choices=[(BUILDER, BUILDER), (JSON, JSON)],
        required=False,
        widget=forms.HiddenInput,
    )
    rules_json = forms.CharField(
        label=_("Rules as JSON"),
        required=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 16, "dir": "ltr", "spellcheck": "false"}),
        help_text=_(
            'A group is {"match": "all" or "any", "rules": [...]}; a rule is '
            '{"field": ..., "op": ..., "value": ...}. Groups may nest.'
        ),
    )

    def __init__(self, data=None, *, rules: dict | None = None, url: str = ""):
        self.url = url  # where a changed field re-draws the builder (HTMX)
        self.choices = BuilderChoices()
        self.rule_errors: list[str] = []
        self.notice = ""
        if data is not None:
            mode = JSON if data.get("mode") == JSON else BUILDER
            groups, rows = _posted(data)
            text = data.get("rules_json", "")
        elif rules:
            layout = builder_layout(rules, self.choices)
            mode, text = (BUILDER if layout else JSON), rules_text(rules)
            groups, rows = layout or ([{"match": "all"}], [{"group": 0}])
            if layout is None:
                self.notice = gettext(
                    "These rules nest deeper than the builder shows, so they are edited as JSON."
                )
        else:
            mode, text, groups, rows = BUILDER, "", [{"match": "all"}], [{"group": 0}]
        super().__init__(_as_data(groups, rows, mode=mode, text=text))
        self._bind(groups, rows, mode)

    def _bind(self, groups: list[dict], rows: list[dict], mode: str) -> None:
        self._groups, self._rows, self.editor = groups, rows, mode
        self.group_forms = [
            GroupForm(self.data, prefix=f"group-{index}") for index in range(len(groups))
        ]
        self.row_forms = [
            RuleRowForm(self.data, prefix=f"rule-{index}", choices=self.choices, url=self.url)
            for index in range(len(rows))
        ]

    @property
    def groups(self) -> list[tuple[int, GroupForm, list[tuple[int, "RuleRowForm"]]]]:
        """(index, group form, its (row index, row form)) for the template; group 0 first."""
        count = len(self._groups)
        return [
            (
                index,
                form,
                [
                    (number, row)
                    for number, (row, raw) in enumerate(
                        zip(self.row_forms, self._rows, strict=True)
                    )
                    if _group_of(raw, count) == index
                ],
            )
            for index, form in enumerate(self.group_forms)
        ]

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def group_count(self) -> int:
        return len(self._groups)

    @property
    def can_add_rule(self) -> bool:
        return len(self._rows) < MAX_ROWS

    @property
    def can_add_group(self) -> bool:
        return len(self._groups) < MAX_GROUPS and len(self._rows) < MAX_ROWS

    # The builder's buttons

    def rebuild(self, action: str) -> None:
        """Apply a builder button: ``add-rule:G``, ``add-group``, ``remove-rule:N``,
        ``to-json``, ``to-builder`` (anything else re-renders as posted)."""
        name, _sep, argument = action.partition(":")
        index = int(argument) if argument.isdigit() else -1
        groups, rows, mode = list(self._groups), list(self._rows), self.editor
        text = self.data.get("rules_json", "")
        if name == "add-rule" and 0 <= index < len(groups) and self.can_add_rule:
            rows.append({"group": index})
        elif name == "add-group" and self.can_add_group:
            groups.append({"match": "any"})
            rows.append({"group": len(groups) - 1})
        elif name == "remove-rule" and 0 <= index < len(rows):
            rows.pop(index)
            groups, rows = _without_empty_groups(groups, rows)
        elif name == "to-json":
            rules = self._builder_rules() if self.is_valid() else None
            if rules is None:
                return  # the reasons stay on the rows
            mode, text = JSON, rules_text(rules)
        elif name == "to-builder":
            rules = self._json_rules() if self.is_valid() else None
            if rules is None:
                return
            layout = builder_layout(rules, self.choices)
            if layout is None:
                self.rule_errors.append(
                    gettext(
                        "These rules nest deeper than the builder shows; keep editing them as JSON."
                    )
                )
                return
            (groups, rows), mode = layout, BUILDER
        self.data = _as_data(groups, rows, mode=mode, text=text)
        self._errors = None
        self.rule_errors = []
        self._bind(groups, rows, mode)

    # Reading the rules

    def rules(self) -> dict | None:
        """The rule set as JSON from the editor in use; None with ``rule_errors`` (or errors
        on rows) when it cannot be read. The builder refuses an empty rule set (a segment of
        every contact is not what anyone means); JSON passes as written to the service."""
        self.rule_errors = []
        if not self.is_valid():
            return None
        if self.editor == JSON:
            return self._json_rules()
        rules = self._builder_rules()
        if rules is not None and not rules["rules"]:
            self.rule_errors.append(gettext("Add at least one rule."))
            return None
        return rules

    def has_rules(self) -> bool:
        """Whether anything was entered yet (a blank new form shows no error)."""
        if self.editor == JSON:
            return bool((self.data.get("rules_json") or "").strip())
        return any(row.get("field") for row in self._rows)

    @property
    def preview_text(self) -> str:
        """The builder's rules as JSON, for the read-only view beside the builder."""
        if self.editor != BUILDER or not self.is_valid():
            return ""
        errors = list(self.rule_errors)
        rules = self._builder_rules()
        self.rule_errors = errors
        return rules_text(rules) if rules is not None and rules["rules"] else ""

    def _json_rules(self) -> dict | None:
        text = (self.cleaned_data.get("rules_json") or "").strip()
        if not text:
            self.rule_errors.append(gettext("Write the rules as JSON, or use the rule builder."))
            return None
        try:
            rules = json.loads(text)
        except json.JSONDecodeError as error:
            self.rule_errors.append(
                gettext("This is not valid JSON (line %(line)s, column %(column)s): %(reason)s")
                % {"line": error.lineno, "column": error.colno, "reason": error.msg}
            )
            return None
        if not isinstance(rules, dict):
            self.rule_errors.append(gettext("The rules are one JSON object: a group or a rule."))
            return None
        return rules

    def _builder_rules(self) -> dict | None:
        invalid = False
        count = len(self._groups)
        children: dict[int, list[dict]] = {index: [] for index in range(count)}
        for number, (row, raw) in enumerate(zip(self.row_forms, self._rows, strict=True), 1):
            rule = row.rule() if row.is_valid() else None
            if row.errors:
                invalid = True
                for problems in row.errors.values():
                    self.rule_errors.extend(
                        gettext("Rule %(number)s: %(problem)s")
                        % {"number": number, "problem": problem}
                        for problem in problems
                    )
            elif rule is not None:
                children[_group_of(raw, count)].append(rule)
        if invalid:
            return None
        rules: list[dict] = list(children[0])
        for index in range(1, count):
            if children[index]:
                rules.append({"match": self._match(index), "rules": children[index]})
        return {"match": self._match(0), "rules": rules}

    def _match(self, index: int) -> str:
        form = self.group_forms[index]
        value = form.cleaned_data.get("match") if form.is_valid() else ""
        return value if value in ("all", "any") else "all"


def _group_of(row: dict, group_count: int) -> int:
    try:
        group = int(row.get("group") or 0)
    except (TypeError, ValueError):
        return 0
    return group if 0 <= group < group_count else 0


def _without_empty_groups(groups: list[dict], rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Nested groups that lost their last rule go; group 0 always stays."""
    count = len(groups)
    used = {_group_of(row, count) for row in rows}
    keep = [0, *(index for index in range(1, count) if index in used)]
    renumber = {old: new for new, old in enumerate(keep)}
    rows = [{**row, "group": renumber[_group_of(row, count)]} for row in rows]
    return [groups[index] for index in keep], rows or [{"group": 0}]


def _posted(data) -> tuple[list[dict], list[dict]]:
    """The groups and rows a builder posted. A row whose field changed since it was drawn
    (``rendered``) starts with an empty value: the old one belonged to another field."""
    many = getattr(data, "getlist", lambda key: [data[key]] if key in data else [])
    groups = [
        {"match": data.get(f"group-{index}-match", "all")}
        for index in range(_bounded(data.get("groups"), 1, MAX_GROUPS))
    ]
    rows = []
    for index in range(_bounded(data.get("rows"), 0, MAX_ROWS)):
        prefix = f"rule-{index}-"
        key = data.get(prefix + "field", "")
        row: dict[str, Any] = {"group": data.get(prefix + "group", "0"), "field": key}
        if key and key == data.get(prefix + "rendered", ""):
            for name in ("op", "value", "flag", "key", "count", "days", "channel"):
                row[name] = data.get(prefix + name, "")
            row["owners"] = many(prefix + "owners")
            if value_kind(key) in (INDUSTRY, SIZE):
                row["value"] = many(prefix + "value")
        rows.append(row)
    return groups, rows or [{"group": 0}]


def _as_data(groups: list[dict], rows: list[dict], *, mode: str, text: str) -> QueryDict:
    """A layout as the builder would post it (what the forms are bound to)."""
    data = QueryDict(mutable=True)
    data.update({"mode": mode, "rules_json": text, "groups": str(len(groups))})
    data["rows"] = str(len(rows))
    for index, group in enumerate(groups):
        data[f"group-{index}-match"] = group.get("match") or "all"
    for index, row in enumerate(rows):
        prefix = f"rule-{index}-"
        data[prefix + "rendered"] = row.get("field") or ""
        for name in ROW_KEYS:
            value = row.get(name)
            if isinstance(value, list | tuple):
                data.setlist(prefix + name, [str(item) for item in value])
            elif value is not None and value != "":
                data[prefix + name] = str(value)
    return data


def _bounded(text, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(text)))
    except (TypeError, ValueError):
        return low


def rules_text(rules: dict) -> str:
    """Rules as the JSON editor shows them: indented, in their own script."""
    return json.dumps(rules, ensure_ascii=False, indent=2)


def builder_layout(rules: Any, choices: BuilderChoices) -> tuple[list[dict], list[dict]] | None:
    """The builder's groups and rows for a rule set, or None when the builder cannot show it
    as it is (groups inside groups, empty groups, values of an unexpected shape)."""
    if not isinstance(rules, dict):
        return None
    top = rules if "match" in rules else {"match": "all", "rules": [rules]}
    if top.get("match") not in ("all", "any") or not isinstance(top.get("rules"), list):
        return None
    groups: list[dict] = [{"match": top["match"]}]
    rows: list[dict] = []
    for child in top["rules"]:
        if isinstance(child, dict) and "match" in child:
            inner = child.get("rules")
            if child.get("match") not in ("all", "any") or not isinstance(inner, list) or not inner:
                return None
            groups.append({"match": child["match"]})
            for rule in inner:
                row = _row_layout(rule, len(groups) - 1, choices)
                if row is None:
                    return None
                rows.append(row)
        else:
            row = _row_layout(child, 0, choices)
            if row is None:
                return None
            rows.append(row)
    return groups, rows or [{"group": 0}]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _row_layout(rule: Any, group: int, choices: BuilderChoices) -> dict | None:
    if not isinstance(rule, dict) or set(rule) - {"field", "op", "value"}:
        return None
    key = rule.get("field")
    registered = choices.registry.get(key) if isinstance(key, str) else None
    if registered is None:
        return None
    op = rule.get("op", registered.ops[0])
    if op not in registered.ops:
        return None
    value = rule.get("value")
    row: dict[str, Any] = {"group": group, "field": key, "op": op}
    kind = value_kind(key)
    items = value if isinstance(value, list) else [value]
    plain = all(isinstance(item, str) or _is_number(item) for item in items)
    if kind == CODES:
        if not plain:
            return None
        row["value"] = ", ".join(str(item) for item in items)
    elif kind in (INDUSTRY, SIZE):
        known = {code for code, _label in (Industry if kind == INDUSTRY else SizeBand).choices}
        if not plain or not {str(item) for item in items} <= known:
            return None
        row["value"] = [str(item) for item in items]
    elif kind == OWNER:
        if not plain or not all(str(item).strip().isdigit() for item in items):
            return None
        users = {pk for pk, _name in choices.users}
        if not {str(int(item)) for item in items} <= users:
            return None
        row["owners"] = [str(int(item)) for item in items]
    elif kind == FLAG:
        if not isinstance(value, bool):
            return None
        row["flag"] = "yes" if value else "no"
    elif kind == CUSTOM:
        if not isinstance(value, dict) or set(value) != {"key", "value"}:
            return None
        keys = {k for k, _label in choices.custom_fields}
        if value["key"] not in keys or not (
            isinstance(value["value"], str) or _is_number(value["value"])
        ):
            return None
        row["key"] = value["key"]
        row["value"] = str(value["value"])
    elif kind == ACTIVITY:
        if not isinstance(value, dict) or set(value) - {"count", "days", "channel"}:
            return None
        count, days = value.get("count", DEFAULT_COUNT), value.get("days", DEFAULT_DAYS)
        channel = value.get("channel", "")
        if not (isinstance(count, int) and isinstance(days, int) and isinstance(channel, str)):
            return None
        if isinstance(count, bool) or isinstance(days, bool):
            return None
        row.update({"count": count, "days": days, "channel": channel})
    else:
        row["value"] = json.dumps(value, ensure_ascii=False)
    return row


class AddToListForm(PageForm):
    """ "Add to list" on a contact's page: one of the static lists it is not on yet."""

    segment = forms.ModelChoiceField(
        label=_("List"), queryset=Segment.objects.none(), empty_label=_("Choose a list…")
    )

    def __init__(self, *args, contact_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].queryset = Segment.objects.filter(kind=Segment.Kind.STATIC).exclude(
            members__id=contact_id
        )


# Rules in plain words, in the reader's language


@dataclass
class RuleWords:
    """A rule as a sentence, or a group as a heading over its rules."""

    text: str
    children: list["RuleWords"] = field(default_factory=list)


def rules_in_words(rules: Any) -> RuleWords:
    """A rule set as sentences in the active language ("Country is Thailand or Poland")."""
    names = _Names(rules)
    return _words(rules, names, top=True)


class _Names:
    """Names of the users and custom fields the rules mention, read once."""

    def __init__(self, rules: Any):
        owner_ids: set[int] = set()
        uses_custom = False
        for rule in _leaves(rules):
            if rule.get("field") == "owner":
                for item in rule.get("value") if isinstance(rule.get("value"), list) else []:
                    if str(item).strip().isdigit():
                        owner_ids.add(int(str(item).strip()))
                if str(rule.get("value", "")).strip().isdigit():
                    owner_ids.add(int(str(rule["value"]).strip()))
            uses_custom = uses_custom or rule.get("field") == "custom"
        self.users = (
            {user.pk: str(user) for user in User.objects.filter(pk__in=owner_ids)}
            if owner_ids
            else {}
        )
        self.custom = custom_fields() if uses_custom else {}


def _leaves(rules: Any, depth: int = 0):
    if not isinstance(rules, dict) or depth > 10:
        return
    if "match" in rules and isinstance(rules.get("rules"), list):
        for child in rules["rules"]:
            yield from _leaves(child, depth + 1)
    elif "match" not in rules:
        yield rules


def _words(rules: Any, names: _Names, *, top: bool = False) -> RuleWords:
    if isinstance(rules, dict) and "match" in rules and isinstance(rules.get("rules"), list):
        if rules.get("match") == "any":
            heading = (
                gettext("Contacts that match any of these:") if top else gettext("Any of these:")
            )
        else:
            heading = (
                gettext("Contacts that match all of these:") if top else gettext("All of these:")
            )
        return RuleWords(heading, [_words(child, names) for child in rules["rules"]])
    if top:
        return RuleWords(gettext("Contacts that match:"), [_words(rules, names)])
    try:
        return RuleWords(_rule_sentence(rules, names))
    except (AttributeError, KeyError, TypeError, ValueError):
        return RuleWords(json.dumps(rules, ensure_ascii=False))


def _or_list(items: list[str]) -> str:
    if not items:
        return "—"
    try:
        return format_list(items, style="or", locale=reader_locale())
    except (KeyError, ValueError):
        return ", ".join(items)


def _number(value: Any) -> str:
    return number_format(value, use_l10n=True, force_grouping=True) if _is_number(value) else value


def _rule_sentence(rule: dict, names: _Names) -> str:
    key = rule.get("field", "")
    registered = _registry().get(key)
    if registered is None:
        raise KeyError(key)
    label = str(registered.label)
    op = rule.get("op", registered.ops[0])
    value = rule.get("value")
    kind = value_kind(key)
    items = [str(item) for item in (value if isinstance(value, list) else [value])]
    if kind in (CODES, INDUSTRY, SIZE, OWNER):
        if key == "country":
            shown = [country_name(code.strip().upper()) or code for code in items]
        elif key == "language":
            shown = [language_name(tag.strip()) or tag for tag in items]
        elif key == "timezone":
            shown = [zone.replace("_", " ") for zone in items]
        elif kind == INDUSTRY:
            shown = [str(dict(Industry.choices).get(code, code)) for code in items]
        elif kind == SIZE:
            shown = [str(dict(SizeBand.choices).get(code, code)) for code in items]
        elif kind == OWNER:
            shown = [
                names.users.get(int(item), gettext("user #%(id)s") % {"id": item})
                if item.strip().isdigit()
                else item
                for item in items
            ]
        else:
            shown = [gettext("“%(tag)s”") % {"tag": item} for item in items]
        values = {"field": label, "values": _or_list(shown)}
        if op == "not_in":
            return gettext("%(field)s is not %(values)s") % values
        return gettext("%(field)s is %(values)s") % values
    if kind == FLAG:
        return (
            gettext("Marked “do not contact”")
            if value is True
            else gettext("Not marked “do not contact”")
        )
    if kind == CUSTOM:
        definition = names.custom.get(value["key"])
        parts = {
            "field": definition.label if definition else value["key"],
            "value": _number(value["value"]),
        }
        sentence = {
            "is": gettext("%(field)s is %(value)s"),
            "contains": gettext("%(field)s contains “%(value)s”"),
            "gt": gettext("%(field)s is more than %(value)s"),
            "lt": gettext("%(field)s is less than %(value)s"),
            "gte": gettext("%(field)s is at least %(value)s"),
            "lte": gettext("%(field)s is at most %(value)s"),
        }[op]
        return sentence % parts
    if kind == ACTIVITY:
        count = int(value.get("count", DEFAULT_COUNT))
        parts = {
            "count": _number(count),
            "days": _number(int(value.get("days", DEFAULT_DAYS))),
            "channel": str(dict(Channel.choices).get(value.get("channel"), value.get("channel"))),
        }
        if op == "fewer_than" and value.get("channel"):
            template = ngettext(
                "Fewer than %(count)s interaction by %(channel)s in the last %(days)s days",
                "Fewer than %(count)s interactions by %(channel)s in the last %(days)s days",
                count,
            )
        elif op == "fewer_than":
            template = ngettext(
                "Fewer than %(count)s interaction in the last %(days)s days",
                "Fewer than %(count)s interactions in the last %(days)s days",
                count,
            )
        elif value.get("channel"):
            template = ngettext(
                "At least %(count)s interaction by %(channel)s in the last %(days)s days",
                "At least %(count)s interactions by %(channel)s in the last %(days)s days",
                count,
            )
        else:
            template = ngettext(
                "At least %(count)s interaction in the last %(days)s days",
                "At least %(count)s interactions in the last %(days)s days",
                count,
            )
        return template % parts
    return gettext("%(field)s %(op)s %(value)s") % {
        "field": label,
        "op": OP_LABELS.get(op, op),
        "value": json.dumps(value, ensure_ascii=False),
    }
