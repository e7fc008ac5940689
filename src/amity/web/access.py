"""Who has access to a record: a panel on the contact page and an API endpoint, for admins."""

from django.shortcuts import get_object_or_404, render
from ninja import Router, Schema

from amity.accounts.selectors import record_access
from amity.core.page_access import action_required
from amity.core.permissions import Action, Role, require
from amity.people.models import Contact, Organization

router = Router(tags=["access"])


class AccessOut(Schema):
    id: int
    username: str
    display_name: str
    role: Role
    can_read: bool
    can_write: bool
    is_owner: bool
    in_team: bool
    in_territory: bool


def _access(record) -> list[dict]:
    return record_access(
        owner_id=record.owner_id, team_id=record.team_id, country=record.country or ""
    )


@router.get("/contacts/{contact_id}/access", response=list[AccessOut])
def contact_access(request, contact_id: int):
    """Users who can read and change the contact (administrators only)."""
    require(request.auth, Action.MANAGE_USERS)
    return _access(get_object_or_404(Contact, pk=contact_id))


@router.get("/organizations/{organization_id}/access", response=list[AccessOut])
def organization_access(request, organization_id: int):
    """Users who can read and change the organization (administrators only)."""
    require(request.auth, Action.MANAGE_USERS)
    return _access(get_object_or_404(Organization, pk=organization_id))


@action_required(Action.MANAGE_USERS)
def contact_access_panel(request, contact_id: int):
    """The "Who has access" panel, loaded into the contact page for administrators."""
    contact = get_object_or_404(Contact, pk=contact_id)
    return render(
        request, "web/record_access.html", {"access": _access(contact), "roles": Role.choices}
    )
