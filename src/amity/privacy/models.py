"""Purposes, the consent ledger and per-contact jurisdiction overrides.

Write only through ``privacy.services``; read through ``privacy.selectors``. The ledger is
append-only: a change of mind is a new row, never an edit. Besides the services having no
update or delete, database triggers (migration 0003, SQLite and PostgreSQL) refuse any UPDATE
of a ledger row's content and any DELETE while its contact exists; moving rows to another
contact on a merge (``contact_id``) and the recorder's foreign key being nulled when a user
is deleted are the only changes allowed.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amity.people.models import Contact
from amity.privacy.jurisdictions import rules

ANY_CHANNEL = "any"


class Purpose(models.Model):
    """Why we would contact a person or use their data. Seeded purposes keep stable slugs."""

    class Kind(models.TextChoices):
        MARKETING = rules.MARKETING, _("Direct marketing")
        RESEARCH = rules.RESEARCH, _("Surveys and research")
        PROFILING = rules.PROFILING, _("Profiling")
        SHARING = rules.SHARING, _("Sharing with third parties")
        SERVICE = rules.SERVICE, _("Service messages")

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=120, help_text=_("In English."))
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        help_text=_("Decides which jurisdiction rules apply."),
    )
    channels = models.JSONField(
        _("channels"),
        default=list,
        blank=True,
        help_text=_("Channels this purpose uses; empty: any channel."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("purpose")
        verbose_name_plural = _("purposes")

    def __str__(self) -> str:
        return self.slug


class PurposeTranslation(models.Model):
    """A purpose's name and description in one language (content, not a gettext string)."""

    purpose = models.ForeignKey(
        Purpose, verbose_name=_("purpose"), on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=35, help_text=_("BCP 47 tag."))
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["language"]
        verbose_name = _("purpose translation")
        verbose_name_plural = _("purpose translations")
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "language"], name="privacy_purpose_translation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.name}"


class Status(models.TextChoices):
    GRANTED = "granted", _("Granted")
    DENIED = "denied", _("Denied")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class LawfulBasis(models.TextChoices):
    CONSENT = "consent", _("Consent")
    CONTRACT = "contract", _("Contract")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation")
    VITAL_INTERESTS = "vital_interests", _("Vital interests")
    PUBLIC_TASK = "public_task", _("Public task")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest")


class Source(models.TextChoices):
    FORM = "form", _("Web form")
    IMPORT = "import", _("Import")
    CALL = "call", _("Phone call")
    API = "api", _("API")
    PREFERENCE_CENTRE = "preference_centre", _("Preference centre")
    DOUBLE_OPT_IN = "double_opt_in", _("Double opt-in link")
    EMAIL = "email", _("Email")
    IN_PERSON = "in_person", _("In person")
    PAPER = "paper", _("Paper form")
    STAFF = "staff", _("Recorded by staff")


class DoubleOptIn(models.TextChoices):
    NONE = "", _("Not requested")
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")


class ActorKind(models.TextChoices):
    USER = "user", _("User")
    API = "api", _("API token")
    SYSTEM = "system", _("System")
    CONTACT = "contact", _("The person themselves")


