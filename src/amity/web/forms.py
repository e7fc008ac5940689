import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from amity.accounts.models import CalendarEra
from amity.core.mail import email_enqueue


def timezone_choices() -> list[tuple[str, str]]:
    return [(zone, zone.replace("_", " ")) for zone in sorted(zoneinfo.available_timezones())]


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Interface language"), choices=settings.LANGUAGES)
    timezone = forms.ChoiceField(label=_("Time zone"), choices=timezone_choices)
    # Optional: a form without it (an older page, a script) keeps the user's choice.
    calendar_era = forms.ChoiceField(
        label=_("Show years in"), choices=CalendarEra.choices, required=False
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=120)
    description = forms.CharField(label=_("Description"), required=False, max_length=500)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_('What the token is for, e.g. "Nightly export script".'),
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset flow, with the message sent by a worker instead of inside the request."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # The message is written in the recipient's language, not the requester's browser's.
        with translation.override(context["user"].language):
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
        email_enqueue(to=[to_email], subject=subject, body=body)
