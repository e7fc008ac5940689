"""Retention: how long personal data is kept, per kind of data and per regime, applied by a
periodic run (``amity privacy retention``, which the worker's scheduler calls) with a dry run
that only counts. Reports hold counts and policies, never a name.

A regime's own policy covers the contacts of that regime; a policy without a regime covers the
contacts no regime policy of the same kind covers. Contacts already erased are left alone.
"""

import datetime
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.core.errors import DomainError
from amity.core.records import personal_data_parts
from amity.people.models import Contact
from amity.privacy import jurisdictions
from amity.privacy.erasure import person_erase
from amity.privacy.models import Erasure, RetentionPolicy

Subject = RetentionPolicy.Subject
MAX_YEARS = 100


def _years_before(now: datetime.datetime, years: int) -> datetime.datetime:
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def _regime_q(code: str) -> Q:
    """Contacts whose regime is ``code``: their override's place, else their country."""
    if code == jurisdictions.STRICTEST.code:
        known = list(jurisdictions.BY_COUNTRY)
        return Q(privacy_jurisdiction__isnull=True) & ~Q(country__in=known) | Q(
            privacy_jurisdiction__isnull=False
        ) & ~Q(privacy_jurisdiction__country__in=known)
    countries = [c for c, regime in jurisdictions.BY_COUNTRY.items() if regime.code == code]
    subdivisions = [s for s, regime in jurisdictions.BY_SUBDIVISION.items() if regime.code == code]
    return (
        Q(privacy_jurisdiction__isnull=True, country__in=countries)
        | Q(privacy_jurisdiction__country__in=countries)
        & ~Q(privacy_jurisdiction__subdivision__in=list(jurisdictions.BY_SUBDIVISION))
        | Q(privacy_jurisdiction__subdivision__in=subdivisions)
    )


def _covered(policy: RetentionPolicy, policies: list[RetentionPolicy]) -> QuerySet[Contact]:
    contacts = Contact.objects.exclude(pk__in=Erasure.objects.values("contact_id"))
    if policy.regime:
        return contacts.filter(_regime_q(policy.regime))
    for other in policies:
        if other.subject == policy.subject and other.regime:
            contacts = contacts.exclude(_regime_q(other.regime))
    return contacts


def _inactive(contacts: QuerySet[Contact], cutoff: datetime.datetime) -> QuerySet[Contact]:
    contacts = contacts.filter(created_at__lt=cutoff)
    for part in personal_data_parts():
        if part.active_since is not None:
            contacts = contacts.exclude(pk__in=part.active_since(cutoff))
    return contacts


@dataclass
class PolicyResult:
    policy_id: int
    subject: str
    regime: str
    years: int
    cutoff: str
    affected: int


@dataclass
class RetentionReport:
    dry_run: bool
    ran_at: str
    policies: list[PolicyResult] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def retention_run(*, dry_run: bool, now: datetime.datetime | None = None) -> RetentionReport:
    """Apply every active policy (or, on a dry run, count what each would affect)."""
    now = now or timezone.now()
    policies = list(RetentionPolicy.objects.filter(is_active=True).order_by("subject", "regime"))
    report = RetentionReport(dry_run=dry_run, ran_at=now.isoformat())
    for policy in policies:
        cutoff = _years_before(now, policy.years)
        contacts = _covered(policy, policies)
        if policy.subject == Subject.INACTIVE_CONTACTS:
            ids = list(_inactive(contacts, cutoff).values_list("pk", flat=True))
            if not dry_run:
                for contact in Contact.objects.filter(pk__in=ids).iterator(chunk_size=200):
                    person_erase(contact=contact, actor=None, reason="retention", channel="task")
            affected = len(ids)
        else:
            affected = sum(
                part.expire_text(cutoff, contacts.values("pk"), dry_run)
                for part in personal_data_parts()
                if part.expire_text is not None
            )
        report.policies.append(
            PolicyResult(
                policy.pk, policy.subject, policy.regime, policy.years, cutoff.isoformat(), affected
            )
        )
    return report


def retention_policy_set(*, subject: str, regime: str, years: int, is_active: bool = True):
    """Create or change the policy for a kind of data in a regime (blank: every contact)."""
    if subject not in Subject.values:
        raise DomainError(_("Unknown kind of data %(subject)s.") % {"subject": subject})
    codes = {r.code for r in jurisdictions.REGIMES}
    if regime and regime not in codes:
        raise DomainError(
            _("Unknown regime %(regime)s; use one of: %(codes)s.")
            % {"regime": regime, "codes": ", ".join(sorted(codes))},
            field="regime",
        )
    if not 1 <= years <= MAX_YEARS:
        raise DomainError(_("Years must be between 1 and 100."), field="years")
    policy, _created = RetentionPolicy.objects.update_or_create(
        subject=subject, regime=regime, defaults={"years": years, "is_active": is_active}
    )
    return policy
