"""The segment rule builder's layout: the groups and rows a saved rule set is shown as
(``builder_layout``, or None when the builder cannot show it) and the groups and rows a builder
posted (``posted_layout``). How each row asks for its value is the rule field's value kind
(``people.segment_values``), whichever app registered the field."""

import json
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from amity.accounts.models import User
from amity.people.models import CustomField, Industry, SizeBand
from amity.people.rule_fields import segment_fields
from amity.people.segment_values import (
    ACTIVITY,
    CODES,
    CUSTOM,
    DEFAULT_COUNT,
    DEFAULT_DAYS,
    FLAG,
    INDUSTRY,
    OWNER,
    SIZE,
)
from amity.people.segments import MAX_RULES

MAX_ROWS = MAX_RULES
MAX_GROUPS = 20

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
ROW_KEYS = ("group", "field", "op", "value", "owners", "flag", "key", "count", "days", "channel")


def rule_fields() -> dict:
    """The registered rule fields by key."""
    return {f.key: f for f in segment_fields()}


@dataclass
class BuilderChoices:
    """What every row's selects offer, read once per page rather than once per row."""

    registry: dict = field(default_factory=rule_fields)
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


def group_of(row: dict, group_count: int) -> int:
    try:
        group = int(row.get("group") or 0)
    except (TypeError, ValueError):
        return 0
    return group if 0 <= group < group_count else 0


def without_empty_groups(groups: list[dict], rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Nested groups that lost their last rule go; group 0 always stays."""
    count = len(groups)
    used = {group_of(row, count) for row in rows}
    keep = [0, *(index for index in range(1, count) if index in used)]
    renumber = {old: new for new, old in enumerate(keep)}
    rows = [{**row, "group": renumber[group_of(row, count)]} for row in rows]
    return [groups[index] for index in keep], rows or [{"group": 0}]


def posted_layout(data) -> tuple[list[dict], list[dict]]:
    """The groups and rows a builder posted. A row whose field changed since it was drawn
    (``rendered``) starts with an empty value: the old one belonged to another field."""
    many = getattr(data, "getlist", lambda key: [data[key]] if key in data else [])
    registry = rule_fields()
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
            registered = registry.get(key)
            if registered is not None and registered.value_kind in (INDUSTRY, SIZE):
                row["value"] = many(prefix + "value")
        rows.append(row)
    return groups, rows or [{"group": 0}]


def layout_data(groups: list[dict], rows: list[dict], *, mode: str, text: str) -> QueryDict:
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


def is_number(value: Any) -> bool:
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
    kind = registered.value_kind
    items = value if isinstance(value, list) else [value]
    plain = all(isinstance(item, str) or is_number(item) for item in items)
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
            isinstance(value["value"], str) or is_number(value["value"])
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
