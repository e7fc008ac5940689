"""The contact form: name parts, languages, place, emails and phones typed one a line,
preferred channels, roles at organizations and custom fields (sensitive ones included)."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from amity.core.crypto import EncryptionError, sensitive_readable_by
from amity.people import contracts, selectors
from amity.people.contracts import ContactData, EmailData, PhoneData, RoleData
from amity.people.formatting import phone_international
from amity.people.forms.page_form import DomainErrorsMixin, PageForm
from amity.people.forms.pickers import (
    OrganizationReferenceField,
    country_field_choices,
    organization_reference,
    owner_field,
    team_field,
    timezone_choices,
)
from amity.people.forms.text_lists import labelled_lines, labelled_text, split_list
from amity.people.localities import language_tag_normalize
from amity.people.models import Channel, Contact, CustomField, NameOrder
from amity.people.sensitive import custom_open

# Fields a page edits as they are stored (the rest are parsed from text or rows).
CONTACT_TEXT = (*contracts.CONTACT_TEXT, "do_not_contact")


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
        self.fields["owner"] = owner_field()
        self.fields["team"] = team_field()
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
