"""Forms of the segment pages: the segment's name, the rule builder (rows of rules in an
"all of" / "any of" group, with one level of nested groups) and the JSON editor for rules the
builder cannot show. Both editors produce the JSON of ``people.segments``; the service
validates it, and its DomainErrors come back next to the rules.

How the builder asks for each field's value and lays rules out in rows is
``segment_builder``; the form of one rule row, ``segment_rule_row``; the rules in words,
``segment_words``."""

import json

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from amity.people.forms.page_form import DomainErrorsMixin, PageForm
from amity.people.models import Segment
from amity.people.segment_builder import (
    MAX_GROUPS,
    MAX_ROWS,
    BuilderChoices,
    builder_layout,
    group_of,
    layout_data,
    posted_layout,
    rules_text,
    without_empty_groups,
)
from amity.people.segment_rule_row import RuleRowForm

BUILDER, JSON = "builder", "json"
MATCH_CHOICES = [("all", _("Match all of these rules")), ("any", _("Match any of these rules"))]


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
            groups, rows = posted_layout(data)
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
        super().__init__(layout_data(groups, rows, mode=mode, text=text))
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
                    if group_of(raw, count) == index
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
            groups, rows = without_empty_groups(groups, rows)
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
        self.data = layout_data(groups, rows, mode=mode, text=text)
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
                children[group_of(raw, count)].append(rule)
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
