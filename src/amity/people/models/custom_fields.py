"""Custom fields: the fields a business adds to its contacts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CustomField(models.Model):
    """A field the business adds to contacts; values live in ``Contact.custom[key]``."""

    class Type(models.TextChoices):
        TEXT = "text", _("Text")
        NUMBER = "number", _("Number")
        DATE = "date", _("Date")
        CHOICE = "choice", _("Choice")

    key = models.SlugField(_("key"), max_length=50, unique=True)
    label = models.CharField(_("label"), max_length=100)
    type = models.CharField(_("type"), max_length=10, choices=Type.choices)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    # Values of a sensitive field are stored encrypted (amity.core.crypto), shown to
    # administrators and managers only, and kept out of search, segments and event snapshots.
    sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_("Stored encrypted; only administrators and managers see the values."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["label", "key"]
        verbose_name = _("custom field")
        verbose_name_plural = _("custom fields")

    def __str__(self) -> str:
        return self.label
