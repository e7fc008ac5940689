"""Forms of the contact and organization pages. They turn what a person typed into the
contracts the people services take; the services validate every value, and their
DomainErrors come back on the field that caused them (``show_error``)."""

import re
import zoneinfo
from datetime import date
from functools import cache

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amity.accounts.selectors import team_list, user_list
from amity.core.crypto import EncryptionError, sensitive_readable_by
from amity.core.errors import DomainError
from amity.culture.countries import country_time_zones
from amity.people import selectors
from amity.people.contracts import (
    ContactData,
    EmailData,
    IdentifierData,
    OrganizationData,
    PhoneData,
    RoleData,
)
from amity.people.identifiers import SCHEME_CHOICES
from amity.people.localities import country_choices, language_tag_normalize
from amity.people.models import Channel, Contact, CustomField, Industry, NameOrder, SizeBand
from amity.people.sensitive import custom_open
from amity.people.templatetags.people_format import phone_international, reader_locale

# "work: anna@example.pl" or "mobile: +48 601 234 567": an optional label before a colon. A
# label never starts with a digit or "+" and has no "@", so addresses and numbers stay whole.
LABELLED_LINE = re.compile(r"^([^:@+\d][^:@]{0,39}):\s*(\S.*)$")
# "บริษัท สยามเทรดดิ้ง จำกัด · #12": what the organization pickers suggest and show.
ORGANIZATION_REFERENCE = re.compile(r"#(\d{1,18})\s*$")
MAX_ROWS = 50
# Fields a page edits as they are stored (the rest are parsed from text or rows).
CONTACT_TEXT = (
    "honorific_prefix",
    "given_name",
    "middle_name",
    "family_name",
    "name_order",
    "preferred_name",
    "name_latin",
    "form_of_address",
    "country",
    "timezone",
    "do_not_contact",
)
ORGANIZATION_TEXT = (
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
)


@cache
def _zones() -> list[str]:
    return sorted(zoneinfo.available_timezones())


def timezone_choices(country: str = "") -> list:
    """Every IANA zone, the contact's country's own zones first."""
    blank = ("", _("Guess from the country or phone number"))
    local = list(country_time_zones(country)) if country else []
    everything = [(zone, zone.replace("_", " ")) for zone in _zones()]
    if not local:
        return [blank, *everything]
    return [
        blank,
        (_("In the contact's country"), [(zone, zone.replace("_", " ")) for zone in local]),
        (_("All time zones"), everything),
    ]


def country_field_choices(blank_label) -> list[tuple[str, str]]:
    return [("", blank_label), *country_choices(reader_locale())]


def split_list(text: str) -> list[str]:
    """ "th, en-GB" or one per line -> ["th", "en-GB"]."""
    return [piece.strip() for piece in re.split(r"[,;\n、،]", text or "") if piece.strip()]


def labelled_lines(text: str) -> list[tuple[str, str]]:
    """(label, value) for each non-empty line; label "" when the line has none."""
    found = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        match = LABELLED_LINE.match(line)
        found.append((match.group(1).strip(), match.group(2).strip()) if match else ("", line))
    return found


def labelled_text(items) -> str:
    return "\n".join(f"{label}: {value}" if label else value for value, label in items)


def organization_reference(organization) -> str:
    return f"{organization.name} · #{organization.pk}"


def resolve_organization(text: str, *, user=None) -> int:
    """The id of the organization a picker value or an exact name refers to; ValidationError
    when none or several have that name. With ``user``, only organizations they may see count
    (a hidden one is answered like a missing one)."""
    text = text.strip()
    not_found = forms.ValidationError(
        _("No organization is called “%(name)s”. Pick one from the suggestions."),
        params={"name": text},
    )
    if match := ORGANIZATION_REFERENCE.search(text):
        organization_id = int(match.group(1))
        if user is not None and not selectors.organization_exists(organization_id, user=user):
            raise not_found
        return organization_id  # without a user, the service reports an id that does not exist
    wanted = text.casefold()
    filters = selectors.OrganizationFilters(q=text)
    found = [
        o.pk
        for o in selectors.organizations_matching(filters, user=user)[:50]
        if wanted in (o.name.casefold(), o.name_latin.casefold())
    ]
    if not found:
        raise not_found
    if len(found) > 1:
        raise forms.ValidationError(
            _("Several organizations are called “%(name)s”. Pick one from the suggestions."),
            params={"name": text},
        )
    return found[0]


