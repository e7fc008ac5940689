"""Writes for the contacts' custom fields: defining one (admins), typed, maybe sensitive."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.core import crypto
from amity.core.errors import Conflict, DomainError
from amity.core.permissions import Action, require
from amity.people.history import record_event
from amity.people.models import CustomField, PeopleEvent
from amity.people.sensitive import custom_field_protect


def custom_field_define(
    *,
    actor: User | None,
    key: str,
    label: str,
    type_: str,
    choices: list[str] | None = None,
    sensitive: bool | None = None,
) -> CustomField:
    """Add (or relabel) a typed custom field for contacts; admins only. ``sensitive`` (when
    given) encrypts or decrypts the field's values (``people.sensitive``)."""
    if actor is not None:
        require(actor, Action.MANAGE_SETTINGS)
    if type_ not in CustomField.Type.values:
        raise DomainError(_("Unknown field type %(type)s.") % {"type": type_}, field="type")
    choices = [str(c).strip() for c in (choices or []) if str(c).strip()]
    if type_ == CustomField.Type.CHOICE and not choices:
        raise DomainError(_("A choice field needs at least one choice."), field="choices")
    existing = CustomField.objects.filter(key=key).first()
    if existing and existing.type != type_:
        raise Conflict(
            _("The field %(key)s already exists with another type.") % {"key": key}, field="type"
        )
    field = existing or CustomField(key=key, type=type_)
    field.label = label.strip() or key
    field.choices = choices
    try:
        field.full_clean(validate_unique=False)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="key") from error
    if field.pk is None and sensitive:
        crypto.keyring()  # a missing or malformed key stops here
        field.sensitive = True
    with transaction.atomic():
        field.save()
        record_event(PeopleEvent.Type.CUSTOM_FIELD_DEFINED, actor=actor, key=key, type=type_)
    if sensitive is not None and sensitive != field.sensitive:
        custom_field_protect(actor=actor, key=key, sensitive=sensitive)
        field.refresh_from_db()
    return field
