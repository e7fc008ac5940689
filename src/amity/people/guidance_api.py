"""REST endpoints for cultural guidance: a country's guidance with its sources, and the
merged guidance of a contact or organization with where each field came from; PUT replaces
an organization's or contact's preferences, PATCH changes only the fields sent (null clears).
Reads give the shipped notes in ``?language=`` (default: yours), else in English marked as a
fallback; edits and preferences come as written."""

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from amity.core.api_schemas import InputSchema, Text
from amity.core.errors import NotFound
from amity.core.permissions import Action, require
from amity.culture.countries import country_codes, country_name
from amity.culture.guidance.edits import MAX_NOTE
from amity.culture.guidance.entries import CountryGuidance
from amity.culture.guidance.reading import country_guidance, reader_language
from amity.people import guidance, selectors
from amity.people.guidance import MergedGuidance, Preference

router = Router(tags=["cultural guidance"])

ACTOR_LABEL = "api"


class SourceOut(Schema):
    url: str
    title: str
    accessed: str = Field("", description="ISO date the page was read; blank for an edit.")


NOTE_LANGUAGE = "Language of the note (en, th, pl); blank when written by a person, as written."
FALLBACK = "No translation in the language asked for: the note is the English one."


class GuidanceQuery(Schema):
    language: str | None = Field(None, description="th, pl, en...; default: your language.")


class GuidanceFieldOut(Schema):
    field: str
    label: str
    value: str = Field(description="A fixed value for directness, formality, decisions, trust.")
    value_label: str
    note: str
    language: str = Field(description=NOTE_LANGUAGE)
    fallback: bool = Field(description=FALLBACK)
    origin: str = Field(description="country, organization or contact (their own preference).")
    origin_label: str
    overrides: list[str] = Field(description="Lower layers this field replaced.")
    sources: list[SourceOut]


class MergedGuidanceOut(Schema):
    country: str = Field(description="ISO 3166-1 code whose guidance applies; blank if none.")
    fields: list[GuidanceFieldOut]


class CountryFieldOut(Schema):
    field: str
    label: str
    value: str
    value_label: str
    note: str
    language: str = Field(description=NOTE_LANGUAGE)
    fallback: bool = Field(description=FALLBACK)
    edited: bool = Field(description="An administrator replaced the shipped text.")
    sources: list[SourceOut]


class CountryGuidanceOut(Schema):
    country: str
    name: str
    fields: list[CountryFieldOut]


class PreferenceIn(InputSchema):
    value: Text = Field("", max_length=20)
    note: Text = Field("", max_length=MAX_NOTE)


class PreferencesIn(InputSchema):
    """Keyed by field (directness, formality, decisions, trust, meetings, gifts, avoid)."""

    preferences: dict[Text, PreferenceIn | None] = Field(max_length=20)


class PreferenceOut(Schema):
    value: str
    note: str


class PreferencesOut(Schema):
    preferences: dict[str, PreferenceOut]


def _sources(sources) -> list[dict]:
    return [{"url": s.url, "title": s.title, "accessed": s.accessed} for s in sources]


def _merged(merged: MergedGuidance) -> dict:
    return {
        "country": merged.country,
        "fields": [
            {
                "field": f.field,
                "label": f.label,
                "value": f.value,
                "value_label": f.value_label,
                "note": f.note,
                "language": f.language,
                "fallback": f.fallback,
                "origin": f.origin,
                "origin_label": f.origin_label,
                "overrides": list(f.overrides),
                "sources": _sources(f.sources),
            }
            for f in merged.fields
        ],
    }


def _country(guidance_: CountryGuidance, name: str) -> dict:
    return {
        "country": guidance_.country,
        "name": name,
        "fields": [
            {
                "field": entry.field,
                "label": entry.label,
                "value": entry.value,
                "value_label": entry.value_label,
                "note": entry.note,
                "language": entry.language,
                "fallback": entry.fallback,
                "edited": entry.edited,
                "sources": _sources(entry.sources),
            }
            for entry in guidance_.ordered()
        ],
    }


