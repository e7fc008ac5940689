"""Writes for contacts, organizations and custom fields. Every write validates every field,
runs in one transaction with its search entry and leaves a PeopleEvent naming its actor."""

from collections.abc import Iterable
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from amity.accounts.models import Team, User
from amity.core import crypto
from amity.core.errors import Conflict, DomainError
from amity.core.permissions import Action, require
from amity.people import search_documents, selectors
from amity.people.contracts import ContactData, OrganizationData
from amity.people.history import record_event
from amity.people.localities import timezone_guess
from amity.people.models import (
    Contact,
    ContactEmail,
    ContactOrganization,
    ContactPhone,
    CustomField,
    Organization,
    OrganizationIdentifier,
    PeopleEvent,
    Tag,
)
from amity.people.names import default_name_order, full_name, match_key, sort_key
from amity.people.sensitive import custom_field_protect, custom_seal
from amity.people.validation import (
    clean_channels,
    clean_country,
    clean_custom,
    clean_email,
    clean_identifier,
    clean_industry,
    clean_languages,
    clean_name_order,
    clean_phone_forms,
    clean_size_band,
    clean_subdivision,
    clean_timezone,
    clean_website,
)

MAX_TEXT = {"given_name": 120, "family_name": 120, "middle_name": 120, "preferred_name": 120}


class ContactRelated(TypedDict):
    """A validated contact's related rows, written after the contact itself."""

    emails: dict[str, tuple[str, str]]  # normalized address: (address as written, label)
    phones: dict[str, str]  # E.164 number: label
    phones_national: dict[str, str]  # E.164 number: how it is written at home
    roles: list[tuple[int, str]]  # (organization id, title)
    tags: list[str]


class OrganizationRelated(TypedDict):
    """A validated organization's related rows, written after the organization itself."""

    identifiers: dict[str, str]  # scheme: value
    tags: list[str]


def _require_writer(actor: User | None) -> None:
    if actor is not None:
        require(actor, Action.WRITE_RECORDS)


def _user(user_id: int | None, field: str) -> User | None:
    if user_id is None:
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise DomainError(
            _("There is no active user with id %(id)s.") % {"id": user_id}, field=field
        )
    return user


def _team(team_id: int | None) -> Team | None:
    if team_id is None:
        return None
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise DomainError(_("There is no team with id %(id)s.") % {"id": team_id}, field="team_id")
    return team


def _tag_names(names: Iterable[object]) -> list[str]:
    cleaned = []
    for name in names:
        name = str(name).strip()
        if len(name) > 80:
            raise DomainError(_("A tag has at most 80 characters."), field="tags")
        if name and name not in cleaned:
            cleaned.append(name)
    return cleaned


def _tags(cleaned: list[str]) -> list[Tag]:
    """The Tag rows of these names, created when new (call inside the write's transaction)."""
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=cleaned)}
    for name in cleaned:
        if name not in existing:
            existing[name], _created = Tag.objects.get_or_create(name=name)
    return [existing[name] for name in cleaned]


