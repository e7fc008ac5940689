"""Record visibility: which contacts, organizations and interactions a user may see.

Roles say what a user may do; this policy says to which records. Administrators see every
record. Managers, agents and viewers see every record, or (when an administrator restricts
their role on the visibility settings page) only their scope: records they own, records
assigned to one of their teams, and records in a country that is one of their teams'
territories. Every read path asks ``visible_records_q`` (through ``visible_contacts_q`` and
friends), so a list, a search and a detail page never disagree; a record outside the scope is
answered like a record that does not exist (404), so its existence does not leak.

The scope is computed with at most two small queries (the policy row, the user's teams) and
kept on the user object, which Django and the API authentication load once per request.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from amity.accounts.history import account_event_record
from amity.accounts.models import AccountEvent, RecordVisibility, Team, User
from amity.core.errors import DomainError
from amity.core.permissions import Action, Role, require
from amity.culture.countries import country_codes

_CACHE_ATTRIBUTE = "_amity_record_scope"


@dataclass(frozen=True)
class RecordScope:
    """What one user sees: everything, or the records owned by ``user_id``, assigned to one of
    ``team_ids`` or located in one of ``countries``."""

    everything: bool
    user_id: int | None = None
    team_ids: frozenset[int] = frozenset()
    countries: frozenset[str] = frozenset()

    def allows(self, *, owner_id: int | None, team_id: int | None, country: str) -> bool:
        """Whether a record with this owner, team and country is in the scope."""
        return (
            self.everything
            or (owner_id is not None and owner_id == self.user_id)
            or (team_id is not None and team_id in self.team_ids)
            or (bool(country) and country in self.countries)
        )


EVERYTHING = RecordScope(everything=True)


def visibility_policy() -> RecordVisibility:
    """The policy row, or the defaults (every role sees every record) before anyone saved it."""
    return RecordVisibility.objects.filter(pk=1).first() or RecordVisibility(pk=1)


def role_restricted(policy: RecordVisibility, role: str) -> bool:
    """Whether the policy limits users of ``role`` to their own, team and territory records."""
    if role == Role.ADMIN:
        return False
    scope = policy.manager_scope if role == Role.MANAGER else policy.agent_scope
    return scope == RecordVisibility.Scope.TEAMS


def _teams_scope(user: User) -> RecordScope:
    team_ids: set[int] = set()
    countries: set[str] = set()
    for team_id, territories in Team.objects.filter(members=user).values_list("pk", "territories"):
        team_ids.add(team_id)
        countries.update(territories or [])
    return RecordScope(
        everything=False,
        user_id=user.pk,
        team_ids=frozenset(team_ids),
        countries=frozenset(countries),
    )


def record_scope(user: User | None) -> RecordScope:
    """The records ``user`` may see; None (the command line, tasks, the system) sees all.

    No query for administrators, one for a role that sees everything, two for a scoped role;
    then none for the rest of the request (kept on the user object).
    """
    if user is None:
        return EVERYTHING
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if getattr(user, "role", None) == Role.ADMIN:
        scope = EVERYTHING
    elif role_restricted(visibility_policy(), getattr(user, "role", "")):
        scope = _teams_scope(user)
    else:
        scope = EVERYTHING
    setattr(user, _CACHE_ATTRIBUTE, scope)
    return scope


def visibility_forget(user: User) -> None:
    """Drop the scope kept on ``user`` (after its teams or the policy changed)."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def visible_records_q(user: User | None, *, prefix: str = "") -> Q:
    """A filter on a model with ``owner``, ``team`` and ``country`` (contacts, organizations)
    keeping what ``user`` may see; ``prefix`` ("organization__") reaches a related record."""
    scope = record_scope(user)
    if scope.everything:
        return Q()
    where = Q(**{f"{prefix}owner_id": scope.user_id})
    if scope.team_ids:
        where |= Q(**{f"{prefix}team_id__in": sorted(scope.team_ids)})
    if scope.countries:
        where |= Q(**{f"{prefix}country__in": sorted(scope.countries)})
    return where


def visible_contacts_q(user: User | None) -> Q:
    """``Contact.objects.filter(visible_contacts_q(user))``: the contacts ``user`` may see."""
    return visible_records_q(user)


def visible_organizations_q(user: User | None) -> Q:
    """``Organization.objects.filter(visible_organizations_q(user))``: the organizations
    ``user`` may see."""
    return visible_records_q(user)


def sees_everything(user: User | None) -> bool:
    """Whether no record is hidden from ``user`` (lets callers skip filtering altogether)."""
    return record_scope(user).everything


def territories_clean(values: list[str]) -> list[str]:
    """Country codes upper-cased, deduplicated and sorted; DomainError names an unknown one."""
    cleaned = set()
    for value in values:
        code = str(value).strip().upper()
        if not code:
            continue
        if code not in country_codes():
            raise DomainError(
                _("%(code)s is not an ISO country code (for example TH or PL).") % {"code": code},
                field="territories",
            )
        cleaned.add(code)
    return sorted(cleaned)


def team_territories_set(*, actor: User | None, team: Team, territories: list[str]) -> Team:
    """Set the countries whose records the team's members see under a scoped policy.

    Administrators only (``actor`` None: the command line): territories widen what people
    see, as the policy itself does.
    """
    if actor is not None:
        require(actor, Action.MANAGE_SETTINGS)
    cleaned = territories_clean(territories)
    with transaction.atomic():
        team.territories = cleaned
        team.save(update_fields=["territories"])
        account_event_record(
            AccountEvent.Type.TEAM_UPDATED,
            actor=actor,
            actor_label=actor.username if actor else "command line",
            subject=team.name,
            territories=cleaned,
        )
    return team


def visibility_policy_update(
    *, actor: User | None, manager_scope: str, agent_scope: str
) -> RecordVisibility:
    """Choose what managers and agents (viewers alike) see; administrators only (``actor``
    None: the command line)."""
    if actor is not None:
        require(actor, Action.MANAGE_SETTINGS)
    valid = set(RecordVisibility.Scope.values)
    for field, value in (("manager_scope", manager_scope), ("agent_scope", agent_scope)):
        if value not in valid:
            raise DomainError(
                _("%(value)s is not a visibility choice; use %(choices)s.")
                % {"value": value, "choices": ", ".join(sorted(valid))},
                field=field,
            )
    with transaction.atomic():
        policy, _created = RecordVisibility.objects.update_or_create(
            pk=1, defaults={"manager_scope": manager_scope, "agent_scope": agent_scope}
        )
        account_event_record(
            AccountEvent.Type.VISIBILITY_CHANGED,
            actor=actor,
            actor_label=actor.username if actor else "command line",
            subject="record visibility",
            manager_scope=manager_scope,
            agent_scope=agent_scope,
        )
    if actor is not None:
        visibility_forget(actor)
    return policy
