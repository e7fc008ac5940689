"""The "log an interaction" form of contact and organization pages. The time is typed in the
reader's own zone (the active one) and leaves as an aware datetime; the service stores UTC."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amity.core.channels import Channel
from amity.core.errors import DomainError
from amity.interactions.contracts import InteractionData
from amity.interactions.models import Direction, Outcome
from amity.interactions.services import MAX_DURATION

LOCAL_INPUT = "%Y-%m-%dT%H:%M"


class InteractionForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Direction.choices, initial=Direction.OUTBOUND
    )
    occurred_at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT),
    )  # the page says which zone: the reader's
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"),
        required=False,
        min_value=0,
        max_value=int(MAX_DURATION.total_seconds() // 60),
    )
    subject = forms.CharField(label=_("Subject"), required=False, max_length=250)
    body = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        help_text=_(
            "The summary is stored encrypted and shown only to you and managers;"
            " the subject stays visible."
        ),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("Not recorded")), *Outcome.choices]
    )
    follow_up_on = forms.DateField(
        label=_("Follow up on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    language = forms.CharField(
        label=_("Language of the exchange"),
        required=False,
        max_length=35,
        help_text=_("A BCP 47 tag: th, pl, ja, ar…"),
    )

    # The InteractionData fields the correction page changes (people and organization stay).
    editable = (
        "channel",
        "direction",
        "occurred_at",
        "duration",
        "subject",
        "body",
        "confidential",
        "outcome",
        "follow_up_on",
        "language",
    )

    error_fields = {
        "duration": "duration_minutes",
        "organization_id": "organization",
        "contact_ids": "contact",
    }

    def __init__(
        self,
        *args,
        organizations: list | None = None,
        contacts: list | None = None,
        language: str = "",
        **kwargs,
    ):
        """``organizations`` (on a contact's page) or ``contacts`` (on an organization's):
        the records the interaction may also be linked to."""
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("occurred_at", timezone.localtime().replace(second=0, microsecond=0))
        initial.setdefault("language", language)
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"] = forms.TypedChoiceField(
                label=_("Organization"),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", _("None")), *((o.pk, o.name) for o in organizations)],
            )
            if len(organizations) == 1:
                self.initial.setdefault("organization", organizations[0].pk)
        if contacts is not None:
            self.fields["contact"] = forms.TypedChoiceField(
                label=_("Contact"),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", _("Nobody in particular")), *((c.pk, str(c)) for c in contacts)],
            )

    @staticmethod
    def initial_from(data: InteractionData) -> dict:
        """The form's initial values for a logged interaction (the time shows in the reader's
        zone: the form converts the aware value)."""
        minutes = None if data.duration is None else int(data.duration.total_seconds() // 60)
        return {
            "channel": data.channel,
            "direction": data.direction,
            "occurred_at": data.occurred_at,
            "duration_minutes": minutes,
            "subject": data.subject,
            "body": data.body,
            "confidential": data.confidential,
            "outcome": data.outcome,
            "follow_up_on": data.follow_up_on,
            "language": data.language,
        }

    def show_error(self, error: DomainError) -> None:
        field = self.error_fields.get(error.field or "", error.field or "")
        self.add_error(field if field in self.fields else None, error.message)

    def interaction_data(
        self, *, contact_id: int | None = None, organization_id: int | None = None
    ) -> InteractionData:
        data = self.cleaned_data
        minutes = data.get("duration_minutes")
        contact_ids = [contact_id] if contact_id else []
        if data.get("contact"):
            contact_ids.append(data["contact"])
        return InteractionData(
            channel=data["channel"],
            direction=data["direction"],
            occurred_at=data["occurred_at"],  # aware, read in the active (reader's) zone
            subject=data["subject"],
            body=data["body"],
            confidential=bool(data.get("confidential")),
            language=data["language"].strip(),
            duration=timedelta(minutes=minutes) if minutes is not None else None,
            outcome=data["outcome"],
            follow_up_on=data.get("follow_up_on"),
            organization_id=organization_id or data.get("organization"),
            contact_ids=tuple(contact_ids),
        )
