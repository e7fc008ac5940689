"""Writes of the culture app: the company's office hours per country and its closures.
Only administrators change them (they shape every calendar, SLA clock and send window)."""

from datetime import date, time
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from amity.core.actors import as_actor
from amity.core.errors import DomainError, NotFound
from amity.core.events import publish
from amity.core.permissions import Action, require
from amity.culture.countries import country_codes
from amity.culture.events import (
    BusinessHoursReset,
    BusinessHoursSet,
    ClosureCreated,
    ClosureDeleted,
)
from amity.culture.models import BusinessHoursOverride, CompanyClosure
from amity.culture.selectors import forget_company_calendar_settings

if TYPE_CHECKING:
    # django-stubs reads this alias as the AUTH_USER_MODEL, so culture names the user model
    # without importing accounts (a higher layer).
    from django.contrib.auth.models import _User as User


def _known_country(code: str, *, blank: bool = False) -> str:
    code = (code or "").strip().upper()
    if blank and not code:
        return ""
    if code not in country_codes():
        raise DomainError(
            _("%(code)s is not an ISO 3166-1 country code (for example TH or PL).")
            % {"code": code or "-"},
            code="unknown_country",
            field="country",
        )
    return code


def _forget_after_commit() -> None:
    # Forget now (this process reads its own write) and after commit (a read inside the
    # transaction could have cached the uncommitted rows).
    forget_company_calendar_settings()
    transaction.on_commit(forget_company_calendar_settings)


def business_hours_set(
    *, actor: "User", country: str, opens: time, closes: time
) -> BusinessHoursOverride:
    """Set the office hours the company keeps in a country (replacing the default)."""
    require(actor, Action.MANAGE_SETTINGS)
    country = _known_country(country)
    if closes <= opens:
        raise DomainError(
            _("Closing time must be after opening time."), code="invalid_hours", field="closes"
        )
    with transaction.atomic():
        row, _created = BusinessHoursOverride.objects.update_or_create(
            country=country,
            defaults={"opens": opens, "closes": closes, "updated_by": actor},
        )
        _forget_after_commit()
        publish(BusinessHoursSet(actor=as_actor(actor), country=country))
    return row


def business_hours_reset(*, actor: "User", country: str) -> None:
    """Go back to the built-in office hours of a country."""
    require(actor, Action.MANAGE_SETTINGS)
    with transaction.atomic():
        deleted, _rows = BusinessHoursOverride.objects.filter(
            country=(country or "").upper()
        ).delete()
        if not deleted:
            raise NotFound(_("No office hours are set for this country."))
        _forget_after_commit()
        publish(BusinessHoursReset(actor=as_actor(actor), country=(country or "").upper()))


def closure_create(
    *, actor: "User", name: str, first_day: date, last_day: date, country: str = ""
) -> CompanyClosure:
    """Close the company (everywhere, or in one country) for an inclusive range of days."""
    require(actor, Action.MANAGE_SETTINGS)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the closure a name."), code="required", field="name")
    if len(name) > 120:
        raise DomainError(
            _("The name can have 120 characters at most."), code="too_long", field="name"
        )
    if last_day < first_day:
        raise DomainError(
            _("The last day must not be before the first day."),
            code="invalid_range",
            field="last_day",
        )
    if (last_day - first_day).days > 366:
        raise DomainError(
            _("A closure can last a year at most."), code="invalid_range", field="last_day"
        )
    country = _known_country(country, blank=True)
    with transaction.atomic():
        closure = CompanyClosure.objects.create(
            name=name, first_day=first_day, last_day=last_day, country=country, created_by=actor
        )
        _forget_after_commit()
        publish(ClosureCreated(actor=as_actor(actor), country=country, closure_id=closure.pk))
    return closure


def closure_delete(*, actor: "User", closure_id: int) -> None:
    """Remove a closure; the days become working days again."""
    require(actor, Action.MANAGE_SETTINGS)
    with transaction.atomic():
        deleted, _rows = CompanyClosure.objects.filter(pk=closure_id).delete()
        if not deleted:
            raise NotFound(_("This closure does not exist."))
        _forget_after_commit()
        publish(ClosureDeleted(actor=as_actor(actor), closure_id=closure_id))
