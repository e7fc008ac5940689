from django.core.management.base import CommandError
from django.core.management.commands import check
from django.utils.translation import gettext as _

from amity.core.health import health_findings


class Command(check.Command):
    """Django's system checks, then Amity's configuration and database health."""

    help = _("Check configuration and database health; exits non-zero when something is wrong")

    def handle(self, *app_labels, **options):
        super().handle(*app_labels, **options)
        failed = False
        for finding in health_findings():
            mark = "ok" if finding.ok else "FAIL"
            self.stdout.write(f"[{mark}] {finding.message}")
            failed = failed or not finding.ok
        if failed:
            raise CommandError(_("Amity is not healthy; see the lines marked FAIL above."))
