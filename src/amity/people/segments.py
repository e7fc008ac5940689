"""Segments: saved rules that pick contacts, combined with "all of" / "any of" groups.

A rule set is JSON, so the API, the pages and the import all speak it::

    {"match": "all", "rules": [
        {"field": "country", "op": "in", "value": ["TH", "PL"]},
        {"match": "any", "rules": [
            {"field": "tag", "op": "is", "value": "vip"},
            {"field": "interactions", "op": "at_least",
             "value": {"count": 3, "days": 90, "channel": "phone"}}]}]}

Each ``field`` is a ``SegmentField`` (``people.rule_fields``): this app registers the
record's own fields, and apps above it contribute theirs through their record kind's
``segment_fields`` (interactions here; purchases, NPS, consent, health later;
``amity.core.records``). A field turns (op, value) into a ``Q`` on Contact, so a segment is
one query on either database, and carries how the rule builder asks for its value and says
the rule in words.
"""

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.accounts.visibility import visible_contacts_q, visible_records_q
from amity.core.actors import as_actor
from amity.core.errors import DomainError
from amity.core.events import publish
from amity.core.permissions import Action, require
from amity.people.events import (
    SegmentChanged,
    SegmentCreated,
    SegmentDeleted,
    SegmentMembersChanged,
)
from amity.people.models import Contact, Segment
from amity.people.rule_fields import segment_fields

MAX_DEPTH = 4
MAX_RULES = 100


def rules_q(rules: dict, *, depth: int = 0, counter: list[int] | None = None) -> Q:
    """The Q a rule set stands for; DomainError with a readable reason when it is malformed."""
    counter = counter if counter is not None else [0]
    if depth >= MAX_DEPTH and isinstance(rules, dict) and "match" in rules:
        raise DomainError(_("Rule groups nest at most 4 deep."), field="rules")
    if not isinstance(rules, dict):
        raise DomainError(_("A rule must be an object."), field="rules")
    if "match" in rules:
        match = rules.get("match")
        children = rules.get("rules")
        if match not in ("all", "any") or not isinstance(children, list):
            raise DomainError(
                _('A group has "match": "all" or "any" and a list of "rules".'), field="rules"
            )
        if not children:
            raise DomainError(_("A group needs at least one rule."), field="rules")
        combined = Q()
        for child in children:
            part = rules_q(child, depth=depth + 1, counter=counter)
            combined = combined & part if match == "all" else combined | part
        return combined
    counter[0] += 1
    if counter[0] > MAX_RULES:
        raise DomainError(_("A segment has at most 100 rules."), field="rules")
    key = rules.get("field", "")
    known = {f.key: f for f in segment_fields()}
    field = known.get(key) if isinstance(key, str) else None
    if field is None:
        raise DomainError(
            _("Unknown rule field %(field)s; known: %(known)s.")
            % {"field": rules.get("field"), "known": ", ".join(sorted(known))},
            field="rules",
        )
    op = rules.get("op", field.ops[0])
    if not isinstance(op, str) or op not in field.ops:
        raise DomainError(
            _("The field %(field)s takes the operators: %(ops)s.")
            % {"field": field.key, "ops": ", ".join(field.ops)},
            field="rules",
        )
    return field.to_q(op, rules.get("value"))


def _validated(name: str, kind: str, rules: dict) -> tuple[str, str, dict]:
    name = name.strip()
    if not name or len(name) > 150:
        raise DomainError(_("A segment needs a name of at most 150 characters."), field="name")
    if kind not in Segment.Kind.values:
        raise DomainError(_("A segment is rule-based or a static list."), field="kind")
    if kind == Segment.Kind.STATIC:
        return name, kind, {}  # a static list is its members; it has no rules
    rules = rules or {}
    rules_q(rules)  # refuse malformed rules now rather than on every count
    return name, kind, rules


def segment_create(
    *,
    actor: User | None,
    name: str,
    kind: str = "rules",
    rules: dict | None = None,
    description: str = "",
) -> Segment:
    """Save a segment (rules are validated now, evaluated on every use)."""
    if actor is not None:
        require(actor, Action.WRITE_RECORDS)
    name, kind, rules = _validated(name, kind, rules or {})
    with transaction.atomic():
        segment = Segment.objects.create(
            name=name, kind=kind, rules=rules, description=description.strip(), owner=actor
        )
        publish(SegmentCreated(actor=as_actor(actor), record_id=segment.pk))
    return segment


