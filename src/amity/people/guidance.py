"""Cultural guidance for one organization or contact: the country's guidance
(``culture.guidance``) with the organization's and the contact's own preferences on top.

Precedence, lowest first: country guidance < organization < the contact's own recorded
preference. Every merged field says where it came from, so pages can show a contact's own
preference as such, and guidance never silently passes for a fact about a person.

Country notes come in the reader's language (``culture.guidance.reading.country_guidance``);
preferences are shown as written, in whatever language their author used.
"""

from dataclasses import dataclass, replace

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amity.accounts.models import User
from amity.core.errors import DomainError
from amity.core.permissions import Action, require
from amity.culture.guidance.edits import clean_field, clean_note, clean_value
from amity.culture.guidance.entries import (
    FIELDS,
    CountryGuidance,
    Source,
    field_label,
    value_label,
)
from amity.culture.guidance.reading import country_guidance
from amity.people.guidance_models import GuidancePreference
from amity.people.history import record_event
from amity.people.models import Contact, Organization, PeopleEvent

COUNTRY = "country"
ORGANIZATION = "organization"
CONTACT = "contact"
ORIGIN_LABELS = {
    COUNTRY: gettext_lazy("Country guidance"),
    ORGANIZATION: gettext_lazy("Organization's preference"),
    CONTACT: gettext_lazy("Their own preference"),
}


@dataclass(frozen=True)
class Preference:
    """What an organization or contact set for one field."""

    value: str
    note: str


@dataclass(frozen=True)
class MergedField:
    field: str
    value: str
    note: str
    origin: str  # COUNTRY, ORGANIZATION or CONTACT
    sources: tuple[Source, ...]  # the country guidance's sources (empty for preferences)
    overrides: tuple[str, ...] = ()  # lower layers this one replaced, lowest first
    language: str = ""  # the note's language for shipped country guidance; "" as written
    fallback: bool = False  # no translation in the reader's language: the English note

    @property
    def label(self) -> str:
        return field_label(self.field)

    @property
    def value_label(self) -> str:
        return value_label(self.field, self.value)

    @property
    def origin_label(self) -> str:
        return str(ORIGIN_LABELS[self.origin])

    @property
    def is_own_preference(self) -> bool:
        return self.origin == CONTACT


@dataclass(frozen=True)
class MergedGuidance:
    country: str  # the country whose guidance applies, "" when none is known
    fields: tuple[MergedField, ...]


def merge_guidance(
    country: CountryGuidance | None,
    organization: dict[str, Preference],
    contact: dict[str, Preference],
) -> tuple[MergedField, ...]:
    """Each field from the highest layer that sets it, in the fixed field order; fields no
    layer sets are left out (never guessed)."""
    merged = []
    for name in FIELDS:
        layers: list[MergedField] = []
        entry = country.entries.get(name) if country else None
        if entry is not None:
            layers.append(
                MergedField(
                    name,
                    entry.value,
                    entry.note,
                    COUNTRY,
                    entry.sources,
                    language=entry.language,
                    fallback=entry.fallback,
                )
            )
        for origin, preferences in ((ORGANIZATION, organization), (CONTACT, contact)):
            if name in preferences:
                preference = preferences[name]
                layers.append(MergedField(name, preference.value, preference.note, origin, ()))
        if layers:
            below = tuple(layer.origin for layer in layers[:-1])
            merged.append(replace(layers[-1], overrides=below))
    return tuple(merged)


# Reads


def _preferences(rows) -> dict[str, Preference]:
    return {row.field: Preference(row.value, row.note) for row in rows}


def guidance_preferences(
    *, contact: Contact | None = None, organization: Organization | None = None
) -> dict[str, Preference]:
    """The fields one contact or one organization set, keyed by field."""
    rows = (
        GuidancePreference.objects.filter(contact=contact, organization=None)
        if contact is not None
        else GuidancePreference.objects.filter(organization=organization)
    )
    return _preferences(rows)


