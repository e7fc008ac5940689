"""Writes for contacts, organizations and custom fields. Every write validates every field,
runs in one transaction with its search entry and leaves a PeopleEvent naming its actor.

Callers use this package as one module (``from amity.people import services``); its parts:
``contacts``, ``organizations``, ``custom_fields``, and what they share: ``checks`` (who may
write, text limits, external ids), ``lookups`` (users, teams, organizations) and ``tags``."""

from amity.people.services.checks import require_writer
from amity.people.services.contacts import (
    contact_create,
    contact_data,
    contact_delete,
    contact_update,
)
from amity.people.services.custom_fields import custom_field_define
from amity.people.services.lookups import Lookups
from amity.people.services.organizations import (
    organization_create,
    organization_data,
    organization_delete,
    organization_update,
)

__all__ = [
    "Lookups",
    "contact_create",
    "contact_data",
    "contact_delete",
    "contact_update",
    "custom_field_define",
    "organization_create",
    "organization_data",
    "organization_delete",
    "organization_update",
    "require_writer",
]
