"""The people app's history: a ``PeopleEvent`` row per change (the timeline reads these) and
the domain event published with it (the audit trail and automation subscribe)."""

from amity.accounts.models import User
from amity.core.actors import Actor, as_actor
from amity.people.events import people_event_publish
from amity.people.models import Contact, Organization, PeopleEvent


def record_event(
    type_: str,
    *,
    actor: User | Actor | None,
    actor_label: str = "",
    contact: Contact | None = None,
    organization: Organization | None = None,
    **data,
) -> PeopleEvent:
    """One typed event row (the timeline reads these) and its domain event (the audit trail
    and automation subscribe to those)."""
    typed = as_actor(actor, actor_label)
    event = PeopleEvent.objects.create(
        type=type_,
        actor=typed.user,
        actor_label=actor_label or typed.display,
        contact=contact,
        organization=organization,
        data=data,
    )
    people_event_publish(
        type_,
        actor=typed,
        contact_id=contact.pk if contact else None,
        organization_id=organization.pk if organization else None,
        data=data,
    )
    return event
