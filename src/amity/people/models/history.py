"""The history of contacts and organizations: what happened to each and who did it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amity.people.models.contacts import Contact
from amity.people.models.organizations import Organization


class PeopleEvent(models.Model):
    """What happened to a contact or organization, and who did it. Rows outlive their record
    (the foreign key is nulled on delete; ``data`` keeps the name)."""

    class Type(models.TextChoices):
        CONTACT_CREATED = "contact.created", _("Contact created")
        CONTACT_UPDATED = "contact.updated", _("Contact updated")
        CONTACT_DELETED = "contact.deleted", _("Contact deleted")
        CONTACTS_MERGED = "contact.merged", _("Contacts merged")
        ORGANIZATION_CREATED = "organization.created", _("Organization created")
        ORGANIZATION_UPDATED = "organization.updated", _("Organization updated")
        ORGANIZATION_DELETED = "organization.deleted", _("Organization deleted")
        ORGANIZATIONS_MERGED = "organization.merged", _("Organizations merged")
        CUSTOM_FIELD_DEFINED = "custom_field.defined", _("Custom field defined")
        GUIDANCE_UPDATED = "guidance.updated", _("Cultural guidance preferences updated")

    type = models.CharField(_("type"), max_length=40, choices=Type.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(
        _("actor label"), max_length=150, blank=True, help_text=_("import, demo, api, ...")
    )
    # Looked up through the indexes (contact, created_at) and (organization, created_at).
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        db_index=False,
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        db_index=False,
    )
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("people event")
        verbose_name_plural = _("people events")
        indexes = [
            models.Index(fields=["contact", "created_at"], name="people_event_contact"),
            models.Index(fields=["organization", "created_at"], name="people_event_org"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.created_at:%Y-%m-%d}"
