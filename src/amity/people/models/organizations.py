"""Organizations: the companies and public bodies contacts work for, their industry and size,
and their legal identifiers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amity.accounts.models import Team
from amity.people.identifiers import SCHEME_CHOICES
from amity.people.models.tags import Tag


class Industry(models.TextChoices):
    """ISIC Rev.4 sections (UN statistical classification of economic activities)."""

    A = "A", _("Agriculture, forestry and fishing")
    B = "B", _("Mining and quarrying")
    C = "C", _("Manufacturing")
    D = "D", _("Electricity, gas, steam and air conditioning supply")
    E = "E", _("Water supply; sewerage, waste management and remediation")
    F = "F", _("Construction")
    G = "G", _("Wholesale and retail trade; repair of motor vehicles")
    H = "H", _("Transportation and storage")
    I = "I", _("Accommodation and food service activities")  # noqa: E741 (ISIC's letter)
    J = "J", _("Information and communication")
    K = "K", _("Financial and insurance activities")
    L = "L", _("Real estate activities")
    M = "M", _("Professional, scientific and technical activities")
    N = "N", _("Administrative and support service activities")
    O = "O", _("Public administration and defence; compulsory social security")  # noqa: E741
    P = "P", _("Education")
    Q = "Q", _("Human health and social work activities")
    R = "R", _("Arts, entertainment and recreation")
    S = "S", _("Other service activities")
    T = "T", _("Activities of households as employers")
    U = "U", _("Activities of extraterritorial organizations and bodies")


class SizeBand(models.TextChoices):
    """Head count bands (the EU's micro/small/medium/large, with the largest split)."""

    MICRO = "1-9", _("1-9 employees")
    SMALL = "10-49", _("10-49 employees")
    MEDIUM = "50-249", _("50-249 employees")
    LARGE = "250-999", _("250-999 employees")
    ENTERPRISE = "1000+", _("1,000 or more employees")


class Organization(models.Model):
    """A company, public body or any group contacts work for."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("In the organization's own script.")
    )
    name_latin = models.CharField(
        _("name in Latin letters"), max_length=200, blank=True, help_text=_("Romanized name.")
    )
    industry = models.CharField(_("industry"), max_length=1, choices=Industry.choices, blank=True)
    size_band = models.CharField(_("size"), max_length=8, choices=SizeBand.choices, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, db_index=True)
    subdivision = models.CharField(
        _("subdivision"), max_length=6, blank=True, help_text=_("ISO 3166-2 code, e.g. TH-10.")
    )
    street = models.TextField(
        _("street address"), blank=True, help_text=_("One address line per line.")
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    region = models.CharField(pgettext_lazy("address", "region"), max_length=120, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_organizations",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organizations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subsidiaries",
    )
    tags = models.ManyToManyField(
        Tag, verbose_name=_("tags"), related_name="organizations", blank=True
    )
    external_id = models.CharField(
        _("external id"), max_length=100, unique=True, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [models.Index(fields=["name", "id"], name="people_org_name_id")]

    def __str__(self) -> str:
        return self.name


class OrganizationIdentifier(models.Model):
    """A legal identifier (tax, registry or VAT number), validated per scheme by stdnum."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="identifiers",
    )
    scheme = models.CharField(_("scheme"), max_length=20, choices=SCHEME_CHOICES)
    value = models.CharField(
        _("value"), max_length=40, help_text=_("Stored without spaces or dashes.")
    )

    class Meta:
        ordering = ["scheme", "value"]
        verbose_name = _("organization identifier")
        verbose_name_plural = _("organization identifiers")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "scheme"], name="people_identifier_one_per_scheme"
            )
        ]
        # Not unique across organizations (VAT groups share one); duplicate finders use this.
        indexes = [models.Index(fields=["scheme", "value"], name="people_identifier_value")]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"
