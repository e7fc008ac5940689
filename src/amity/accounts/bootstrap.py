"""The first administrator, created on first start so nobody is locked out."""

import os
import secrets

from amity.accounts import services
from amity.accounts.models import User
from amity.core.permissions import Role


def first_admin_ensure() -> tuple[User | None, str | None]:
    """Create the ``admin`` user when no administrator exists.

    Returns the new user and its one-time password (None when AMITY_ADMIN_PASSWORD gave it),
    or (None, None) when an administrator already exists.
    """
    if User.objects.filter(role=Role.ADMIN, is_active=True).exists():
        return None, None
    given = os.environ.get("AMITY_ADMIN_PASSWORD")
    password = given or secrets.token_urlsafe(12)
    user = services.user_create(
        actor=None,
        actor_label="installer",
        username=os.environ.get("AMITY_ADMIN_USERNAME", "admin"),
        email=os.environ.get("AMITY_ADMIN_EMAIL", ""),
        password=password,
        display_name="Administrator",
        role=Role.ADMIN,
    )
    return user, None if given else password
