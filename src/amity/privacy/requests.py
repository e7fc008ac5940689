"""The log of data-subject requests: what a person asked for, by when the law of their place
wants it answered, and how it ended. Entries hold a contact id, never a name.

Response periods (the shortest reading where the law gives a range; extensions the laws allow
are not applied, so a request is never shown later than it may be due):
- EU/EEA, Poland, UK: one month (GDPR / UK GDPR Art. 12(3)) -> 30 days.
- Thailand: 30 days (PDPA B.E. 2562, s. 30).
- Brazil: 15 days (LGPD Art. 19, II, for the complete statement).
- California: 45 days (Cal. Civ. Code 1798.130(a)(2)).
- Canada: 30 days (PIPEDA s. 8(3)).
- Japan: "without delay" (APPI Art. 33); Amity uses 14 days, its own choice, not the law's.
- Singapore, Australia, the rest of the US, unknown countries: 30 days.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.core.actors import as_actor
from amity.core.errors import DomainError, NotFound
from amity.core.events import publish
from amity.people.models import Contact
from amity.privacy import selectors
from amity.privacy.events import RequestChanged, RequestEvent, RequestLogged
from amity.privacy.models import DataSubjectRequest

DUE_DAYS = {"BR": 15, "US-CA": 45, "JP": 14}
DEFAULT_DUE_DAYS = 30
Kind = DataSubjectRequest.Kind
State = DataSubjectRequest.State


def due_days(regime_code: str) -> int:
    """How many days a regime gives to answer a request."""
    return DUE_DAYS.get(regime_code, DEFAULT_DUE_DAYS)


def request_log(
    *,
    contact: Contact,
    kind: str,
    actor=None,
    channel: str = "",
    received_at: datetime.datetime | None = None,
    status: str = State.RECEIVED,
) -> DataSubjectRequest:
    """Record a request; its due date follows the regime of the person's place."""
    if kind not in Kind.values:
        raise DomainError(
            _("Unknown kind of request %(kind)s; use one of: %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(Kind.values)},
            field="kind",
        )
    received = received_at or timezone.now()
    if timezone.is_naive(received):
        raise DomainError(_("The time the request was received needs a time zone."))
    regime = selectors.contact_regime(contact).code
    with transaction.atomic():
        request = DataSubjectRequest.objects.create(
            contact_id=contact.pk,
            kind=kind,
            status=status,
            regime=regime,
            received_at=received,
            due_at=received + datetime.timedelta(days=due_days(regime)),
            handled_by=actor if getattr(actor, "pk", None) else None,
            channel=channel,
            completed_at=timezone.now() if status == State.DONE else None,
        )
        _publish(RequestLogged, request, actor)
        return request


def _publish(event_type: type[RequestEvent], request: DataSubjectRequest, actor: Any) -> None:
    label = "api" if request.channel == "api" else "cli" if request.channel == "cli" else ""
    publish(
        event_type(
            actor=as_actor(actor if getattr(actor, "pk", None) else None, label),
            record_id=request.pk,
            contact_id=request.contact_id,
            kind=request.kind,
            status=request.status,
        )
    )


def request_update(
    *, request: DataSubjectRequest, status: str, actor=None, reason: str = ""
) -> DataSubjectRequest:
    """Move a request on: in progress, done, or refused (a refusal needs its reason)."""
    if status not in State.values:
        raise DomainError(_("Unknown status %(status)s.") % {"status": status}, field="status")
    if request.status in (State.DONE, State.REFUSED):
        raise DomainError(_("This request is already closed."), code="closed")
    if status == State.REFUSED and not reason.strip():
        raise DomainError(_("Say why the request is refused."), field="reason")
    request.status = status
    request.refusal_reason = reason.strip() if status == State.REFUSED else ""
    if getattr(actor, "pk", None):
        request.handled_by = actor
    if status in (State.DONE, State.REFUSED):
        request.completed_at = timezone.now()
    with transaction.atomic():
        request.save()
        _publish(RequestChanged, request, actor)
    return request


def request_get(request_id: int) -> DataSubjectRequest:
    try:
        return DataSubjectRequest.objects.select_related("handled_by").get(pk=request_id)
    except DataSubjectRequest.DoesNotExist:
        raise NotFound(_("No request with id %(id)s.") % {"id": request_id}) from None


@dataclass(frozen=True)
class RequestFilters:
    open_only: bool = False
    contact_id: int | None = None


def requests_listed(filters: RequestFilters) -> QuerySet[DataSubjectRequest]:
    """Requests, the soonest due first."""
    rows = DataSubjectRequest.objects.select_related("handled_by").order_by("due_at", "id")
    if filters.open_only:
        rows = rows.filter(status__in=(State.RECEIVED, State.IN_PROGRESS))
    if filters.contact_id is not None:
        rows = rows.filter(contact_id=filters.contact_id)
    return rows


def is_overdue(request: DataSubjectRequest, now: datetime.datetime | None = None) -> bool:
    """Open and past its due date."""
    open_ = request.status in (State.RECEIVED, State.IN_PROGRESS)
    return open_ and request.due_at < (now or timezone.now())
