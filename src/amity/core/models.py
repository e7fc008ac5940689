from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One searchable record (a contact, an organization, ...) as folded text.

    Apps write entries through ``amity.core.search`` when their records change; the engine
    adapter (``core/search/engines``) keeps the index that suits the database over ``text``.
    """

    kind = models.CharField(_("kind"), max_length=32)
    object_id = models.BigIntegerField(_("object id"))
    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    # Folded (case- and accent-free) values joined by " | ": names in every script and their
    # romanized forms, emails, phone numbers in several notations.
    text = models.TextField(_("text"))
    # Every two-letter piece of the non-Latin words in ``text``, space-separated: a two-letter
    # fragment ("田中", "김민") is too short for a trigram index but is one of these tokens.
    pairs = models.TextField(_("letter pairs"), blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"


class PeriodicRun(models.Model):
    """When a periodic job (``amity.core.schedule``) was last enqueued, one row per job.

    Kept in the database so several workers agree: the one that moves ``last_run_at`` forward
    (a compare-and-set update) is the one that enqueues the job.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    last_run_at = models.DateTimeField(_("last run at"), null=True, blank=True)

    class Meta:
        verbose_name = _("periodic run")
        verbose_name_plural = _("periodic runs")

    def __str__(self) -> str:
        return f"{self.name} {self.last_run_at}"