class ConsentEntry(models.Model):
    """One fact in a contact's consent history for a purpose on a channel."""

    # The ledger outlives a deleted contact (no cascade, no database constraint): a Python
    # cascade would have to delete rows the guard protects, and the proof of a withdrawal
    # matters after the record is gone. Erasure (a later slice) anonymizes these rows.
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="consent_entries",
    )
    purpose = models.ForeignKey(
        Purpose, verbose_name=_("purpose"), on_delete=models.PROTECT, related_name="entries"
    )
    channel = models.CharField(
        _("channel"), max_length=20, help_text=_("email, sms, phone, ... or 'any'.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    lawful_basis = models.CharField(_("lawful basis"), max_length=20, choices=LawfulBasis.choices)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("Where and how the person said so.")
    )
    wording = models.TextField(
        _("wording shown"), blank=True, help_text=_("The text the person agreed to.")
    )
    wording_language = models.CharField(_("language of the wording"), max_length=35, blank=True)
    double_opt_in = models.CharField(
        _("double opt-in"), max_length=10, choices=DoubleOptIn.choices, blank=True, default=""
    )
    confirms = models.ForeignKey(
        "self",
        verbose_name=_("confirms"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The pending entry this confirmation answers."),
    )
    actor_kind = models.CharField(_("recorded by (kind)"), max_length=10, choices=ActorKind.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by_label = models.CharField(
        _("recorded by (name)"), max_length=150, blank=True, help_text=_("Kept if the user goes.")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("consent entry")
        verbose_name_plural = _("consent entries")
        indexes = [
            models.Index(
                fields=["contact", "purpose", "channel", "recorded_at", "id"],
                name="privacy_consent_latest",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact_id} {self.purpose_id}/{self.channel} {self.status}"

    @property
    def is_effective_grant(self) -> bool:
        """Granted and not waiting for a double opt-in confirmation."""
        return self.status == Status.GRANTED and self.double_opt_in != DoubleOptIn.PENDING


class ContactJurisdiction(models.Model):
    """Where a contact's privacy regime is decided when their country alone is not right
    (a Californian, a Pole living in Thailand who asked for Polish rules). Not a ledger fact:
    it is changed in place."""

    contact = models.OneToOneField(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="privacy_jurisdiction",
    )
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2."))
    subdivision = models.CharField(
        _("subdivision"), max_length=6, blank=True, help_text=_("ISO 3166-2 code, e.g. US-CA.")
    )
    reason = models.TextField(_("reason"), blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("jurisdiction override")
        verbose_name_plural = _("jurisdiction overrides")

    def __str__(self) -> str:
        return f"{self.contact_id}: {self.subdivision or self.country}"


class AuditEntry(models.Model):
    """One link of the audit trail: who viewed, changed, exported, merged or erased which
    record, through which channel. Rows hold no personal data (ids, field names, counts), so
    erasing a person leaves the chain whole; ``hash`` covers every column and the previous
    entry's hash, so a changed, removed or reordered row breaks verification there. Written
    only by ``privacy.audit``; database triggers (migration 0004) refuse UPDATE and DELETE."""

    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True)
    occurred_at = models.DateTimeField(_("occurred at"))
    actor = models.CharField(
        _("actor"), max_length=40, help_text=_("user:ID, or system, cli, import, ...")
    )
    channel = models.CharField(
        _("channel"), max_length=10, help_text=_("ui, api, cli, task, system")
    )
    action = models.CharField(_("action"), max_length=30)
    subject_kind = models.CharField(_("subject kind"), max_length=20, blank=True)
    subject_id = models.BigIntegerField(_("subject id"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(
                fields=["subject_kind", "subject_id", "sequence"], name="privacy_audit_subject"
            ),
            models.Index(fields=["actor", "sequence"], name="privacy_audit_actor"),
            models.Index(fields=["occurred_at"], name="privacy_audit_time"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.actor} {self.action} {self.subject_kind}:{self.subject_id}"


class DataSubjectRequest(models.Model):
    """A person's request about their data (access, export, erasure, ...), with the date the
    law in their place wants it answered by. The contact is an id, not a foreign key: the log
    outlives the record and holds nothing personal."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access")
        EXPORT = "export", _("Export (portability)")
        ERASURE = "erasure", _("Erasure")
        RECTIFICATION = "rectification", _("Rectification")
        OBJECTION = "objection", _("Objection")

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")

    contact_id = models.BigIntegerField(_("contact id"), db_index=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=State.choices, default=State.RECEIVED
    )
    regime = models.CharField(
        _("regime"),
        max_length=12,
        blank=True,
        help_text=_("The privacy regime that set the due date."),
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    due_at = models.DateTimeField(_("due at"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=10, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        indexes = [models.Index(fields=["status", "due_at"], name="privacy_dsr_open_due")]

    def __str__(self) -> str:
        return f"{self.kind} {self.contact_id} {self.status}"


class Erasure(models.Model):
    """The mark that a contact was erased: the record is an anonymous stub from then on, and
    the consent ledger's guard (migration 0005) lets exactly these rows' free text be blanked."""

    contact_id = models.BigIntegerField(_("contact id"), unique=True)
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    request = models.ForeignKey(
        DataSubjectRequest,
        verbose_name=_("request"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    counts = models.JSONField(_("rows anonymized"), default=dict, blank=True)

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return f"{self.contact_id} {self.erased_at:%Y-%m-%d}"


class RetentionPolicy(models.Model):
    """How long a kind of data is kept, for one regime or for all: after ``years`` without
    activity, contacts are erased; interactions older than that lose their text."""

    class Subject(models.TextChoices):
        INACTIVE_CONTACTS = "inactive_contacts", _("Contacts without interactions (erase)")
        INTERACTION_TEXT = "interaction_text", _("Interaction text (redact)")

    subject = models.CharField(_("data"), max_length=20, choices=Subject.choices)
    regime = models.CharField(
        _("regime"),
        max_length=12,
        blank=True,
        help_text=_("A regime code (EU, PL, TH, ...); blank: every contact."),
    )
    years = models.PositiveSmallIntegerField(_("years"))
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["subject", "regime"]
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policies")
        constraints = [
            models.UniqueConstraint(fields=["subject", "regime"], name="privacy_retention_once")
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.regime or '*'} {self.years}y"
