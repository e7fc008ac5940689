"""How the REST API reads and shows an organization: what a create or PATCH may send (turned
into the services' OrganizationData) and what a read returns, identifiers formatted."""

from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator

from amity.core.api_schemas import InputSchema, RecordId, Text, Utc
from amity.people.contracts import IdentifierData, OrganizationData
from amity.people.identifiers import identifier_format
from amity.people.models import Organization


class IdentifierIn(InputSchema):
    scheme: Text = Field(description="pl_nip, th_tin, jp_cn, eu_vat, ...")
    value: Text = Field(max_length=64)


def _website_fits(url: str) -> str:
    # The column holds 300 characters and the service adds "https://" to a bare domain.
    full = url.strip() if "://" in url or not url.strip() else "https://" + url.strip()
    if len(full) > 300:
        raise ValueError(_("At most %(limit)s characters.") % {"limit": 300})
    return url


class OrganizationIn(InputSchema):
    """Every field is optional; a PATCH changes exactly the fields it sends."""

    name: Text = Field("", description="In the organization's own script.")
    name_latin: Text = ""
    industry: Text = Field("", description="ISIC Rev.4 section letter, A to U.")
    size_band: Text = Field("", description="1-9, 10-49, 50-249, 250-999 or 1000+.")
    country: Text = ""
    subdivision: Text = Field("", description="ISO 3166-2, e.g. TH-10.")
    street: Text = Field("", max_length=500)
    city: Text = ""
    postal_code: Text = ""
    region: Text = ""
    website: Annotated[Text, AfterValidator(_website_fits)] = ""
    owner_id: RecordId | None = None
    team_id: RecordId | None = None
    parent_id: RecordId | None = None
    identifiers: list[IdentifierIn] = Field([], max_length=20)
    tags: list[Text] = Field([], max_length=100)
    external_id: Text = ""


def as_organization_data(payload: OrganizationIn) -> OrganizationData:
    values = payload.model_dump(exclude={"identifiers", "tags"})
    return OrganizationData(
        **values,
        identifiers=tuple(IdentifierData(i.scheme, i.value) for i in payload.identifiers),
        tags=tuple(payload.tags),
    )


class IdentifierOut(Schema):
    scheme: str
    value: str = Field(description="Compacted.")
    formatted: str = Field(description="As people write it.")


class OrganizationOut(Schema):
    id: int
    name: str
    name_latin: str
    industry: str
    size_band: str
    country: str
    subdivision: str
    street: str
    city: str
    postal_code: str
    region: str
    website: str
    owner_id: int | None
    team_id: int | None
    parent_id: int | None
    identifiers: list[IdentifierOut]
    tags: list[str]
    external_id: str | None
    created_at: Utc
    updated_at: Utc

    @staticmethod
    def resolve_identifiers(obj: Organization) -> list[dict]:
        return [
            {
                "scheme": i.scheme,
                "value": i.value,
                "formatted": identifier_format(i.scheme, i.value),
            }
            for i in obj.identifiers.all()
        ]

    @staticmethod
    def resolve_tags(obj: Organization) -> list[str]:
        return [tag.name for tag in obj.tags.all()]


class OrganizationPage(Schema):
    items: list[OrganizationOut]
    next_cursor: str | None
    previous_cursor: str | None = None
