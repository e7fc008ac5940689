"""A segment's rules in plain words, in the reader's language ("Country is Thailand or
Poland"), for the segment pages: a field's own ``describe`` where it has one (fields other
apps contribute), else the wording of its value kind."""

import json
from dataclasses import dataclass, field
from typing import Any

from babel.lists import format_list
from django.utils.formats import number_format
from django.utils.translation import gettext

from amity.accounts.models import User
from amity.people.formatting import country_name, language_name, reader_locale
from amity.people.models import Industry, SizeBand
from amity.people.segment_builder import OP_LABELS, is_number, rule_fields
from amity.people.segment_values import CODES, CUSTOM, FLAG, INDUSTRY, OWNER, SIZE
from amity.people.selectors import custom_fields


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


def number_in_words(value: Any) -> str:
    """A number in a rule's sentence, as the reader's locale writes it (anything else as is)."""
    return number_format(value, use_l10n=True, force_grouping=True) if is_number(value) else value


def _rule_sentence(rule: dict, names: _Names) -> str:
    key = rule.get("field", "")
    registered = rule_fields().get(key)
    if registered is None:
        raise KeyError(key)
    label = str(registered.label)
    op = rule.get("op", registered.ops[0])
    value = rule.get("value")
    if registered.describe is not None:
        return registered.describe(op, value)
    kind = registered.value_kind
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
            "value": number_in_words(value["value"]),
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
    return gettext("%(field)s %(op)s %(value)s") % {
        "field": label,
        "op": OP_LABELS.get(op, op),
        "value": json.dumps(value, ensure_ascii=False),
    }
