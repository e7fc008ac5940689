"""The one vocabulary of channels: how Amity and a customer meet. Interactions record every
kind; a contact's preferred channels and consent are about the ways to reach a person
(``REACHABLE``). Later apps use the same codes: outreach sends by email, SMS and chat,
support answers tickets, feedback sends surveys and reads social mentions, commerce records
purchases."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", pgettext_lazy("channel", "Phone call")
    VIDEO = "video", _("Video call")
    SMS = "sms", _("SMS")
    CHAT = "chat", _("Chat")
    MEETING = "meeting", _("Meeting")
    IN_PERSON = "in_person", _("In person")
    POST = "post", _("Postal mail")
    PURCHASE = "purchase", _("Purchase")
    TICKET = "ticket", _("Support ticket")
    SURVEY = "survey", _("Survey")
    SOCIAL = "social", _("Social media")
    NOTE = "note", _("Note")


# The ways a person can be reached: their ordered preferences, and what consent is given for.
REACHABLE = (
    Channel.EMAIL,
    Channel.PHONE,
    Channel.VIDEO,
    Channel.SMS,
    Channel.CHAT,
    Channel.IN_PERSON,
    Channel.POST,
)

# Where a way to reach someone reads otherwise than the interaction: "Phone", not "Phone call".
_REACHING_LABELS = {Channel.PHONE: _("Phone")}

# The reachable channels as choices of their own (people's preferences, the consent ledger).
ReachableChannel = models.TextChoices(
    "ReachableChannel", [(c.name, (c.value, _REACHING_LABELS.get(c, c.label))) for c in REACHABLE]
)
