"""The pickers the contact and organization forms share: time zones, countries, owners and
teams, and the organization picker (type-ahead suggestions that yield an id)."""

import re
import zoneinfo
from functools import cache

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from amity.accounts.selectors import team_list, user_list
from amity.culture.countries import country_time_zones
from amity.people import selectors
from amity.people.formatting import reader_locale
from amity.people.localities import country_choices

# "บริษัท สยามเทรดดิ้ง จำกัด · #12": what the organization pickers suggest and show.
ORGANIZATION_REFERENCE = re.compile(r"#(\d{1,18})\s*$")


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


def user_choices():
    """The users an owner is picked among."""
    return user_list().prefetch_related(None)


def owner_field() -> forms.ModelChoiceField:
    """An owner picker; "Nobody" leaves the record without one."""
    return forms.ModelChoiceField(
        label=_("Owner"), queryset=user_choices(), required=False, empty_label=_("Nobody")
    )


def team_field() -> forms.ModelChoiceField:
    """A team picker; "No team" leaves the record without one."""
    return forms.ModelChoiceField(
        label=_("Team"),
        queryset=team_list(),
        required=False,
        empty_label=_("No team"),
    )
