"""Export: everything Amity holds about a person, as machine-readable JSON and as a readable
HTML summary in their language (their first language Amity speaks, else English). Each export
is logged as a request (done) and in the audit trail."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from amity.core.audit_hooks import audit
from amity.core.permissions import Action, require
from amity.core.records import personal_data_parts
from amity.people.guidance_models import GuidancePreference
from amity.people.models import Contact, PeopleEvent
from amity.people.sensitive import custom_plaintext
from amity.privacy import requests, selectors
from amity.privacy.models import (
    AuditEntry,
    ConsentEntry,
    ContactJurisdiction,
    DataSubjectRequest,
)

FORMAT_VERSION = 1


def _iso(value: datetime.datetime | datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _record(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.pk,
        "given_name": contact.given_name,
        "family_name": contact.family_name,
        "middle_name": contact.middle_name,
        "honorific_prefix": contact.honorific_prefix,
        "preferred_name": contact.preferred_name,
        "name_latin": contact.name_latin,
        "full_name": contact.full_name,
        "name_order": contact.name_order,
        "form_of_address": contact.form_of_address,
        "languages": contact.languages,
        "country": contact.country,
        "timezone": contact.timezone,
        "preferred_channels": contact.preferred_channels,
        "do_not_contact": contact.do_not_contact,
        "external_id": contact.external_id,
        "custom": custom_plaintext(contact.custom),  # sensitive values decrypted for them
        "owner_id": contact.owner_id,
        "team_id": contact.team_id,
        "created_at": _iso(contact.created_at),
        "updated_at": _iso(contact.updated_at),
    }


def consents_export(contact_id: int) -> list[dict[str, Any]]:
    """The person's consent ledger (the consent kind's personal-data part)."""
    rows = ConsentEntry.objects.filter(contact_id=contact_id).select_related("purpose")
    return [
        {
            "id": e.pk,
            "purpose": e.purpose.slug,
            "channel": e.channel,
            "status": e.status,
            "lawful_basis": e.lawful_basis,
            "source": e.source,
            "evidence": e.evidence,
            "wording": e.wording,
            "wording_language": e.wording_language,
            "double_opt_in": e.double_opt_in,
            "recorded_at": _iso(e.recorded_at),
        }
        for e in rows.order_by("recorded_at", "id")
    ]


def contact_export_data(contact: Contact) -> dict[str, Any]:
    """The whole record as plain JSON data: a person's copy of what is held about them."""
    contact = Contact.objects.prefetch_related("emails", "phones", "tags").get(pk=contact.pk)
    override = ContactJurisdiction.objects.filter(contact_id=contact.pk).first()
    data: dict[str, Any] = {
        "format": "amity.person-export",
        "version": FORMAT_VERSION,
        "exported_at": _iso(timezone.now()),
        "contact": _record(contact),
        "emails": [
            {"address": e.address, "label": e.label, "is_primary": e.is_primary}
            for e in contact.emails.all()
        ],
        "phones": [
            {"number": p.number, "label": p.label, "is_primary": p.is_primary}
            for p in contact.phones.all()
        ],
        "roles": [
            {
                "organization_id": r.organization_id,
                "organization": r.organization.name,
                "title": r.title,
                "is_primary": r.is_primary,
            }
            for r in contact.roles.select_related("organization")
        ],
        "tags": sorted(t.name for t in contact.tags.all()),
        "jurisdiction": (
            {"country": override.country, "subdivision": override.subdivision} if override else None
        ),
        "guidance_preferences": [
            {"field": g.field, "value": g.value, "note": g.note, "updated_at": _iso(g.updated_at)}
            for g in GuidancePreference.objects.filter(contact_id=contact.pk).order_by("field")
        ],
        "events": [
            {"type": e.type, "data": e.data, "created_at": _iso(e.created_at)}
            for e in PeopleEvent.objects.filter(contact_id=contact.pk).order_by("created_at", "id")
        ],
        "requests": [
            {
                "kind": r.kind,
                "status": r.status,
                "received_at": _iso(r.received_at),
                "due_at": _iso(r.due_at),
                "completed_at": _iso(r.completed_at),
            }
            for r in DataSubjectRequest.objects.filter(contact_id=contact.pk).order_by("id")
        ],
        "audit": [
            {
                "sequence": a.sequence,
                "occurred_at": _iso(a.occurred_at),
                "action": a.action,
                "channel": a.channel,
            }
            for a in AuditEntry.objects.filter(
                subject_kind="contact", subject_id=contact.pk
            ).order_by("sequence")
        ],
    }
    for part in personal_data_parts():
        data[part.name] = part.export(contact.pk)
    return data


def export_html(data: dict[str, Any], language: str) -> str:
    """The readable summary of an export, in ``language``."""
    with translation.override(language):
        return render_to_string(
            "privacy/dsr_export_summary.html", {"data": data, "language": language}
        )


@dataclass(frozen=True)
class Export:
    data: dict[str, Any]
    html: str
    language: str
    request: DataSubjectRequest


def person_export(
    *, contact: Contact, actor: Any = None, channel: str = "", actor_label: str = ""
) -> Export:
    """Export a person's data, log it as a done export request and in the audit trail."""
    if actor is not None:
        require(actor, Action.VIEW_RECORDS)
    data = contact_export_data(contact)
    language = selectors.contact_language(contact)
    request = requests.request_log(
        contact=contact,
        kind=DataSubjectRequest.Kind.EXPORT,
        actor=actor,
        channel=channel,
        status=requests.State.DONE,
    )
    audit(
        action="exported",
        actor=actor,
        actor_label=actor_label,
        channel=channel,
        subject_kind="contact",
        subject_id=contact.pk,
        format="json",
        kind="person",
    )
    return Export(data=data, html=export_html(data, language), language=language, request=request)
