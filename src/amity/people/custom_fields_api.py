"""REST endpoints for the contacts' custom fields: list them (with whether each is sensitive)
and, for administrators, define one or turn its protection (encryption) on or off."""

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from amity.core.api_schemas import InputSchema, Text
from amity.core.errors import DomainError, NotFound
from amity.core.permissions import Action, require
from amity.people import selectors, services
from amity.people.models import CustomField
from amity.people.sensitive import custom_field_protect

router = Router(tags=["custom fields"])


class CustomFieldOut(Schema):
    key: str
    label: str
    type: str
    choices: list[str]
    sensitive: bool = Field(
        description="Stored encrypted; only administrators and managers read the values."
    )


class CustomFieldIn(InputSchema):
    key: Text = Field(max_length=50, description="Letters, digits, _ and -.")
    label: Text = Field("", max_length=100)
    type: CustomField.Type
    choices: list[Text] = Field([], max_length=200)
    sensitive: bool = False


class SensitivityIn(InputSchema):
    sensitive: bool
    confirm: bool = Field(
        False, description="Required to turn protection off: the values are stored in clear."
    )


class SensitivityOut(CustomFieldOut):
    converted: int = Field(description="How many stored values were encrypted or decrypted.")


@router.get("/custom-fields", response=list[CustomFieldOut])
def custom_fields_list(request):
    """Every custom field of contacts, in label order."""
    require(request.auth, Action.VIEW_RECORDS)
    return list(selectors.custom_fields().values())


@router.post("/custom-fields", response={201: CustomFieldOut})
def custom_fields_define(request, payload: CustomFieldIn):
    """Define (or relabel) a custom field; administrators only."""
    field = services.custom_field_define(
        actor=request.auth,
        key=payload.key,
        label=payload.label,
        type_=payload.type,
        choices=payload.choices,
        sensitive=payload.sensitive,
    )
    return Status(201, field)


@router.patch("/custom-fields/{key}", response=SensitivityOut)
def custom_fields_protect(request, key: str, payload: SensitivityIn):
    """Encrypt (``sensitive: true``) or decrypt (``false``, with ``confirm: true``) a field's
    stored values, in batches; administrators only."""
    require(request.auth, Action.MANAGE_SETTINGS)
    if not CustomField.objects.filter(key=key).exists():
        raise NotFound(_("There is no custom field %(key)s.") % {"key": key})
    if not payload.sensitive and not payload.confirm:
        raise DomainError(
            _(
                "Turning protection off stores the values in clear, readable by every role;"
                " send confirm: true."
            ),
            code="confirmation_required",
            field="confirm",
        )
    converted = custom_field_protect(actor=request.auth, key=key, sensitive=payload.sensitive)
    field = CustomField.objects.get(key=key)
    field.converted = converted
    return field
