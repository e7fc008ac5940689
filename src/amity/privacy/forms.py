"""Forms of the consent panel and the purposes page: input parsing only; the services
validate and decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from amity.core.errors import DomainError
from amity.privacy.models import LawfulBasis, Purpose, Source
from amity.privacy.selectors import CHANNELS, channel_label

GRANT, DENY, WITHDRAW, REQUEST = "grant", "deny", "withdraw", "request"


def _channel_choices():
    return [(c, channel_label(c)) for c in CHANNELS]


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"))
    channel = forms.ChoiceField(label=_("Channel"))
    action = forms.ChoiceField(
        label=_("What the person said"),
        choices=[
            (GRANT, _("Granted consent")),
            (REQUEST, _("Granted: email a double opt-in link to confirm")),
            (DENY, _("Refused")),
            (WITHDRAW, _("Withdrew consent")),
        ],
    )
    lawful_basis = forms.ChoiceField(
        label=_("Lawful basis"), choices=LawfulBasis.choices, initial=LawfulBasis.CONSENT
    )
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices, initial=Source.CALL)
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where and how the person said so, e.g. call of 3 May, ticket 123."),
    )
    wording = forms.CharField(
        label=_("Wording shown"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    wording_language = forms.CharField(
        label=_("Language of the wording"),
        required=False,
        max_length=35,
        help_text=_("A BCP 47 tag: th, pl, ja, ar…"),
    )

    def __init__(self, *args, purposes: list[tuple[str, str]], **kwargs):
        # The panel shares the contact page with other forms (the timeline's has a channel
        # too): its own ids keep every label tied to its own field.
        kwargs.setdefault("auto_id", "consent_%s")
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = purposes
        self.fields["channel"].choices = _channel_choices()

    def show_error(self, error: DomainError) -> None:
        self.add_error(error.field if error.field in self.fields else None, error.message)


class PurposeForm(forms.Form):
    slug = forms.SlugField(label=_("Slug"), max_length=50, help_text=_("e.g. event-invites"))
    name = forms.CharField(label=_("Name in English"), max_length=120)
    name_th = forms.CharField(label=_("Name in Thai"), max_length=120, required=False)
    name_pl = forms.CharField(label=_("Name in Polish"), max_length=120, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Purpose.Kind.choices,
        help_text=_("Decides which jurisdiction rules apply."),
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None: any channel."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channels"].choices = [c for c in _channel_choices() if c[0] != "any"]

    def show_error(self, error: DomainError) -> None:
        self.add_error(error.field if error.field in self.fields else None, error.message)
