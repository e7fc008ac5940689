"""This app's own timeline sources: interactions, and the people events (created, merged,
changed) of a contact or organization."""

from django.db.models import Q
from django.utils.translation import gettext as _

from amity.interactions.confidential import bodies_revealed_audit, body_shown
from amity.interactions.models import Interaction, InteractionContact
from amity.interactions.timeline import TimelineEntry, TimelineQuery
from amity.people.models import ContactOrganization, PeopleEvent


def _page_ids(query: TimelineQuery) -> list[int]:
    """The ids of one page of interactions, newest first. A contact's page is an index range
    scan on (contact, occurred_at), however many interactions the contact has."""
    found: set[tuple] = set()
    if query.contact_ids:
        rows = (
            InteractionContact.objects.filter(contact_id__in=query.contact_ids)
            .filter(query.before_q("interaction", key="interaction_id"))
            .order_by("-occurred_at", "-interaction_id")
            .values_list("occurred_at", "interaction_id")
            .distinct()[: query.limit]
        )
        found.update(rows)
    if query.organization_id is not None:
        direct = (
            Interaction.objects.filter(organization_id=query.organization_id)
            .filter(query.before_q("interaction"))
            .order_by("-occurred_at", "-id")
            .values_list("occurred_at", "id")[: query.limit]
        )
        members = ContactOrganization.objects.filter(organization_id=query.organization_id)
        via_members = (
            InteractionContact.objects.filter(contact_id__in=members.values("contact_id"))
            .filter(query.before_q("interaction", key="interaction_id"))
            .order_by("-occurred_at", "-interaction_id")
            .values_list("occurred_at", "interaction_id")
            .distinct()[: query.limit]
        )
        found.update(direct)
        found.update(via_members)
    return [pk for _when, pk in sorted(found, reverse=True)][: query.limit]


def interaction_entries(query: TimelineQuery) -> list[TimelineEntry]:
    ids = _page_ids(query)
    if not ids:
        return []
    rows = (
        Interaction.objects.filter(id__in=ids)
        .select_related("created_by", "organization")
        .prefetch_related("contacts", "users")
        .order_by("-occurred_at", "-id")
    )
    entries = []
    revealed = 0
    for row in rows:
        summary, withheld = body_shown(row, query.reader)
        revealed += row.confidential and bool(row.body) and not withheld
        entries.append(
            TimelineEntry(
                kind="interaction",
                key=row.pk,
                occurred_at=row.occurred_at,
                title=row.subject or row.get_channel_display(),
                summary=summary,
                channel=row.channel,
                direction=row.direction,
                actor=str(row.created_by or ""),
                language=row.language,
                withheld=withheld,
                detail={
                    "interaction": row,
                    "channel_label": row.get_channel_display(),
                    "direction_label": row.get_direction_display(),
                    "outcome_label": row.get_outcome_display() if row.outcome else "",
                    "confidential": row.confidential,
                },
            )
        )
    bodies_revealed_audit(
        query.reader,
        count=revealed,
        channel=query.channel,
        contact_id=query.contact_ids[0] if query.contact_ids else None,
        organization_id=query.organization_id,
    )
    return entries


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
