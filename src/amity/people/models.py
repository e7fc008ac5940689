"""Organizations, contacts and what belongs to one of their rows.

Write only through ``people.services`` (validation, events and denormalized columns live
there); read through ``people.selectors``. Notes for apps built on these models:

- ``Contact.full_name`` and ``Contact.sort_name`` are denormalized by the services from the
  name parts: ``full_name`` is the name in its own script and order, ``sort_name`` a folded
  (case/accent-free) key for ordering. Never write them directly.
- ``Contact.languages`` is an ordered JSON list of BCP 47 tags (preferred first);
  ``Contact.language_tags`` repeats them as " th en-GB " so any database can filter by one.
- ``ContactEmail.normalized`` (lower case) and ``ContactPhone.number`` (E.164) are the
  matching keys for duplicates and imports; neither is unique across contacts (families and
  companies share addresses and switchboards).
- ``external_id`` is the id a record has in the system it was imported from; unique when set.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amity.accounts.models import Team
from amity.people.identifiers import SCHEME_CHOICES


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


class NameOrder(models.TextChoices):
    GIVEN_FAMILY = "given_family", _("Given name first")
    FAMILY_GIVEN = "family_given", _("Family name first")


class Channel(models.TextChoices):
    """Ways a contact can be reached, for their ordered preference list."""

    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")
    SMS = "sms", _("SMS")
    CHAT = "chat", _("Chat")
    IN_PERSON = "in_person", _("In person")
    POST = "post", _("Postal mail")


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


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


class ImportJob(models.Model):
    """A file someone uploaded to import from the web: its columns, the mapping they chose,
    and how the background run is going (``people.importing.jobs``)."""

    class Kind(models.TextChoices):
        CONTACTS = "contacts", _("Contacts")
        ORGANIZATIONS = "organizations", _("Organizations")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Waiting for the column mapping")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=10, blank=True)
    encoding = models.CharField(_("encoding"), max_length=40, blank=True)
    headers = models.JSONField(_("columns"), default=list, blank=True)
    mapping = models.JSONField(
        _("column mapping"), default=dict, blank=True, help_text=_("Column header -> field.")
    )
    rows_total = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_done = models.PositiveIntegerField(_("rows processed"), default=0)
    report = models.JSONField(
        _("report"), default=dict, blank=True, help_text=_("Counts and the first rejections.")
    )
    rejects_file = models.FileField(
        _("rejected rows"), upload_to="imports/%Y/%m/", max_length=300, blank=True
    )
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_jobs",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    updated_at = models.DateTimeField(
        _("last progress"), null=True, blank=True, help_text=_("When a batch last finished.")
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.kind}: {self.original_name}"

    # A run that reported no progress for this long has died with its worker; it may be
    # started again (the import continues where it stopped).
    STALE_SECONDS = 600

    @property
    def is_stale(self) -> bool:
        last = self.updated_at or self.started_at or self.created_at
        quiet = (timezone.now() - last).total_seconds()
        return self.status == self.Status.RUNNING and quiet > self.STALE_SECONDS

    @property
    def is_active(self) -> bool:
        running = self.status in (self.Status.QUEUED, self.Status.RUNNING)
        return running and not self.is_stale


# Guidance preferences live in their own module; imported here so Django registers them.
from amity.people.guidance_models import GuidancePreference  # noqa: E402, F401