class OrganizationReferenceField(forms.CharField):
    """A text box with type-ahead suggestions (a <datalist> HTMX fills as one types) that
    yields an organization id, or None when left empty."""

    def __init__(self, *, suggestions: str = "", **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 250)
        super().__init__(**kwargs)
        if suggestions:
            self.widget.attrs.update(
                {
                    "list": suggestions,
                    "autocomplete": "off",
                    "hx-get": reverse_lazy("organization_options"),
                    "hx-trigger": "input changed delay:250ms",
                    "hx-target": f"#{suggestions}",
                }
            )

    # Who fills the form (set by the form): names resolve among the organizations they see.
    user = None

    def clean(self, value):
        value = super().clean(value)
        return resolve_organization(value, user=self.user) if value else None


class PageForm(forms.Form):
    """Labels without a trailing colon, as on the other pages."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DomainErrorsMixin:
    """Puts a service's DomainError on the field it names; ``error_fields`` maps the
    contract's field names to this form's, groups of rows to ``group_errors``."""

    error_fields: dict[str, str] = {}
    groups: tuple[str, ...] = ()

    def show_error(self, error: DomainError) -> None:
        field = self.error_fields.get(error.field or "", error.field or "")
        if field in self.groups:
            self.group_errors.setdefault(field, []).append(error.message)
        elif field in self.fields:
            self.add_error(field, error.message)
        else:
            self.add_error(None, error.message)

    def _row_count(self, name: str, default: int) -> int:
        """How many repeated rows (roles, identifiers) the page sent, within reason."""
        if not self.is_bound:
            return default
        try:
            return min(MAX_ROWS, max(0, int(self.data.get(name, default))))
        except ValueError:
            return default

    @property
    def group_errors(self) -> dict[str, list[str]]:
        if not hasattr(self, "_group_errors"):
            self._group_errors: dict[str, list[str]] = {}
        return self._group_errors


def _users():
    return user_list().prefetch_related(None)


def _owner_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Owner"), queryset=_users(), required=False, empty_label=_("Nobody")
    )


def _team_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Team"),
        queryset=team_list(),
        required=False,
        empty_label=_("No team"),
    )


class ContactForm(DomainErrorsMixin, PageForm):
    honorific_prefix = forms.CharField(
        label=_("Honorific"), required=False, max_length=40, help_text=_("Dr., คุณ, Pani, 様…")
    )
    given_name = forms.CharField(label=_("Given name"), required=False, max_length=120)
    middle_name = forms.CharField(label=_("Other names"), required=False, max_length=120)
    family_name = forms.CharField(label=_("Family name"), required=False, max_length=120)
    name_order = forms.ChoiceField(
        label=_("Name order"),
        required=False,
        choices=[("", _("The usual order in the contact's country")), *NameOrder.choices],
    )
    preferred_name = forms.CharField(
        label=_("Preferred name"), required=False, max_length=120, help_text=_("Nickname, if any.")
    )
    name_latin = forms.CharField(
        label=_("Name in Latin letters"),
        required=False,
        max_length=250,
        help_text=_("How the name is written in Latin letters, when it is in another script."),
    )
    form_of_address = forms.CharField(
        label=_("Form of address"),
        required=False,
        max_length=200,
        help_text=_("How the person asked to be addressed, e.g. Khun Somchai, Pani Anno."),
    )
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        max_length=300,
        help_text=_("BCP 47 tags separated by commas, preferred first: th, en or pt-BR."),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    timezone = forms.ChoiceField(label=_("Time zone"), required=False)
    emails = forms.CharField(
        label=_("Email addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, the main one first. A label may go before a colon: work: …"),
    )
    phones = forms.CharField(
        label=_("Phone numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line, the main one first; numbers without +country code are read in the "
            "contact's country. A label may go before a colon: mobile: …"
        ),
    )
    do_not_contact = forms.BooleanField(label=_("Do not contact"), required=False)
    tags = forms.CharField(
        label=_("Tags"), required=False, help_text=_("Separated by commas."), max_length=2000
    )

    error_fields = {"owner_id": "owner", "team_id": "team", "preferred_channels": "channels"}
    groups = ("channels", "roles")
    # What an edit changes; the rest (external id) keeps its stored value.
    edited_fields = frozenset(
        {*CONTACT_TEXT, "languages", "emails", "phones", "preferred_channels", "owner_id"}
        | {"team_id", "roles", "tags", "custom"}
    )

    def __init__(
        self, *args, contact: Contact | None = None, organization=None, reader=None, **kwargs
    ):
        """``reader``: who fills the form; sensitive values are shown to administrators and
        managers only (others may type a new value but never see the stored one)."""
        self.reader = reader
        initial = kwargs.setdefault("initial", {})
        roles = []
        if contact is not None:
            initial.update(self.initial_from(contact))
            roles = [(r.organization, r.title) for r in contact.roles.all()]
        elif organization is not None:
            roles = [(organization, "")]
        super().__init__(*args, **kwargs)
        country = self.data.get("country") if self.is_bound else initial.get("country", "")
        self.fields["country"].choices = country_field_choices(_("Not recorded"))
        self.fields["timezone"].choices = timezone_choices(str(country or ""))
        self.fields["owner"] = _owner_field()
        self.fields["team"] = _team_field()
        self._add_channel_fields(contact)
        self._add_role_fields(roles)
        self._add_custom_fields()

    @staticmethod
    def initial_from(contact: Contact) -> dict:
        return {
            **{name: getattr(contact, name) for name in CONTACT_TEXT},
            "languages": ", ".join(contact.languages),
            "emails": labelled_text((e.address, e.label) for e in contact.emails.all()),
            "phones": labelled_text(
                (phone_international(p.number), p.label) for p in contact.phones.all()
            ),
            "tags": ", ".join(t.name for t in contact.tags.all()),
            "owner": contact.owner_id,
            "team": contact.team_id,
            "custom": dict(contact.custom),
        }

    def _add_channel_fields(self, contact: Contact | None) -> None:
        current = list(contact.preferred_channels) if contact else []
        rows = min(len(Channel.choices), max(3, len(current) + 1))
        choices = [("", _("None")), *Channel.choices]
        self.channel_fields = []
        for rank in range(1, rows + 1):
            name = f"channel_{rank}"
            self.fields[name] = forms.ChoiceField(
                label=_("Choice %(rank)s") % {"rank": rank}, choices=choices, required=False
            )
            if rank <= len(current):
                self.initial[name] = current[rank - 1]
            self.channel_fields.append(name)
        self.channel_rows = [self[name] for name in self.channel_fields]

    def _add_role_fields(self, roles: list) -> None:
        count = self._row_count("role_rows", len(roles) + 2)
        self.role_rows = []
        for index in range(count):
            org_name, title_name = f"role_{index}_organization", f"role_{index}_title"
            self.fields[org_name] = OrganizationReferenceField(
                label=_("Organization"), suggestions=f"role-{index}-suggestions"
            )
            self.fields[org_name].user = self.reader
            self.fields[title_name] = forms.CharField(
                label=_("Job title"), required=False, max_length=150
            )
            if index < len(roles):
                self.initial[org_name] = organization_reference(roles[index][0])
                self.initial[title_name] = roles[index][1]
            self.role_rows.append((self[org_name], self[title_name]))

    def _add_custom_fields(self) -> None:
        self.custom_fields = []
        self.custom_rows = []
        contact_custom = self.initial.get("custom", {})
        for definition in selectors.custom_fields().values():
            name = f"custom_{definition.key}"
            label = definition.label
            if definition.type == CustomField.Type.CHOICE:
                field = forms.ChoiceField(
                    label=label,
                    required=False,
                    choices=[("", _("Not recorded")), *((c, c) for c in definition.choices)],
                )
            elif definition.type == CustomField.Type.DATE:
                field = forms.DateField(
                    label=label, required=False, widget=forms.DateInput(attrs={"type": "date"})
                )
            elif definition.type == CustomField.Type.NUMBER:
                field = forms.DecimalField(label=label, required=False)
            else:
                field = forms.CharField(label=label, required=False, max_length=500)
            self.fields[name] = field
            stored = contact_custom.get(definition.key)
            if definition.sensitive:
                field.help_text = self._sensitive_help(stored)
                stored = self._sensitive_initial(stored)
            if stored is not None:
                self.initial[name] = stored
            self.custom_fields.append((name, definition.key))
            self.custom_rows.append(self[name])
            self.error_fields = {**self.error_fields, f"custom.{definition.key}": name}

    def _sensitive_help(self, stored) -> str:
        if not sensitive_readable_by(self.reader):
            if stored is None:
                return _("Sensitive: stored encrypted; you cannot read it back.")
            return _("Sensitive: a value is stored but hidden from you; type one to replace it.")
        return _("Sensitive: stored encrypted, shown to administrators and managers only.")

    def _sensitive_initial(self, stored):
        if stored is None or not sensitive_readable_by(self.reader):
            return None
        try:
            return custom_open(stored)
        except EncryptionError:
            return None

    def clean_languages(self) -> list[str]:
        tags = split_list(self.cleaned_data["languages"])
        for tag in tags:
            try:
                language_tag_normalize(tag)
            except ValueError:
                raise forms.ValidationError(
                    _("%(tag)s is not a BCP 47 language tag (for example th, pl or pt-BR)."),
                    params={"tag": tag},
                ) from None
        return tags

    def contact_data(self) -> ContactData:
        data = self.cleaned_data
        custom = {}
        for name, key in self.custom_fields:
            value = data.get(name)
            if isinstance(value, date):
                value = value.isoformat()
            elif value is not None and not isinstance(value, str):
                value = str(value)
            custom[key] = value
        roles = []
        for index in range(len(self.role_rows)):
            organization_id = data.get(f"role_{index}_organization")
            if organization_id is not None:
                roles.append(RoleData(organization_id, data.get(f"role_{index}_title", "")))
        return ContactData(
            **{name: data[name] for name in CONTACT_TEXT},
            languages=tuple(data["languages"]),
            emails=tuple(EmailData(v, label) for label, v in labelled_lines(data["emails"])),
            phones=tuple(PhoneData(v, label) for label, v in labelled_lines(data["phones"])),
            preferred_channels=tuple(
                dict.fromkeys(data[n] for n in self.channel_fields if data.get(n))
            ),
            owner_id=data["owner"].pk if data.get("owner") else None,
            team_id=data["team"].pk if data.get("team") else None,
            roles=tuple(roles),
            tags=tuple(split_list(data["tags"])),
            custom=custom,
        )


class OrganizationForm(DomainErrorsMixin, PageForm):
    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("In the organization's own script.")
    )
    name_latin = forms.CharField(label=_("Name in Latin letters"), required=False, max_length=200)
    industry = forms.ChoiceField(
        label=_("Industry"), required=False, choices=[("", _("Not recorded")), *Industry.choices]
    )
    size_band = forms.ChoiceField(
        label=_("Size"), required=False, choices=[("", _("Not recorded")), *SizeBand.choices]
    )
    website = forms.CharField(label=_("Website"), required=False, max_length=300)
    street = forms.CharField(
        label=_("Street address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
    )
    postal_code = forms.CharField(label=_("Postal code"), required=False, max_length=20)
    city = forms.CharField(label=_("City"), required=False, max_length=120)
    region = forms.CharField(
        label=pgettext_lazy("address", "Region"), required=False, max_length=120
    )
    subdivision = forms.CharField(
        label=_("Subdivision code"),
        required=False,
        max_length=6,
        help_text=_("ISO 3166-2, e.g. TH-10 or PL-14."),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    parent = OrganizationReferenceField(
        label=_("Parent organization"), suggestions="parent-suggestions"
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, help_text=_("Separated by commas."), max_length=2000
    )

    error_fields = {"owner_id": "owner", "team_id": "team", "parent_id": "parent"}
    groups = ("identifiers",)
    edited_fields = frozenset(
        {*ORGANIZATION_TEXT, "owner_id", "team_id", "parent_id", "identifiers", "tags"}
    )

    def __init__(self, *args, organization=None, reader=None, **kwargs):
        """``reader``: who fills the form; the parent is picked among what they may see."""
        initial = kwargs.setdefault("initial", {})
        identifiers = []
        if organization is not None:
            initial.update({name: getattr(organization, name) for name in ORGANIZATION_TEXT})
            initial["owner"] = organization.owner_id
            initial["team"] = organization.team_id
            initial["tags"] = ", ".join(t.name for t in organization.tags.all())
            if organization.parent is not None:
                initial["parent"] = organization_reference(organization.parent)
            identifiers = [(i.scheme, i.value) for i in organization.identifiers.all()]
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_field_choices(_("Not recorded"))
        self.fields["owner"] = _owner_field()
        self.fields["team"] = _team_field()
        self.fields["parent"].user = reader
        self._add_identifier_fields(identifiers)

    def _add_identifier_fields(self, identifiers: list[tuple[str, str]]) -> None:
        count = self._row_count("identifier_rows", len(identifiers) + 1)
        self.identifier_rows = []
        choices = [("", _("Choose a scheme")), *SCHEME_CHOICES]
        for index in range(count):
            scheme, value = f"identifier_{index}_scheme", f"identifier_{index}_value"
            self.fields[scheme] = forms.ChoiceField(
                label=_("Scheme"), choices=choices, required=False
            )
            self.fields[value] = forms.CharField(label=_("Number"), required=False, max_length=40)
            if index < len(identifiers):
                self.initial[scheme], self.initial[value] = identifiers[index]
            self.identifier_rows.append((self[scheme], self[value]))

    def clean(self):
        data = super().clean()
        for index in range(len(self.identifier_rows)):
            scheme = data.get(f"identifier_{index}_scheme")
            value = data.get(f"identifier_{index}_value")
            if value and not scheme:
                self.add_error(f"identifier_{index}_scheme", _("Choose the identifier's scheme."))
        return data

    def organization_data(self) -> OrganizationData:
        data = self.cleaned_data
        identifiers = []
        for index in range(len(self.identifier_rows)):
            scheme = data.get(f"identifier_{index}_scheme")
            value = data.get(f"identifier_{index}_value")
            if scheme and value:
                identifiers.append(IdentifierData(scheme, value))
        return OrganizationData(
            **{name: data[name] for name in ORGANIZATION_TEXT},
            owner_id=data["owner"].pk if data.get("owner") else None,
            team_id=data["team"].pk if data.get("team") else None,
            parent_id=data.get("parent"),
            identifiers=tuple(identifiers),
            tags=tuple(split_list(data["tags"])),
        )


DNC_CHOICES = [
    ("", _("Anyone")),
    ("yes", _("Only do-not-contact")),
    ("no", _("Only contactable")),
]


RELEVANCE = "relevance"  # best matches first: the order of a search unless another is chosen


class ListFilterForm(PageForm):
    """A list's filters with ``q`` and ``order``."""

    def by_relevance(self) -> bool:
        """Best matches first: when searching, unless another order was chosen."""
        self.is_valid()
        searching = bool(self.cleaned_data.get("q", "").strip())
        return searching and self.cleaned_data.get("order") in ("", None, RELEVANCE)