def _text(value: str, field: str, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise DomainError(_("At most %(limit)s characters.") % {"limit": limit}, field=field)
    return value


def _merged(contact: Contact | None, data: ContactData, fields: set[str] | None) -> ContactData:
    """The data to validate: the given fields over the stored record (for partial updates)."""
    if contact is None or fields is None:
        return data
    current = contact_data(contact)
    return replace(current, **{name: getattr(data, name) for name in fields})


def contact_data(contact: Contact) -> ContactData:
    """The record as ContactData (what an update starts from, what export writes)."""
    from amity.people.contracts import EmailData, PhoneData, RoleData

    return ContactData(
        given_name=contact.given_name,
        family_name=contact.family_name,
        middle_name=contact.middle_name,
        honorific_prefix=contact.honorific_prefix,
        name_order=contact.name_order,
        preferred_name=contact.preferred_name,
        name_latin=contact.name_latin,
        form_of_address=contact.form_of_address,
        languages=tuple(contact.languages),
        country=contact.country,
        timezone=contact.timezone,
        emails=tuple(EmailData(e.address, e.label) for e in contact.emails.all()),
        phones=tuple(PhoneData(p.number, p.label) for p in contact.phones.all()),
        preferred_channels=tuple(contact.preferred_channels),
        do_not_contact=contact.do_not_contact,
        owner_id=contact.owner_id,
        team_id=contact.team_id,
        roles=tuple(RoleData(r.organization_id, r.title) for r in contact.roles.all()),
        tags=tuple(t.name for t in contact.tags.all()),
        custom=dict(contact.custom),
        external_id=contact.external_id or "",
    )


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
            self._users[user_id] = _user(user_id, field)
        return None if user_id is None else self._users[user_id]

    def team(self, team_id: int | None) -> Team | None:
        if team_id is not None and team_id not in self._teams:
            self._teams[team_id] = _team(team_id)
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


def _apply_contact(
    contact: Contact, data: ContactData, lookups: Lookups | None = None
) -> ContactRelated:
    """Validate ``data`` into ``contact``'s columns; returns the related rows to write."""
    lookups = lookups or Lookups()
    for name, limit in MAX_TEXT.items():
        setattr(contact, name, _text(getattr(data, name), name, limit))
    contact.honorific_prefix = _text(data.honorific_prefix, "honorific_prefix", 40)
    contact.form_of_address = _text(data.form_of_address, "form_of_address", 200)
    contact.name_latin = _text(data.name_latin, "name_latin", 250)
    if not (contact.given_name or contact.family_name or contact.preferred_name):
        raise DomainError(
            _("A contact needs a given name, a family name or a preferred name."),
            field="given_name",
        )
    contact.country = clean_country(data.country)
    contact.name_order = clean_name_order(data.name_order) or default_name_order(contact.country)
    contact.languages = clean_languages(data.languages)
    contact.language_tags = f" {' '.join(contact.languages)} " if contact.languages else ""
    emails: dict[str, tuple[str, str]] = {}
    for item in data.emails:
        address, normalized = clean_email(item.address)
        emails.setdefault(normalized, (address, _text(item.label, "emails", 40)))
    phones: dict[str, str] = {}
    national: dict[str, str] = {}  # how each number is written at home, for the search entry
    for phone in data.phones:
        number, national_form = clean_phone_forms(phone.number, country=contact.country)
        phones.setdefault(number, _text(phone.label, "phones", 40))
        national.setdefault(number, national_form)
    contact.timezone = clean_timezone(data.timezone) or timezone_guess(
        country=contact.country, phone_numbers=list(phones)
    )
    contact.preferred_channels = clean_channels(data.preferred_channels)
    contact.do_not_contact = bool(data.do_not_contact)
    contact.owner = lookups.user(data.owner_id, "owner_id")
    contact.team = lookups.team(data.team_id)
    contact.custom = custom_seal(
        clean_custom(dict(data.custom), lookups.custom_fields),
        previous=contact.custom,
        definitions=lookups.custom_fields,
    )
    contact.external_id = _text(data.external_id, "external_id", 100) or None
    contact.full_name = (
        full_name(
            given=contact.given_name,
            family=contact.family_name,
            middle=contact.middle_name,
            order=contact.name_order,
        )
        or contact.preferred_name
    )
    language = contact.languages[0].split("-")[0] if contact.languages else None
    contact.match_key = match_key(contact.full_name, language=language)
    contact.sort_name = sort_key(
        family=contact.family_name, given=contact.given_name, fallback=contact.full_name
    )
    organizations = {role.organization_id: role for role in data.roles}
    lookups.require_organizations(organizations)
    return {
        "emails": emails,
        "phones": phones,
        "phones_national": national,
        "roles": [(org_id, _text(r.title, "roles", 150)) for org_id, r in organizations.items()],
        "tags": _tag_names(data.tags),
    }


def _write_related(contact: Contact, related: ContactRelated) -> None:
    contact.emails.all().delete()
    ContactEmail.objects.bulk_create(
        ContactEmail(
            contact=contact,
            address=address,
            normalized=normalized,
            label=label,
            is_primary=index == 0,
        )
        for index, (normalized, (address, label)) in enumerate(related["emails"].items())
    )
    contact.phones.all().delete()
    ContactPhone.objects.bulk_create(
        ContactPhone(contact=contact, number=number, label=label, is_primary=index == 0)
        for index, (number, label) in enumerate(related["phones"].items())
    )
    contact.roles.all().delete()
    ContactOrganization.objects.bulk_create(
        ContactOrganization(
            contact=contact, organization_id=org_id, title=title, is_primary=index == 0
        )
        for index, (org_id, title) in enumerate(related["roles"])
    )
    contact.tags.set(_tags(related["tags"]))


def _save(record: Model, field: str = "external_id") -> None:
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as error:
        raise Conflict(_("Another record already has this external id."), field=field) from error


def contact_create(*, actor: User | None, data: ContactData, actor_label: str = "") -> Contact:
    """Create a contact from validated data; indexes it for search and records the event."""
    _require_writer(actor)
    contact = Contact()
    related = _apply_contact(contact, data)
    with transaction.atomic():
        _save(contact)
        _write_related(contact, related)
        search_documents.contacts_index([contact.pk])
        record_event(
            PeopleEvent.Type.CONTACT_CREATED,
            actor=actor,
            actor_label=actor_label,
            contact=contact,
            name=contact.full_name,
        )
    return contact


def contact_update(
    *,
    actor: User | None,
    contact: Contact,
    data: ContactData,
    fields: set[str] | None = None,
    actor_label: str = "",
) -> Contact:
    """Change a contact; ``fields`` limits the change to those fields (a partial update)."""
    _require_writer(actor)
    if fields is not None and (unknown := fields - {f.name for f in dataclass_fields(data)}):
        raise DomainError(_("Unknown field %(field)s.") % {"field": min(unknown)})
    before = contact_data(contact)
    merged = _merged(contact, data, fields)
    merged = _keep_hidden_values(actor, contact, merged)
    # Validate on a fresh copy: a refused change leaves the caller's instance untouched.
    working = Contact.objects.get(pk=contact.pk)
    related = _apply_contact(working, merged)
    after_fields = {f.name for f in dataclass_fields(merged)}
    changed = sorted(n for n in after_fields if getattr(before, n) != getattr(merged, n))
    if "custom" in changed and working.custom == contact.custom:
        changed.remove("custom")  # the same values handed back (decrypted by the form)
    with transaction.atomic():
        _save(working)
        _write_related(working, related)
        search_documents.contacts_index([working.pk])
        if changed:
            record_event(
                PeopleEvent.Type.CONTACT_UPDATED,
                actor=actor,
                actor_label=actor_label,
                contact=working,
                fields=changed,
            )
    _sync(contact, working)
    return contact


def _keep_hidden_values(actor: User | None, contact: Contact, data: ContactData) -> ContactData:
    """Someone who may not read sensitive values (they saw them masked) replaces them but
    never clears them by sending them back empty or leaving them out."""
    if actor is None or crypto.sensitive_readable_by(actor):
        return data
    hidden = {
        key: value
        for key, value in contact.custom.items()
        if crypto.is_encrypted(value) and data.custom.get(key) in (None, "")
    }
    return replace(data, custom={**dict(data.custom), **hidden}) if hidden else data


def _sync(target: Model, source: Model) -> None:
    """Copy a saved record's columns onto the caller's instance and drop stale caches."""
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target.__dict__.pop("_prefetched_objects_cache", None)


def contact_delete(*, actor: User | None, contact: Contact, actor_label: str = "") -> None:
    """Delete a contact and its search entry; the event keeps only the id."""
    _require_writer(actor)
    with transaction.atomic():
        record_event(
            PeopleEvent.Type.CONTACT_DELETED,
            actor=actor,
            actor_label=actor_label,
            contact=None,
            contact_id=contact.pk,
        )
        search_documents.contacts_unindex([contact.pk])
        contact.delete()


def _apply_organization(organization: Organization, data: OrganizationData) -> OrganizationRelated:
    organization.name = _text(data.name, "name", 200)
    if not organization.name:
        raise DomainError(_("An organization needs a name."), field="name")
    organization.name_latin = _text(data.name_latin, "name_latin", 200)
    organization.industry = clean_industry(data.industry)
    organization.size_band = clean_size_band(data.size_band)
    organization.country = clean_country(data.country)
    organization.subdivision = clean_subdivision(data.subdivision, country=organization.country)
    organization.street = _text(data.street, "street", 500)
    organization.city = _text(data.city, "city", 120)
    organization.postal_code = _text(data.postal_code, "postal_code", 20)
    organization.region = _text(data.region, "region", 120)
    organization.website = clean_website(data.website)
    organization.owner = _user(data.owner_id, "owner_id")
    organization.team = _team(data.team_id)
    organization.external_id = _text(data.external_id, "external_id", 100) or None
    if data.parent_id is not None:
        parent = Organization.objects.filter(pk=data.parent_id).first()
        if parent is None:
            raise DomainError(
                _("There is no organization with id %(id)s.") % {"id": data.parent_id},
                field="parent_id",
            )
        ancestor: Organization | None = parent
        while ancestor is not None:  # a parent chain must not loop back to this organization
            if organization.pk and ancestor.pk == organization.pk:
                raise DomainError(_("An organization cannot be its own parent."), field="parent_id")
            ancestor = ancestor.parent
        organization.parent = parent
    else:
        organization.parent = None
    identifiers = {}
    for item in data.identifiers:
        if item.scheme in identifiers:
            raise DomainError(_("Give each identifier scheme once."), field="identifiers")
        identifiers[item.scheme] = clean_identifier(item.scheme, item.value)
    return {"identifiers": identifiers, "tags": _tag_names(data.tags)}


def organization_data(organization: Organization) -> OrganizationData:
    from amity.people.contracts import IdentifierData

    return OrganizationData(
        **{
            name: getattr(organization, name)
            for name in (
                "name",
                "name_latin",
                "industry",
                "size_band",
                "country",
                "subdivision",
                "street",
                "city",
                "postal_code",
                "region",
                "website",
                "owner_id",
                "team_id",
                "parent_id",
            )
        },
        identifiers=tuple(
            IdentifierData(i.scheme, i.value) for i in organization.identifiers.all()
        ),
        tags=tuple(t.name for t in organization.tags.all()),
        external_id=organization.external_id or "",
    )


def _write_organization_related(organization: Organization, related: OrganizationRelated) -> None:
    organization.identifiers.all().delete()
    OrganizationIdentifier.objects.bulk_create(
        OrganizationIdentifier(organization=organization, scheme=scheme, value=value)
        for scheme, value in related["identifiers"].items()
    )
    organization.tags.set(_tags(related["tags"]))


def organization_create(
    *, actor: User | None, data: OrganizationData, actor_label: str = ""
) -> Organization:
    """Create an organization with validated identifiers; indexes it and records the event."""
    _require_writer(actor)
    organization = Organization()
    related = _apply_organization(organization, data)
    with transaction.atomic():
        _save(organization)
        _write_organization_related(organization, related)
        search_documents.organizations_index([organization.pk])
        record_event(
            PeopleEvent.Type.ORGANIZATION_CREATED,
            actor=actor,
            actor_label=actor_label,
            organization=organization,
            name=organization.name,
        )
    return organization


def organization_update(
    *,
    actor: User | None,
    organization: Organization,
    data: OrganizationData,
    fields: set[str] | None = None,
    actor_label: str = "",
) -> Organization:
    """Change an organization; ``fields`` limits the change (a partial update)."""
    _require_writer(actor)
    if fields is not None and (unknown := fields - {f.name for f in dataclass_fields(data)}):
        raise DomainError(_("Unknown field %(field)s.") % {"field": min(unknown)})
    before = organization_data(organization)
    merged = data if fields is None else replace(before, **{n: getattr(data, n) for n in fields})
    working = Organization.objects.get(pk=organization.pk)
    related = _apply_organization(working, merged)
    changed = sorted(
        f.name
        for f in dataclass_fields(merged)
        if getattr(before, f.name) != getattr(merged, f.name)
    )
    with transaction.atomic():
        _save(working)
        _write_organization_related(working, related)
        search_documents.organizations_index([working.pk])
        # Contacts show their organization's name in search results.
        search_documents.contacts_index(organization.roles.values_list("contact_id", flat=True))
        if changed:
            record_event(
                PeopleEvent.Type.ORGANIZATION_UPDATED,
                actor=actor,
                actor_label=actor_label,
                organization=working,
                fields=changed,
            )
    _sync(organization, working)
    return organization


def organization_delete(
    *, actor: User | None, organization: Organization, actor_label: str = ""
) -> None:
    """Delete an organization; its contacts stay, without the role there."""
    _require_writer(actor)
    with transaction.atomic():
        contact_ids = list(organization.roles.values_list("contact_id", flat=True))
        record_event(
            PeopleEvent.Type.ORGANIZATION_DELETED,
            actor=actor,
            actor_label=actor_label,
            organization_id=organization.pk,
            name=organization.name,
        )
        search_documents.organizations_unindex([organization.pk])
        organization.delete()
        search_documents.contacts_index(contact_ids)


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
