"""Likely duplicates: two records of one person or company. Contacts match on a shared email
address or phone number, or on the same name written in another script or order (the
romanized ``match_key``); organizations on a shared legal identifier or the same name."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from amity.people.models import (
    Contact,
    ContactEmail,
    ContactPhone,
    Organization,
    OrganizationIdentifier,
)
from amity.people.names import match_key

REASONS = {
    "email": _("same email address"),
    "phone": _("same phone number"),
    "name": _("same name in Latin letters"),
    "identifier": _("same legal identifier"),
}


@dataclass(frozen=True)
class DuplicateGroup:
    kind: str  # "contact" or "organization"
    reason: str  # a key of REASONS
    value: str  # the shared email, number, name key or identifier
    ids: tuple[int, ...]

    @property
    def reason_label(self) -> str:
        return str(REASONS[self.reason])


def _groups(rows, kind: str, reason: str) -> list[DuplicateGroup]:
    grouped: dict[str, set[int]] = {}
    for value, record_id in rows:
        grouped.setdefault(value, set()).add(record_id)
    return [
        DuplicateGroup(kind, reason, value, tuple(sorted(ids)))
        for value, ids in sorted(grouped.items())
        if len(ids) > 1
    ]


def contact_duplicate_groups(*, limit: int = 500) -> list[DuplicateGroup]:
    """Groups of contacts sharing an email, a phone or a romanized name; at most ``limit``
    values per reason (a database query per reason, grouped in the database)."""
    groups: list[DuplicateGroup] = []
    for model, column, reason in (
        (ContactEmail, "normalized", "email"),
        (ContactPhone, "number", "phone"),
        (Contact, "match_key", "name"),
    ):
        owner = "id" if model is Contact else "contact_id"
        shared = (
            model.objects.exclude(**{column: ""})
            .values(column)
            .annotate(n=Count(owner, distinct=True))
            .filter(n__gt=1)
            .order_by(column)
            .values_list(column, flat=True)[:limit]
        )
        rows = model.objects.filter(**{f"{column}__in": list(shared)}).values_list(column, owner)
        groups.extend(_groups(rows, "contact", reason))
    return groups


def contact_duplicates(contact: Contact) -> list[tuple[Contact, list[str]]]:
    """Other contacts that are likely the same person, with the reasons, strongest first."""
    reasons: dict[int, list[str]] = {}
    emails = list(contact.emails.values_list("normalized", flat=True))
    for other in ContactEmail.objects.filter(normalized__in=emails).exclude(contact=contact):
        reasons.setdefault(other.contact_id, []).append("email")
    numbers = list(contact.phones.values_list("number", flat=True))
    for other in ContactPhone.objects.filter(number__in=numbers).exclude(contact=contact):
        reasons.setdefault(other.contact_id, []).append("phone")
    key = contact.match_key or match_key(contact.full_name)
    if key:
        for other_id in (
            Contact.objects.filter(match_key=key)
            .exclude(pk=contact.pk)
            .values_list("pk", flat=True)
        ):
            reasons.setdefault(other_id, []).append("name")
    others = Contact.objects.in_bulk(list(reasons))
    ranked = sorted(reasons.items(), key=lambda item: (-len(set(item[1])), item[0]))
    return [(others[pk], sorted(set(why))) for pk, why in ranked if pk in others]


def organization_duplicate_groups(*, limit: int = 500) -> list[DuplicateGroup]:
    shared = (
        OrganizationIdentifier.objects.values("scheme", "value")
        .annotate(n=Count("organization_id", distinct=True))
        .filter(n__gt=1)
        .order_by("scheme", "value")[:limit]
    )
    groups: list[DuplicateGroup] = []
    for row in shared:
        ids = OrganizationIdentifier.objects.filter(
            scheme=row["scheme"], value=row["value"]
        ).values_list("organization_id", flat=True)
        groups.append(
            DuplicateGroup(
                "organization", "identifier", f"{row['scheme']}:{row['value']}", tuple(sorted(ids))
            )
        )
    names = (
        Organization.objects.values("name")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by("name")
        .values_list("name", flat=True)[:limit]
    )
    rows = Organization.objects.filter(name__in=list(names)).values_list("name", "id")
    groups.extend(_groups(rows, "organization", "name"))
    return groups
