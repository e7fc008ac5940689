"""Contacts: a person's name parts, languages, place and preferred channels, with their email
addresses, phone numbers and roles at organizations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amity.accounts.models import Team
from amity.core.channels import ReachableChannel
from amity.people.models.organizations import Organization
from amity.people.models.tags import Tag


class NameOrder(models.TextChoices):
    GIVEN_FAMILY = "given_family", _("Given name first")
    FAMILY_GIVEN = "family_given", _("Family name first")


# Ways a contact can be reached, for their ordered preference list (amity.core.channels).
Channel = ReachableChannel


class Contact(models.Model):
    """A person, with the name parts, order and form of address they use themselves."""

    given_name = models.CharField(_("given name"), max_length=120, blank=True)
    family_name = models.CharField(_("family name"), max_length=120, blank=True)
    middle_name = models.CharField(
        _("other names"), max_length=120, blank=True, help_text=_("Middle or other names.")
    )
    honorific_prefix = models.CharField(
        _("honorific"), max_length=40, blank=True, help_text=_("For example Dr., คุณ, Pani.")
    )
    name_order = models.CharField(
        _("name order"), max_length=12, choices=NameOrder.choices, default=NameOrder.GIVEN_FAMILY
    )
    preferred_name = models.CharField(
        _("preferred name"), max_length=120, blank=True, help_text=_("Nickname, if any.")
    )
    name_latin = models.CharField(
        _("name in Latin letters"), max_length=250, blank=True, help_text=_("Romanized name.")
    )
    full_name = models.CharField(_("full name"), max_length=400, editable=False)
    # Indexed with the id (people_contact_sort_id), which also serves lookups by sort_name alone.
    sort_name = models.CharField(_("sort key"), max_length=400, editable=False)
    # The name's romanized words, sorted: "山田 太郎" and "Taro Yamada" share "taro yamada".
    match_key = models.CharField(_("match key"), max_length=400, editable=False, db_index=True)
    form_of_address = models.CharField(
        _("form of address"),
        max_length=200,
        blank=True,
        help_text=_("How the person asked to be addressed; blank when unknown."),
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("BCP 47 tags, preferred first.")
    )
    language_tags = models.CharField(_("language tags"), max_length=300, blank=True, editable=False)
    country = models.CharField(_("country"), max_length=2, blank=True, db_index=True)
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)
    preferred_channels = models.JSONField(
        _("preferred channels"), default=list, blank=True, help_text=_("Preferred first.")
    )
    do_not_contact = models.BooleanField(_("do not contact"), default=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_contacts",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
    )
    organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("organizations"),
        through="ContactOrganization",
        related_name="contacts",
        blank=True,
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), related_name="contacts", blank=True)
    external_id = models.CharField(
        _("external id"), max_length=100, unique=True, null=True, blank=True
    )
    custom = models.JSONField(
        _("custom fields"), default=dict, blank=True, help_text=_("Keyed by CustomField.key.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["sort_name", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            models.Index(fields=["sort_name", "id"], name="people_contact_sort_id"),
            models.Index(fields=["created_at", "id"], name="people_contact_created_id"),
            models.Index(fields=["updated_at", "id"], name="people_contact_updated_id"),
        ]

    def __str__(self) -> str:
        return self.full_name


class ContactEmail(models.Model):
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="emails",
        db_index=False,  # the unique constraint's index starts with contact_id
    )
    address = models.CharField(_("address"), max_length=254)
    normalized = models.CharField(_("normalized address"), max_length=254, db_index=True)
    label = models.CharField(_("label"), max_length=40, blank=True)
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        ordering = ["-is_primary", "id"]
        verbose_name = _("email address")
        verbose_name_plural = _("email addresses")
        constraints = [
            models.UniqueConstraint(fields=["contact", "normalized"], name="people_email_once")
        ]

    def __str__(self) -> str:
        return self.address


class ContactPhone(models.Model):
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="phones",
        db_index=False,  # the unique constraint's index starts with contact_id
    )
    number = models.CharField(_("number"), max_length=20, db_index=True, help_text=_("E.164."))
    label = models.CharField(_("label"), max_length=40, blank=True)
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        ordering = ["-is_primary", "id"]
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")
        constraints = [
            models.UniqueConstraint(fields=["contact", "number"], name="people_phone_once")
        ]

    def __str__(self) -> str:
        return self.number


class ContactOrganization(models.Model):
    """A contact's role at an organization."""

    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="roles",
        db_index=False,  # the unique constraint's index starts with contact_id
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="roles",
    )
    title = models.CharField(_("job title"), max_length=150, blank=True)
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        ordering = ["-is_primary", "id"]
        verbose_name = _("role at an organization")
        verbose_name_plural = _("roles at organizations")
        constraints = [
            models.UniqueConstraint(fields=["contact", "organization"], name="people_role_once")
        ]

    def __str__(self) -> str:
        return f"{self.contact_id}@{self.organization_id} {self.title}"
