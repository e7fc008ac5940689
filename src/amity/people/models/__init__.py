"""Organizations, contacts and what belongs to one of their rows.

Write only through ``people.services`` (validation, events and denormalized columns live
there); read through ``people.selectors``. Notes for apps built on these models:

- ``Contact.full_name`` and ``Contact.sort_name`` are denormalized by the services from the
  name parts: ``full_name`` is the name in its own script and order, ``sort_name`` a folded
  (case/accent-free) key for ordering. Never write them directly.
- ``Contact.languages`` is an ordered JSON list of BCP 47 tags (preferred first);
  ``Contact.language_tags`` repeats them as " th en-GB " so any database can filter by one.
- ``ContactEmail.normalized`` (lower case) and ``ContactPhone.number`` (E.164) are the
  matching keys for duplicates and imports; neither is unique across contacts (families and
  companies share addresses and switchboards).
- ``external_id`` is the id a record has in the system it was imported from; unique when set.
"""

# isort: off
# Imported in the order the models were declared when they shared one module, so Django
# registers them (content types, permissions) in the same order as before.
from amity.people.models.tags import Tag
from amity.people.models.organizations import (
    Industry,
    Organization,
    OrganizationIdentifier,
    SizeBand,
)
from amity.people.models.contacts import (
    Channel,
    Contact,
    ContactEmail,
    ContactOrganization,
    ContactPhone,
    NameOrder,
)
from amity.people.models.custom_fields import CustomField
from amity.people.models.history import PeopleEvent
from amity.people.models.segments import Segment
from amity.people.models.imports import ImportJob

# Guidance preferences live in their own module; imported here so Django registers them.
from amity.people.guidance_models import GuidancePreference
# isort: on

__all__ = [
    "Channel",
    "Contact",
    "ContactEmail",
    "ContactOrganization",
    "ContactPhone",
    "CustomField",
    "GuidancePreference",
    "ImportJob",
    "Industry",
    "NameOrder",
    "Organization",
    "OrganizationIdentifier",
    "PeopleEvent",
    "Segment",
    "SizeBand",
    "Tag",
]
