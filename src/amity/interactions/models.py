"""Interactions: every exchange with a customer, whatever the channel, as one row."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amity.core.channels import Channel
from amity.people.models import Contact, Organization


class Direction(models.TextChoices):
    INBOUND = "inbound", _("Inbound")
    OUTBOUND = "outbound", _("Outbound")
    INTERNAL = "internal", _("Internal")


class Outcome(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    NO_ANSWER = "no_answer", _("No answer")
    LEFT_MESSAGE = "left_message", _("Left a message")
    FOLLOW_UP = "follow_up", _("Follow-up needed")
    INTERESTED = "interested", _("Interested")
    NOT_INTERESTED = "not_interested", _("Not interested")
    RESOLVED = "resolved", _("Resolved")


class Interaction(models.Model):
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.OUTBOUND
    )
    subject = models.CharField(_("subject"), max_length=250, blank=True)
    body = models.TextField(_("summary"), blank=True)
    # A confidential interaction's body is stored encrypted (amity.core.crypto) and shown only
    # to its author, managers and administrators.
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("The summary is stored encrypted and shown only to its author and managers."),
    )
    language = models.CharField(
        _("language"), max_length=35, blank=True, help_text=_("BCP 47 tag of the exchange.")
    )
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    duration = models.DurationField(_("duration"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    video_link = models.URLField(
        _("video call link"), max_length=500, blank=True, help_text=_("For meetings held online.")
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interactions",
    )
    contacts = models.ManyToManyField(
        Contact,
        verbose_name=_("contacts"),
        related_name="interactions",
        blank=True,
        through="InteractionContact",
    )
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("colleagues"),
        related_name="interactions",
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(
        _("source"), max_length=40, blank=True, help_text=_("import, api, demo, ...")
    )
    external_id = models.CharField(
        _("external id"), max_length=100, unique=True, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [
            models.Index(fields=["occurred_at", "id"], name="interaction_when_id"),
            models.Index(fields=["organization", "occurred_at"], name="interaction_org_when"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.occurred_at:%Y-%m-%d} {self.subject}"


class InteractionContact(models.Model):
    """A contact taking part in an interaction. The interaction's time and channel are
    copied here (by the services) so a contact's timeline and the segment rules on recency
    and frequency are index range scans even with millions of interactions."""

    interaction = models.ForeignKey(
        Interaction,
        verbose_name=_("interaction"),
        on_delete=models.CASCADE,
        related_name="participant_rows",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="interaction_rows",
    )
    occurred_at = models.DateTimeField(_("occurred at"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)

    class Meta:
        verbose_name = _("interaction participant")
        verbose_name_plural = _("interaction participants")
        constraints = [
            models.UniqueConstraint(
                fields=["interaction", "contact"], name="interaction_contact_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["contact", "occurred_at", "interaction"], name="interaction_contact_when"
            ),
            models.Index(
                fields=["channel", "occurred_at", "contact"], name="interaction_channel_when"
            ),
            models.Index(fields=["occurred_at", "contact"], name="interaction_when_contact"),
        ]

    def __str__(self) -> str:
        return f"{self.contact_id}@{self.interaction_id}"
