"""Imports started from the web: the uploaded file, its column mapping and the run's
progress."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
