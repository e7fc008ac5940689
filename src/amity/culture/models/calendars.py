"""A company's own calendar data: office hours per country and closures (a summer shutdown,
the days between Christmas and New Year). Public holidays and working weeks are not stored:
they come from the holidays package and CLDR."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class BusinessHoursOverride(models.Model):
    """Office hours the company keeps in one country, instead of the built-in default."""

    country = models.CharField(_("country"), max_length=2, unique=True)
    opens = models.TimeField(_("opens at"))
    closes = models.TimeField(_("closes at"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["country"]
        verbose_name = _("business hours")
        verbose_name_plural = _("business hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="culture_hours_close_after_opening"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.opens:%H:%M}-{self.closes:%H:%M}"


class CompanyClosure(models.Model):
    """Days the company is closed, everywhere (blank country) or in one country."""

    name = models.CharField(_("name"), max_length=120)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        help_text=_("Leave empty when the whole company closes."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["first_day", "id"]
        verbose_name = _("company closure")
        verbose_name_plural = _("company closures")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")), name="culture_closure_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.first_day}..{self.last_day}"
