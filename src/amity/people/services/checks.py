"""The checks every people write makes: who may write, text within its limit, and an external
id that no other record has."""

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.core.errors import Conflict, DomainError
from amity.core.permissions import Action, require


def require_writer(actor: User | None) -> None:
    """Refuse an actor who may not change records (PermissionDenied); None is the system."""
    if actor is not None:
        require(actor, Action.WRITE_RECORDS)


def clean_text(value: str, field: str, limit: int) -> str:
    """The text trimmed; DomainError on ``field`` when it is longer than ``limit``."""
    value = (value or "").strip()
    if len(value) > limit:
        raise DomainError(_("At most %(limit)s characters.") % {"limit": limit}, field=field)
    return value


def record_save(record: Model, field: str = "external_id") -> None:
    """Save a contact or an organization; Conflict when another record has its external id."""
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as error:
        raise Conflict(_("Another record already has this external id."), field=field) from error