def segment_update(
    *,
    actor: User | None,
    segment: Segment,
    name: str | None = None,
    rules: dict | None = None,
    description: str | None = None,
) -> Segment:
    """Rename, re-describe or change the rules of a segment (rules validated first)."""
    if actor is not None:
        require(actor, Action.WRITE_RECORDS)
    segment.name, _kind, segment.rules = _validated(
        segment.name if name is None else name,
        segment.kind,
        segment.rules if rules is None else rules,
    )
    if description is not None:
        segment.description = description.strip()
    with transaction.atomic():
        segment.save()
        publish(SegmentChanged(actor=as_actor(actor), record_id=segment.pk))
    return segment


def segment_delete(*, actor: User | None, segment: Segment) -> None:
    """Delete a segment (its contacts stay)."""
    if actor is not None:
        require(actor, Action.WRITE_RECORDS)
    with transaction.atomic():
        publish(SegmentDeleted(actor=as_actor(actor), record_id=segment.pk))
        segment.delete()


def segment_members_change(
    *, actor: User | None, segment: Segment, add: list[int] = (), remove: list[int] = ()
) -> int:
    """Add and remove contacts of a static list; returns the member count ``actor`` sees.
    Contacts ``actor`` may not see are answered like missing ones and are never removed."""
    if actor is not None:
        require(actor, Action.WRITE_RECORDS)
    if segment.kind != Segment.Kind.STATIC:
        raise DomainError(_("Only a static list has members to add or remove."), field="kind")
    visible = Contact.objects.filter(visible_contacts_q(actor))
    with transaction.atomic():
        found = list(visible.filter(pk__in=list(add)).values_list("pk", flat=True))
        if missing := set(add) - set(found):
            raise DomainError(
                _("There is no contact with id %(id)s.") % {"id": min(missing)}, field="add"
            )
        removed = list(visible.filter(pk__in=list(remove)).values_list("pk", flat=True))
        segment.members.add(*found)
        segment.members.remove(*removed)
        publish(
            SegmentMembersChanged(
                actor=as_actor(actor),
                record_id=segment.pk,
                added=tuple(sorted(found)),
                removed=tuple(sorted(removed)),
            )
        )
    return segment_contacts(segment, user=actor).count()


def segment_contacts(segment: Segment, *, user: User | None = None):
    """The segment's contacts now that ``user`` may see (None: all), as a queryset (ordered
    by name). A segment is shared; each reader counts and lists the members they see."""
    if segment.kind == Segment.Kind.STATIC:
        return Contact.objects.filter(visible_contacts_q(user), static_segments=segment)
    return contacts_for_rules(segment.rules, user=user)


def contacts_for_rules(rules: dict, *, user: User | None = None):
    """Contacts matching a rule set that ``user`` may see (for a live count while rules are
    edited)."""
    return Contact.objects.filter(visible_contacts_q(user)).filter(rules_q(rules))


def segment_counts(shown: list[Segment], *, user: User | None = None) -> dict[int, int | None]:
    """Each segment's member count that ``user`` may see, with two queries for the whole list
    (one pass over the contacts with a filtered count per rule segment, one grouped count of
    static members); None for a segment whose rules cannot be evaluated any more (a removed
    custom field)."""
    counts: dict[int, int | None] = {}
    filtered = {}
    for segment in shown:
        if segment.kind == Segment.Kind.RULES:
            try:
                filtered[f"s{segment.pk}"] = Count("pk", filter=rules_q(segment.rules))
            except DomainError:
                counts[segment.pk] = None
    if filtered:
        visible = Contact.objects.filter(visible_contacts_q(user))
        for key, value in visible.aggregate(**filtered).items():
            counts[int(key[1:])] = value
    static = [s.pk for s in shown if s.kind == Segment.Kind.STATIC]
    members = dict(
        Segment.members.through.objects.filter(segment_id__in=static)
        .filter(visible_records_q(user, prefix="contact__"))
        .values("segment_id")
        .annotate(n=Count("contact_id"))
        .values_list("segment_id", "n")
    )
    counts.update({pk: members.get(pk, 0) for pk in static})
    return counts


# The segment kind's parts (amity.core.records): static list memberships.


def static_segment_ids(contact_id: int) -> list[int]:
    """The static lists a contact is in (their personal-data export)."""
    return sorted(
        Segment.members.through.objects.filter(contact_id=contact_id).values_list(
            "segment_id", flat=True
        )
    )


def static_segments_erase(contact_id: int, needles: tuple[str, ...]) -> int:
    """Erasure part: a membership holds no text about the person; the erased stub stays in
    its lists (counts keep adding up), so there is nothing to anonymize."""
    return 0


def static_segments_move(kind: str, keep_id: int, merged_id: int) -> None:
    """Merge hook: the merged contact's static list memberships go to the kept contact."""
    if kind != "contact":
        return
    through = Segment.members.through
    have = through.objects.filter(contact_id=keep_id).values("segment_id")
    through.objects.filter(contact_id=merged_id).exclude(segment_id__in=have).update(
        contact_id=keep_id
    )
