"""The field catalogue (people.contracts) is the one list of contact and organization fields:
what is written out by hand elsewhere (API schemas, import labels) follows it, field by field
and in its order."""

from amity.people.contact_schemas import CONTACT_FIELD_NAMES, ContactIn
from amity.people.contracts import (
    CONTACT_FIELDS,
    CONTACT_LINKS,
    CONTACT_TEXT,
    ORGANIZATION_FIELDS,
    ORGANIZATION_LINKS,
    ORGANIZATION_TEXT,
)
from amity.people.exporting import ORGANIZATION_COLUMNS
from amity.people.importing.mapping import ORGANIZATION_FIELDS as ORGANIZATION_TARGETS
from amity.people.merging import CONTACT_FILL, ORGANIZATION_FILL
from amity.people.organization_schemas import OrganizationIn, OrganizationOut


def test_text_and_links_are_every_plain_field_but_the_external_id():
    assert (
        *ORGANIZATION_TEXT,
        *ORGANIZATION_LINKS,
        "identifiers",
        "tags",
        "external_id",
    ) == ORGANIZATION_FIELDS
    assert ORGANIZATION_LINKS == ("owner_id", "team_id", "parent_id")
    assert set(CONTACT_FIELDS) - {*CONTACT_TEXT, *CONTACT_LINKS} == {
        "languages",
        "emails",
        "phones",
        "preferred_channels",
        "do_not_contact",
        "roles",
        "tags",
        "custom",
        "external_id",
    }
    assert CONTACT_LINKS == ("owner_id", "team_id")


def test_the_api_schemas_take_and_show_every_field_in_the_catalogues_order():
    assert tuple(OrganizationIn.model_fields) == ORGANIZATION_FIELDS
    assert tuple(OrganizationOut.model_fields) == (
        "id",
        *ORGANIZATION_FIELDS,
        "created_at",
        "updated_at",
    )
    assert tuple(CONTACT_FIELD_NAMES.get(n, n) for n in ContactIn.model_fields) == CONTACT_FIELDS


def test_every_organization_export_column_but_the_id_is_an_import_field_in_the_same_order():
    assert ORGANIZATION_COLUMNS[0] == "amity_id"
    assert tuple(ORGANIZATION_COLUMNS[1:]) == tuple(ORGANIZATION_TARGETS)


def test_a_merge_fills_the_blank_text_and_links_but_name_order_name_and_parent():
    assert CONTACT_FILL == (
        "given_name",
        "family_name",
        "middle_name",
        "honorific_prefix",
        "preferred_name",
        "name_latin",
        "form_of_address",
        "country",
        "timezone",
        "owner_id",
        "team_id",
    )
    assert ORGANIZATION_FILL == (
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
    )
