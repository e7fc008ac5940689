"""Segments: saved groups of contacts, by rules or as a static list."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amity.people.models.contacts import Contact


class Segment(models.Model):
    """A saved group of contacts: live rules (re-evaluated on every use) or a static list."""

    class Kind(models.TextChoices):
        RULES = "rules", _("Rule-based")
        STATIC = "static", _("Static list")

    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.RULES)
    rules = models.JSONField(
        _("rules"), default=dict, blank=True, help_text=_("See people.segments for the shape.")
    )
    members = models.ManyToManyField(
        Contact, verbose_name=_("members"), related_name="static_segments", blank=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="segments",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("segment")
        verbose_name_plural = _("segments")

    def __str__(self) -> str:
        return self.name
