"""Organization-level and contact-level guidance preferences (imported by people.models).

A row sets one field of the country guidance (``culture.guidance``) for one organization or
one contact; a contact's row records what that person said they prefer, and it wins."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amity.culture.models.guidance import GuidanceField


class GuidancePreference(models.Model):
    """One guidance field set for an organization or for a contact (exactly one of them)."""

    contact = models.ForeignKey(
        "people.Contact",
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guidance_preferences",
    )
    organization = models.ForeignKey(
        "people.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guidance_preferences",
    )
    field = models.CharField(_("guidance field"), max_length=20, choices=GuidanceField.choices)
    value = models.CharField(_("value"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["field", "id"]
        verbose_name = _("guidance preference")
        verbose_name_plural = _("guidance preferences")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(contact__isnull=False, organization__isnull=True)
                    | Q(contact__isnull=True, organization__isnull=False)
                ),
                name="people_guidance_one_owner",
            ),
            models.UniqueConstraint(
                fields=["contact", "field"],
                condition=Q(contact__isnull=False),
                name="people_guidance_contact_once",
            ),
            models.UniqueConstraint(
                fields=["organization", "field"],
                condition=Q(organization__isnull=False),
                name="people_guidance_organization_once",
            ),
        ]

    def __str__(self) -> str:
        owner = f"c{self.contact_id}" if self.contact_id else f"o{self.organization_id}"
        return f"{owner}:{self.field}"
