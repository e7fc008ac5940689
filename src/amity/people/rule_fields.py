"""The fields a segment rule can test: ``SegmentField``, the registry of fields, and the
contact's own fields (country, language, time zone, tag, industry, size, owner, do not
contact, custom fields). Record kinds of other apps contribute theirs through their
``RecordKind.segment_fields`` (``amity.core.records``); ``segment_fields()`` lists both."""

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amity.core.errors import DomainError
from amity.core.records import record_kinds
from amity.people.models import Contact, CustomField
from amity.people.segment_values import CODES, CUSTOM, FLAG, INDUSTRY, OWNER, RAW, SIZE
from amity.people.validation import clean_country, clean_languages


@dataclass(frozen=True)
class SegmentField:
    """A rule field: ``to_q(op, value)`` is the Q on Contact a rule of this field stands for;
    the rest is how the segment pages show it."""

    key: str
    label: Any  # lazy translated
    ops: tuple[str, ...]
    to_q: Callable[[str, Any], Q]
    # How the rule builder asks for the value (people.segment_values); JSON by default.
    value_kind: str = RAW
    # Its own wording of the value kind's inputs: {"count": _("How many interactions")}.
    input_labels: dict[str, Any] = dataclass_field(default_factory=dict, hash=False)
    input_help: dict[str, Any] = dataclass_field(default_factory=dict, hash=False)
    # describe(op, value): the rule as a sentence in the active language (a malformed value
    # may raise: the rule shows as JSON); None: the value kind's wording (segment_words).
    describe: Callable[[str, Any], str] | None = None


_fields: dict[str, SegmentField] = {}


def register_field(field: SegmentField) -> None:
    _fields[field.key] = field


def segment_fields() -> list[SegmentField]:
    """Contacts' own fields and those record kinds contribute (``amity.core.records``)."""
    contributed = {f.key: f for kind in record_kinds() for f in kind.segment_fields}
    return sorted({**_fields, **contributed}.values(), key=lambda f: f.key)


def _values(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    cleaned = [str(item).strip() for item in items if str(item).strip()]
    if not cleaned:
        raise DomainError(_("The rule needs a value."), field="rules")
    return cleaned


def _choice_q(column: str) -> Callable[[str, Any], Q]:
    def to_q(op: str, value: Any) -> Q:
        values = _values(value)
        where = Q(**{f"{column}__in": values}) if len(values) > 1 else Q(**{column: values[0]})
        return ~where if op == "not_in" else where

    return to_q


def _country_q(op: str, value: Any) -> Q:
    codes = [clean_country(code, field="rules") for code in _values(value)]
    where = Q(country__in=codes)
    return ~where if op == "not_in" else where


def _language_q(op: str, value: Any) -> Q:
    where = Q()
    for tag in clean_languages(_values(value)):
        # "en" also means en-GB and en-IN; tags are stored normalized, so case agrees.
        where |= Q(language_tags__contains=f" {tag} ") | Q(language_tags__contains=f" {tag}-")
    return ~where if op == "not_in" else where


def _tag_q(op: str, value: Any) -> Q:
    where = Q(tags__name__in=_values(value))
    # "not tagged" must not drop contacts without tags: test membership by subquery.
    if op == "not_in":
        return ~Q(pk__in=Contact.objects.filter(where).values("pk"))
    return Q(pk__in=Contact.objects.filter(where).values("pk"))


def _organization_q(column: str) -> Callable[[str, Any], Q]:
    def to_q(op: str, value: Any) -> Q:
        inside = Contact.objects.filter(**{f"roles__organization__{column}__in": _values(value)})
        where = Q(pk__in=inside.values("pk"))
        return ~where if op == "not_in" else where

    return to_q


def _owner_q(op: str, value: Any) -> Q:
    try:
        ids = [int(v) for v in _values(value)]
    except ValueError:
        raise DomainError(_("Owners are given by user id."), field="rules") from None
    where = Q(owner_id__in=ids)
    return ~where if op == "not_in" else where


def _do_not_contact_q(op: str, value: Any) -> Q:
    if not isinstance(value, bool):
        raise DomainError(_("Do not contact is true or false."), field="rules")
    return Q(do_not_contact=value)


def _custom_q(op: str, value: Any) -> Q:
    if not isinstance(value, dict) or "key" not in value or "value" not in value:
        raise DomainError(
            _('A custom field rule has the value {"key": ..., "value": ...}.'), field="rules"
        )
    definition = CustomField.objects.filter(key=value["key"]).first()
    if definition is None:
        raise DomainError(
            _("There is no custom field %(key)s.") % {"key": value["key"]}, field="rules"
        )
    if definition.sensitive:
        # Its values are encrypted: a rule could neither match them nor be allowed to probe.
        raise DomainError(
            _("%(field)s is a sensitive field (stored encrypted) and cannot be used in a rule.")
            % {"field": definition.label},
            code="sensitive_field",
            field="rules",
        )
    wanted = value["value"]
    if op == "contains":
        return Q(**{f"custom__{definition.key}__icontains": str(wanted)})
    if definition.type == CustomField.Type.NUMBER:
        try:
            wanted = float(wanted)
        except (TypeError, ValueError):
            raise DomainError(_("Compare a number field with a number."), field="rules") from None
    lookup = {"is": "", "gt": "__gt", "lt": "__lt", "gte": "__gte", "lte": "__lte"}[op]
    return Q(**{f"custom__{definition.key}{lookup}": wanted})


CHOICE_OPS = ("in", "not_in")
CODE_HELP = {
    "country": gettext_lazy("Country codes separated by commas, e.g. TH, PL, JP."),
    "language": gettext_lazy("Language tags separated by commas, e.g. th, pl, ja."),
    "timezone": gettext_lazy("Time zones separated by commas, e.g. Asia/Bangkok, Europe/Warsaw."),
    "tag": gettext_lazy("Tags separated by commas."),
}


def _codes(key: str, label: Any, to_q: Callable[[str, Any], Q]) -> SegmentField:
    return SegmentField(key, label, CHOICE_OPS, to_q, CODES, input_help={"value": CODE_HELP[key]})


for _field in (
    _codes("country", gettext_lazy("Country"), _country_q),
    _codes("language", gettext_lazy("Language"), _language_q),
    _codes("timezone", gettext_lazy("Time zone"), _choice_q("timezone")),
    _codes("tag", gettext_lazy("Tag"), _tag_q),
    SegmentField(
        "industry", gettext_lazy("Industry"), CHOICE_OPS, _organization_q("industry"), INDUSTRY
    ),
    SegmentField("size_band", gettext_lazy("Size"), CHOICE_OPS, _organization_q("size_band"), SIZE),
    SegmentField("owner", gettext_lazy("Owner"), CHOICE_OPS, _owner_q, OWNER),
    SegmentField(
        "do_not_contact", gettext_lazy("Do not contact"), ("is",), _do_not_contact_q, FLAG
    ),
    SegmentField(
        "custom",
        gettext_lazy("Custom field"),
        ("is", "contains", "gt", "lt", "gte", "lte"),
        _custom_q,
        CUSTOM,
    ),
):
    register_field(_field)
