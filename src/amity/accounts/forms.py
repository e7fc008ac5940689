"""Forms of the account pages: preferences, API tokens, teams, signing in (throttled, with a
second step for two-factor) and the password reset sent by a worker."""

import math
import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from amity.accounts import throttling
from amity.accounts.models import CalendarEra
from amity.core.mail import email_enqueue
from amity.core.permissions import Scope, role_scopes


def timezone_choices() -> list[tuple[str, str]]:
    return [(zone, zone.replace("_", " ")) for zone in sorted(zoneinfo.available_timezones())]


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Interface language"), choices=settings.LANGUAGES)
    timezone = forms.ChoiceField(label=_("Time zone"), choices=timezone_choices)
    # Optional: a form without it (an older page, a script) keeps the user's choice.
    calendar_era = forms.ChoiceField(
        label=_("Show years in"), choices=CalendarEra.choices, required=False
    )


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=120)
    description = forms.CharField(label=_("Description"), required=False, max_length=500)


SCOPE_LABELS = {
    Scope.READ: _("Read records"),
    Scope.WRITE: _("Create, change and delete records"),
    Scope.ADMIN: _("Manage users, teams and settings"),
}


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_('What the token is for, e.g. "Nightly export script".'),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the token may do; never more than your role allows."),
    )

    def __init__(self, *args, role: str, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = role_scopes(role)
        self.fields["scopes"].choices = [(scope, SCOPE_LABELS[scope]) for scope in allowed]
        self.fields["scopes"].initial = [Scope.READ] if Scope.READ in allowed else allowed[:1]


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


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, refusing attempts while the username or address is locked.

    The lock is checked before the password, and is the same for unknown usernames, so its
    message reveals neither the password nor whether the user exists.
    """

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = throttling.client_address(self.request)
        until = throttling.locked_until(username=username, address=address)
        if until is not None:
            raise forms.ValidationError(throttled_message(until), code="throttled")
        try:
            return super().clean()
        except forms.ValidationError:
            throttling.failure_record(username=username, address=address)
            raise


def throttled_message(until) -> str:
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    return ngettext(
        "Too many failed sign-ins. Try again in %(minutes)d minute.",
        "Too many failed sign-ins. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


class TwoFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )
