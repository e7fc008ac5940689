"""What validating a contact or an organization looks up: active users, teams, organizations
and the custom field definitions."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from amity.accounts.models import Team, User
from amity.core.errors import DomainError
from amity.people import selectors
from amity.people.models import Organization


def active_user(user_id: int | None, field: str) -> User | None:
    """The active user with this id (None for None); DomainError on ``field`` when there is none."""
    if user_id is None:
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise DomainError(
            _("There is no active user with id %(id)s.") % {"id": user_id}, field=field
        )
    return user


def team_get(team_id: int | None) -> Team | None:
    """The team with this id (None for None); DomainError when there is none."""
    if team_id is None:
        return None
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise DomainError(_("There is no team with id %(id)s.") % {"id": team_id}, field="team_id")
    return team


class Lookups:
    """What validating a contact looks up (custom field definitions, users, teams,
    organizations), cached so a batch of many contacts costs a few queries, not a few each."""

    def __init__(self) -> None:
        self.custom_fields = selectors.custom_fields()
        self._users: dict[int, User | None] = {}
        self._teams: dict[int, Team | None] = {}
        self.organization_names: dict[int, str] = {}

    def preload(self, *, user_ids: Iterable[int], team_ids: Iterable[int]) -> None:
        """Look these active users and teams up now, together (an import's worker processes
        validate rows without a database connection)."""
        users = User.objects.filter(pk__in=list(user_ids), is_active=True)
        self._users.update((user.pk, user) for user in users)
        self._teams.update((team.pk, team) for team in Team.objects.filter(pk__in=list(team_ids)))

    def user(self, user_id: int | None, field: str) -> User | None:
        if user_id is not None and user_id not in self._users:
            self._users[user_id] = active_user(user_id, field)
        return None if user_id is None else self._users[user_id]

    def team(self, team_id: int | None) -> Team | None:
        if team_id is not None and team_id not in self._teams:
            self._teams[team_id] = team_get(team_id)
        return None if team_id is None else self._teams[team_id]

    def require_organizations(self, ids: Iterable[int]) -> None:
        wanted = [pk for pk in ids if pk not in self.organization_names]
        if wanted:
            self.organization_names.update(
                Organization.objects.filter(pk__in=wanted).values_list("pk", "name")
            )
        if missing := [pk for pk in wanted if pk not in self.organization_names]:
            raise DomainError(
                _("There is no organization with id %(id)s.") % {"id": min(missing)},
                field="roles",
            )