CONTACT_ORDERS = {
    "name": (("sort_name", "id"), False),
    "-name": (("sort_name", "id"), True),
    "-created": (("created_at", "id"), True),
    "created": (("created_at", "id"), False),
    "-updated": (("updated_at", "id"), True),
}
CONTACT_ORDER_CHOICES = [
    (RELEVANCE, _("Best match first (when searching)")),
    ("name", _("Name, A to Z")),
    ("-name", _("Name, Z to A")),
    ("-created", _("Newest first")),
    ("created", _("Oldest first")),
    ("-updated", _("Recently changed")),
]
ORGANIZATION_ORDERS = {
    "name": (("name", "id"), False),
    "-name": (("name", "id"), True),
    "-created": (("created_at", "id"), True),
    "created": (("created_at", "id"), False),
    "-updated": (("updated_at", "id"), True),
}


class ContactFilterForm(ListFilterForm):
    """The contact list's search box and filters (GET); invalid values are simply dropped."""

    q = forms.CharField(label=_("Search contacts"), required=False, max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False)
    language = forms.CharField(
        label=_("Language"),
        required=False,
        max_length=35,
        widget=forms.TextInput(attrs={"placeholder": _("th, pl, ja…")}),
    )
    tag = forms.CharField(label=_("Tag"), required=False, max_length=80)
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=_users(), required=False, empty_label=_("Anyone")
    )
    do_not_contact = forms.ChoiceField(
        label=_("Do not contact"), required=False, choices=DNC_CHOICES
    )
    organization = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    order = forms.ChoiceField(label=_("Order"), required=False, choices=CONTACT_ORDER_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_field_choices(_("Any country"))

    def clean_language(self) -> str:
        tag = self.cleaned_data["language"].strip()
        if not tag:
            return ""
        try:
            return language_tag_normalize(tag)
        except ValueError:
            raise forms.ValidationError(
                _("%(tag)s is not a BCP 47 language tag (for example th, pl or pt-BR)."),
                params={"tag": tag},
            ) from None

    def filters(self) -> selectors.ContactFilters:
        self.is_valid()  # a bad value drops that filter only
        data = self.cleaned_data
        dnc = data.get("do_not_contact", "")
        owner = data.get("owner")
        return selectors.ContactFilters(
            q=data.get("q", ""),
            country=data.get("country", ""),
            language=data.get("language", ""),
            tag=data.get("tag", "").strip(),
            owner_id=owner.pk if owner else None,
            organization_id=data.get("organization"),
            do_not_contact={"yes": True, "no": False}.get(dnc),
        )

    def ordering(self) -> tuple[tuple[str, ...], bool]:
        self.is_valid()
        order = self.cleaned_data.get("order")
        return CONTACT_ORDERS.get(order or "name", CONTACT_ORDERS["name"])


class OrganizationFilterForm(ListFilterForm):
    q = forms.CharField(label=_("Search organizations"), required=False, max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False)
    industry = forms.ChoiceField(
        label=_("Industry"), required=False, choices=[("", _("Any industry")), *Industry.choices]
    )
    tag = forms.CharField(label=_("Tag"), required=False, max_length=80)
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=_users(), required=False, empty_label=_("Anyone")
    )
    order = forms.ChoiceField(label=_("Order"), required=False, choices=CONTACT_ORDER_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_field_choices(_("Any country"))

    def filters(self) -> selectors.OrganizationFilters:
        self.is_valid()
        data = self.cleaned_data
        owner = data.get("owner")
        return selectors.OrganizationFilters(
            q=data.get("q", ""),
            country=data.get("country", ""),
            industry=data.get("industry", ""),
            tag=data.get("tag", "").strip(),
            owner_id=owner.pk if owner else None,
        )

    def ordering(self) -> tuple[tuple[str, ...], bool]:
        self.is_valid()
        order = self.cleaned_data.get("order")
        return ORGANIZATION_ORDERS.get(order or "name", ORGANIZATION_ORDERS["name"])
