"""The privacy app's domain events (``amity.core.events``): the consent ledger and purposes."""

from dataclasses import dataclass
from typing import Any

from amity.core.events import Event, RecordEvent


@dataclass(frozen=True, kw_only=True)
class ConsentRecorded(RecordEvent):
    """A row was added to a contact's consent ledger (``record_id`` is the contact)."""

    name = "consent.recorded"
    subject_kind = "contact"
    audit_action = "consent"
    entry_id: int
    purpose: str  # the purpose's slug
    channel: str
    status: str
    source: str
    double_opt_in: str = ""

    def details(self) -> dict[str, Any]:
        # Never the evidence or the wording: they may quote the person.
        return {
            "purpose": self.purpose,
            "status": self.status,
            "source": self.source,
            "double_opt_in": self.double_opt_in or None,
        }


@dataclass(frozen=True, kw_only=True)
class PurposeCreated(Event):
    name = "purpose.created"
    slug: str


@dataclass(frozen=True, kw_only=True)
class RequestEvent(RecordEvent):
    """A data-subject request (``record_id``) about a contact was logged or moved on."""

    subject_kind = "contact"  # the person the request is about: ``contact_id``
    contact_id: int
    kind: str
    status: str


@dataclass(frozen=True, kw_only=True)
class RequestLogged(RequestEvent):
    name = "privacy_request.logged"


@dataclass(frozen=True, kw_only=True)
class RequestChanged(RequestEvent):
    name = "privacy_request.updated"


@dataclass(frozen=True, kw_only=True)
class JurisdictionOverridden(RecordEvent):
    """A contact's privacy regime is decided by another place (``country`` blank: by their
    own country again). ``record_id`` is the contact."""

    name = "contact.jurisdiction_set"
    subject_kind = "contact"
    country: str
    subdivision: str = ""
