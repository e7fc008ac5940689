"""The people app's domain events (``amity.core.events``): contacts, organizations, custom
fields and cultural guidance preferences. Published by ``history.record_event`` beside the
``PeopleEvent`` row the timeline reads."""

from dataclasses import dataclass
from typing import Any

from amity.core.actors import Actor
from amity.core.events import Event, RecordEvent, publish


@dataclass(frozen=True, kw_only=True)
class ContactCreated(RecordEvent):
    name = "contact.created"
    subject_kind = "contact"
    audit_action = "created"


@dataclass(frozen=True, kw_only=True)
class ContactChanged(RecordEvent):
    name = "contact.updated"
    subject_kind = "contact"
    audit_action = "changed"


@dataclass(frozen=True, kw_only=True)
class ContactDeleted(RecordEvent):
    name = "contact.deleted"
    subject_kind = "contact"
    audit_action = "deleted"


@dataclass(frozen=True, kw_only=True)
class RecordsMerged(RecordEvent):
    """``merged_id`` (gone) was merged into ``record_id`` (kept)."""

    merged_id: int

    def details(self) -> dict[str, Any]:
        return {"merged_id": self.merged_id}


@dataclass(frozen=True, kw_only=True)
class ContactsMerged(RecordsMerged):
    name = "contact.merged"
    subject_kind = "contact"
    audit_action = "merged"


@dataclass(frozen=True, kw_only=True)
class OrganizationCreated(RecordEvent):
    name = "organization.created"
    subject_kind = "organization"
    audit_action = "created"


@dataclass(frozen=True, kw_only=True)
class OrganizationChanged(RecordEvent):
    name = "organization.updated"
    subject_kind = "organization"
    audit_action = "changed"


@dataclass(frozen=True, kw_only=True)
class OrganizationDeleted(RecordEvent):
    name = "organization.deleted"
    subject_kind = "organization"
    audit_action = "deleted"


@dataclass(frozen=True, kw_only=True)
class OrganizationsMerged(RecordsMerged):
    name = "organization.merged"
    subject_kind = "organization"
    audit_action = "merged"


@dataclass(frozen=True, kw_only=True)
class ContactGuidanceChanged(RecordEvent):
    """A contact's cultural guidance preferences changed."""

    name = "contact.guidance_updated"
    subject_kind = "contact"
    audit_action = "changed"


@dataclass(frozen=True, kw_only=True)
class OrganizationGuidanceChanged(RecordEvent):
    """An organization's cultural guidance preferences changed."""

    name = "organization.guidance_updated"
    subject_kind = "organization"
    audit_action = "changed"


@dataclass(frozen=True, kw_only=True)
class CustomFieldDefined(Event):
    """A custom field was defined or changed (it touches no person: not audited)."""

    name = "custom_field.defined"
    key: str


# PeopleEvent row types as event classes (guidance.updated: by the record it belongs to).
_RECORD_EVENTS: dict[str, type[RecordEvent]] = {
    cls.name: cls
    for cls in (
        ContactCreated,
        ContactChanged,
        ContactDeleted,
        OrganizationCreated,
        OrganizationChanged,
        OrganizationDeleted,
    )
}


def people_event_publish(
    type_: str,
    *,
    actor: Actor,
    contact_id: int | None,
    organization_id: int | None,
    data: dict[str, Any],
) -> None:
    """Publish the typed event for a ``PeopleEvent`` row a service has just written."""
    fields = tuple(data.get("fields", ()))
    event: Event
    if type_ == "custom_field.defined":
        event = CustomFieldDefined(actor=actor, key=str(data.get("key", "")))
    elif type_ == "guidance.updated":
        if contact_id is not None:
            event = ContactGuidanceChanged(actor=actor, record_id=contact_id, fields=fields)
        else:
            event = OrganizationGuidanceChanged(
                actor=actor, record_id=organization_id or 0, fields=fields
            )
    elif type_ == "contact.merged":
        event = ContactsMerged(actor=actor, record_id=contact_id or 0, merged_id=data["merged_id"])
    elif type_ == "organization.merged":
        event = OrganizationsMerged(
            actor=actor, record_id=organization_id or 0, merged_id=data["merged_id"]
        )
    else:
        cls = _RECORD_EVENTS[type_]
        record_id = contact_id if cls.subject_kind == "contact" else organization_id
        record_id = record_id or int(data[f"{cls.subject_kind}_id"])
        event = cls(actor=actor, record_id=record_id, fields=fields)
    publish(event)


@dataclass(frozen=True, kw_only=True)
class SegmentEvent(RecordEvent):
    subject_kind = "segment"


@dataclass(frozen=True, kw_only=True)
class SegmentCreated(SegmentEvent):
    name = "segment.created"


@dataclass(frozen=True, kw_only=True)
class SegmentChanged(SegmentEvent):
    name = "segment.updated"


@dataclass(frozen=True, kw_only=True)
class SegmentDeleted(SegmentEvent):
    name = "segment.deleted"


@dataclass(frozen=True, kw_only=True)
class SegmentMembersChanged(SegmentEvent):
    """Contacts were added to or removed from a static list."""

    name = "segment.members_changed"
    added: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Imported(Event):
    """A file import ran (from the command line, or the worker for the import page)."""

    audit_action = "imported"
    format: str
    rows: int
    created: int
    updated: int
    skipped: int
    failed: int

    def details(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "failed": self.failed,
        }


@dataclass(frozen=True, kw_only=True)
class ContactsImported(Imported):
    name = "contacts.imported"
    subject_kind = "contacts"


@dataclass(frozen=True, kw_only=True)
class OrganizationsImported(Imported):
    name = "organizations.imported"
    subject_kind = "organizations"
