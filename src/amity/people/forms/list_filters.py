"""The contact and organization lists' search box, filters and order (GET); a bad value drops
its filter only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from amity.people import selectors
from amity.people.forms.page_form import PageForm
from amity.people.forms.pickers import country_field_choices, user_choices
from amity.people.localities import language_tag_normalize
from amity.people.models import Industry

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
        label=_("Owner"), queryset=user_choices(), required=False, empty_label=_("Anyone")
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
        label=_("Owner"), queryset=user_choices(), required=False, empty_label=_("Anyone")
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