def _preferences(preferences: dict[str, Preference]) -> dict:
    return {
        "preferences": {name: {"value": p.value, "note": p.note} for name, p in preferences.items()}
    }


def _changes(payload: PreferencesIn) -> dict:
    return {
        name: (None if change is None else change.model_dump())
        for name, change in payload.preferences.items()
    }


@router.get("/guidance/{country}", response=CountryGuidanceOut)
def country_guidance_get(request, country: str, params: Query[GuidanceQuery]):
    """A country's guidance (shipped and administrators' edits), each field with sources.
    A country nobody described answers with no fields."""
    require(request.auth, Action.VIEW_RECORDS)
    code = country.upper()
    if len(code) != 2 or code not in country_codes():
        raise NotFound(_("%(code)s is not an ISO 3166-1 country code.") % {"code": country})
    language = reader_language(params.language)
    return _country(country_guidance(code, language=language), country_name(code))


@router.get("/contacts/{int:contact_id}/guidance", response=MergedGuidanceOut)
def contact_guidance_get(request, contact_id: int, params: Query[GuidanceQuery]):
    """The contact's guidance: country, then organization, then their own preferences."""
    require(request.auth, Action.VIEW_RECORDS)
    language = reader_language(params.language)
    contact = selectors.contact_get(contact_id, user=request.auth)
    return _merged(guidance.contact_guidance(contact, language=language))


def _set_contact(request, contact_id: int, payload: PreferencesIn, *, replace: bool):
    require(request.auth, Action.WRITE_RECORDS)
    contact = selectors.contact_get(contact_id, user=request.auth)
    return _preferences(
        guidance.guidance_preferences_set(
            actor=request.auth,
            contact=contact,
            changes=_changes(payload),
            replace=replace,
            actor_label=ACTOR_LABEL,
        )
    )


@router.put("/contacts/{int:contact_id}/guidance", response=PreferencesOut)
def contact_guidance_replace(request, contact_id: int, payload: PreferencesIn):
    """Replace the contact's own preferences with exactly the fields sent."""
    return _set_contact(request, contact_id, payload, replace=True)


@router.patch("/contacts/{int:contact_id}/guidance", response=PreferencesOut)
def contact_guidance_update(request, contact_id: int, payload: PreferencesIn):
    """Change only the fields sent; a field sent as null is cleared."""
    return _set_contact(request, contact_id, payload, replace=False)


@router.get("/organizations/{int:organization_id}/guidance", response=MergedGuidanceOut)
def organization_guidance_get(request, organization_id: int, params: Query[GuidanceQuery]):
    """The organization's country guidance with its own preferences on top."""
    require(request.auth, Action.VIEW_RECORDS)
    language = reader_language(params.language)
    organization = selectors.organization_get(organization_id, user=request.auth)
    return _merged(guidance.organization_guidance(organization, language=language))


def _set_organization(request, organization_id: int, payload: PreferencesIn, *, replace: bool):
    require(request.auth, Action.WRITE_RECORDS)
    organization = selectors.organization_get(organization_id, user=request.auth)
    return _preferences(
        guidance.guidance_preferences_set(
            actor=request.auth,
            organization=organization,
            changes=_changes(payload),
            replace=replace,
            actor_label=ACTOR_LABEL,
        )
    )


@router.put("/organizations/{int:organization_id}/guidance", response=PreferencesOut)
def organization_guidance_replace(request, organization_id: int, payload: PreferencesIn):
    """Replace the organization's preferences with exactly the fields sent."""
    return _set_organization(request, organization_id, payload, replace=True)


@router.patch("/organizations/{int:organization_id}/guidance", response=PreferencesOut)
def organization_guidance_update(request, organization_id: int, payload: PreferencesIn):
    """Change only the fields sent; a field sent as null is cleared."""
    return _set_organization(request, organization_id, payload, replace=False)
