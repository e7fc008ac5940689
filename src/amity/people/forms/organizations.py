"""The organization form: names, industry and size, address, parent organization and legal
identifiers (a scheme and a number per row)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amity.people.contracts import (
    ORGANIZATION_LINKS,
    ORGANIZATION_TEXT,
    IdentifierData,
    OrganizationData,
)
from amity.people.forms.page_form import DomainErrorsMixin, PageForm
from amity.people.forms.pickers import (
    OrganizationReferenceField,
    country_field_choices,
    organization_reference,
    owner_field,
    team_field,
)
from amity.people.forms.text_lists import split_list
from amity.people.identifiers import SCHEME_CHOICES
from amity.people.models import Industry, SizeBand


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
    edited_fields = frozenset({*ORGANIZATION_TEXT, *ORGANIZATION_LINKS, "identifiers", "tags"})

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
        self.fields["owner"] = owner_field()
        self.fields["team"] = team_field()
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
