"""Edits administrators make to the shipped country guidance (``culture/guidance_data``).

A row replaces one field of one country's shipped entry and carries its own source, so every
piece of guidance a reader sees can still be checked."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GuidanceField(models.TextChoices):
    """What country guidance describes; the first four have fixed values (culture.guidance)."""

    DIRECTNESS = "directness", _("Communication")
    FORMALITY = "formality", _("Formality")
    DECISIONS = "decisions", _("Decisions")
    TRUST = "trust", _("Trust rests on")
    MEETINGS = "meetings", _("Meetings")
    GIFTS = "gifts", _("Gifts")
    AVOID = "avoid", _("Topics and practices to avoid")


class CountryGuidanceOverride(models.Model):
    """One field of a country's guidance as an administrator rewrote it; wins over the file."""

    country = models.CharField(_("country"), max_length=2)
    field = models.CharField(_("guidance field"), max_length=20, choices=GuidanceField.choices)
    value = models.CharField(
        _("value"), max_length=20, blank=True, help_text=_("For the fields with fixed values.")
    )
    note = models.TextField(_("guidance"), blank=True)
    source_url = models.URLField(_("source address"), max_length=500)
    source_title = models.CharField(_("source title"), max_length=200)
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
        ordering = ["country", "field"]
        verbose_name = _("country guidance edit")
        verbose_name_plural = _("country guidance edits")
        constraints = [
            models.UniqueConstraint(fields=["country", "field"], name="culture_guidance_once")
        ]

    def __str__(self) -> str:
        return f"{self.country}:{self.field}"