def primary_organization(contact: Contact) -> Organization | None:
    """The contact's main organization (roles prefetched by ``selectors.contact_get``)."""
    roles = list(contact.roles.all())
    chosen = next((role for role in roles if role.is_primary), roles[0] if roles else None)
    return chosen.organization if chosen else None


def contact_guidance(contact: Contact, *, language: str | None = None) -> MergedGuidance:
    """The contact's merged guidance: their country's (else their organization's country's),
    the organization's preferences, then their own. Country notes are in ``language`` (default:
    the active one; see ``culture.guidance.reading.reader_language``). Two queries once roles are
    loaded."""
    organization = primary_organization(contact)
    country = contact.country or (organization.country if organization else "")
    where = Q(contact=contact)
    if organization is not None:
        where |= Q(organization=organization)
    rows = list(GuidancePreference.objects.filter(where))
    own = _preferences(row for row in rows if row.contact_id == contact.pk)
    organization_set = _preferences(row for row in rows if row.contact_id is None)
    guidance = country_guidance(country, language=language) if country else None
    return MergedGuidance(country, merge_guidance(guidance, organization_set, own))


def organization_guidance(
    organization: Organization, *, language: str | None = None
) -> MergedGuidance:
    """The organization's country guidance (notes in ``language``, default: the active one)
    with the organization's own preferences on top."""
    country = organization.country
    guidance = country_guidance(country, language=language) if country else None
    own = guidance_preferences(organization=organization)
    return MergedGuidance(country, merge_guidance(guidance, own, {}))


# Writes


def _clean_changes(changes: dict) -> dict[str, Preference | None]:
    """Every change validated before anything is written; None clears a field."""
    if not isinstance(changes, dict):
        raise DomainError(_("Send the preferences as an object keyed by field."))
    cleaned: dict[str, Preference | None] = {}
    for name, change in changes.items():
        name = clean_field(str(name))
        if change is None:
            cleaned[name] = None
            continue
        value = clean_value(name, change.get("value", ""))
        note = clean_note(name, change.get("note", ""))
        if not value and not note:
            raise DomainError(
                _("Give %(field)s a value or a note, or clear it.") % {"field": field_label(name)},
                field=name,
            )
        cleaned[name] = Preference(value, note)
    return cleaned


def guidance_preferences_set(
    *,
    actor: User | None,
    changes: dict,
    contact: Contact | None = None,
    organization: Organization | None = None,
    replace: bool = False,
    actor_label: str = "",
) -> dict[str, Preference]:
    """Set (or, with None, clear) guidance fields for one contact or one organization.
    ``replace`` clears every field not in ``changes`` (a PUT). Refused input changes nothing;
    a change leaves a ``guidance.updated`` event. Returns the preferences now recorded."""
    if (contact is None) == (organization is None):
        raise ValueError("exactly one of contact and organization")
    if actor is not None:
        require(actor, Action.WRITE_RECORDS)
    cleaned = _clean_changes(changes)
    owner = {"contact": contact} if contact is not None else {"organization": organization}
    with transaction.atomic():
        rows = {row.field: row for row in GuidancePreference.objects.filter(**owner)}
        before = _preferences(rows.values())
        if replace:
            cleaned = {name: None for name in rows} | cleaned
        for name, preference in cleaned.items():
            if preference is None:
                if name in rows:
                    rows.pop(name).delete()
            else:
                GuidancePreference.objects.update_or_create(
                    **owner,
                    field=name,
                    defaults={
                        "value": preference.value,
                        "note": preference.note,
                        "updated_by": actor,
                    },
                )
        after = guidance_preferences(**owner)
        changed = sorted(
            name for name in set(before) | set(after) if before.get(name) != after.get(name)
        )
        if changed:
            record_event(
                PeopleEvent.Type.GUIDANCE_UPDATED,
                actor=actor,
                actor_label=actor_label,
                contact=contact,
                organization=organization,
                fields=changed,
                level=CONTACT if contact is not None else ORGANIZATION,
            )
    return after
