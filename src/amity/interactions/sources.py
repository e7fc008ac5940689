"""This app's own timeline sources: interactions, and the people events (created, merged,
changed) of a contact or organization."""

from django.db.models import Q
from django.utils.translation import gettext as _

from amity.interactions.models import Interaction
from amity.interactions.timeline import TimelineEntry, TimelineQuery
from amity.people.models import ContactOrganization, PeopleEvent


def _interaction_filter(query: TimelineQuery) -> Q | None:
    where = Q()
    if query.contact_ids:
        where |= Q(contacts__in=query.contact_ids)
    if query.organization_id is not None:
        members = ContactOrganization.objects.filter(organization_id=query.organization_id)
        where |= Q(organization_id=query.organization_id) | Q(
            contacts__in=members.values("contact_id")
        )
    return where or None


def interaction_entries(query: TimelineQuery) -> list[TimelineEntry]:
    where = _interaction_filter(query)
    if where is None:
        return []
    ids = (
        Interaction.objects.filter(where)
        .filter(query.before_q("interaction"))
        .order_by("-occurred_at", "-id")
        .values_list("id", flat=True)
        .distinct()[: query.limit]
    )
    rows = (
        Interaction.objects.filter(id__in=list(ids))
        .select_related("created_by", "organization")
        .prefetch_related("contacts", "users")
        .order_by("-occurred_at", "-id")
    )
    return [
        TimelineEntry(
            kind="interaction",
            key=row.pk,
            occurred_at=row.occurred_at,
            title=row.subject or row.get_channel_display(),
            summary=row.body,
            channel=row.channel,
            direction=row.direction,
            actor=str(row.created_by or ""),
            detail={
                "interaction": row,
                "channel_label": row.get_channel_display(),
                "direction_label": row.get_direction_display(),
                "outcome_label": row.get_outcome_display() if row.outcome else "",
            },
        )
        for row in rows
    ]


def _event_title(event: PeopleEvent) -> str:
    if event.type == PeopleEvent.Type.CONTACTS_MERGED:
        return _("Merged with %(name)s") % {"name": event.data.get("merged_name", "")}
    return event.get_type_display()


def people_event_entries(query: TimelineQuery) -> list[TimelineEntry]:
    where = Q()
    if query.contact_ids:
        where |= Q(contact_id__in=query.contact_ids)
    if query.organization_id is not None:
        where |= Q(organization_id=query.organization_id)
    if not where:
        return []
    rows = (
        PeopleEvent.objects.filter(where)
        .filter(query.before_q("people_event", when="created_at"))
        .select_related("actor")
        .order_by("-created_at", "-id")[: query.limit]
    )
    return [
        TimelineEntry(
            kind="people_event",
            key=row.pk,
            occurred_at=row.created_at,
            title=_event_title(row),
            channel="event",
            actor=str(row.actor) if row.actor else row.actor_label,
            detail={"event": row},
        )
        for row in rows
    ]
