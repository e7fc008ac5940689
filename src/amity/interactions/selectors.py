"""Reads for interactions: filtered lists, one by id, and the segment rule on recency and
frequency by channel (registered in ``apps.py``)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.accounts.visibility import (
    sees_everything,
    visible_contacts_q,
    visible_organizations_q,
)
from amity.core.channels import Channel
from amity.core.errors import DomainError, NotFound
from amity.interactions.models import Interaction, InteractionContact
from amity.people.models import Contact, Organization
from amity.people.validation import clean_choice


@dataclass(frozen=True)
class InteractionFilters:
    contact_id: int | None = None
    organization_id: int | None = None
    channel: str = ""
    direction: str = ""
    since: datetime | None = None  # aware
    until: datetime | None = None  # aware


def _with_related(interactions: QuerySet[Interaction]) -> QuerySet[Interaction]:
    return interactions.prefetch_related(
        Prefetch("contacts", Contact.objects.only("id")),
        Prefetch("users", User.objects.only("id")),
    )


def visible_interactions_q(user: User | None) -> Q:
    """The interactions ``user`` may see: those with a contact or an organization they see
    (``amity.accounts.visibility``); None sees all."""
    if sees_everything(user):
        return Q()
    contacts = Contact.objects.filter(visible_contacts_q(user)).values("pk")
    organizations = Organization.objects.filter(visible_organizations_q(user)).values("pk")
    with_contact = InteractionContact.objects.filter(contact_id__in=contacts)
    return Q(pk__in=with_contact.values("interaction_id")) | Q(organization_id__in=organizations)


def interactions_matching(
    filters: InteractionFilters, *, user: User | None = None
) -> QuerySet[Interaction]:
    """Interactions passing every filter that ``user`` may see (None: all), with their contact
    and colleague ids."""
    interactions = Interaction.objects.filter(visible_interactions_q(user))
    if filters.contact_id is not None:
        interactions = interactions.filter(contacts=filters.contact_id)
    if filters.organization_id is not None:
        interactions = interactions.filter(organization_id=filters.organization_id)
    if filters.channel:
        interactions = interactions.filter(channel=filters.channel)
    if filters.direction:
        interactions = interactions.filter(direction=filters.direction)
    if filters.since is not None:
        interactions = interactions.filter(occurred_at__gte=filters.since)
    if filters.until is not None:
        interactions = interactions.filter(occurred_at__lt=filters.until)
    return _with_related(interactions)


def interaction_get(interaction_id: int, *, user: User | None = None) -> Interaction:
    """One interaction; NotFound also when ``user`` may not see it."""
    visible = Interaction.objects.filter(visible_interactions_q(user), pk=interaction_id)
    interaction = _with_related(visible).first()
    if interaction is None:
        raise NotFound(_("No interaction has the id %(id)s.") % {"id": interaction_id})
    return interaction


def contacts_with_interactions_q(op: str, value: object) -> Q:
    """Segment rule "interactions": contacts with at least (or fewer than) ``count``
    interactions in the last ``days`` days, optionally on one ``channel``."""
    if not isinstance(value, dict):
        raise DomainError(
            _('An interactions rule has the value {"count": 3, "days": 90, "channel": "phone"}.'),
            field="rules",
        )
    try:
        if isinstance(value.get("count"), bool) or isinstance(value.get("days"), bool):
            raise TypeError("a yes/no is not a number")
        count = int(value.get("count", 1))
        days = int(value.get("days", 30))
    except (TypeError, ValueError):
        raise DomainError(_("Count and days are whole numbers."), field="rules") from None
    if count < 1 or not 1 <= days <= 3650:
        raise DomainError(_("Count is at least 1 and days between 1 and 3650."), field="rules")
    rows = InteractionContact.objects.filter(occurred_at__gte=timezone.now() - timedelta(days=days))
    if channel := value.get("channel"):
        rows = rows.filter(channel=clean_choice(str(channel).lower(), Channel, field="rules"))
    if count == 1:  # "any interaction": a semi-join on the index, no counting
        where = Q(pk__in=rows.values("contact_id"))
    else:
        active = rows.values("contact_id").annotate(n=Count("id")).filter(n__gte=count)
        where = Q(pk__in=active.values("contact_id"))
    return where if op == "at_least" else ~where
