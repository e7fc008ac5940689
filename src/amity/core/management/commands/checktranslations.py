from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amity.core.translations import check_translations


class Command(BaseCommand):
    help = _(
        "Fail when a Thai or Polish translation is missing, fuzzy, stale or has wrong "
        "placeholders, or a compiled catalog is out of date"
    )

    def handle(self, *args, **options):
        problems = check_translations()
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(
                ngettext(
                    "%(count)s translation problem; see docs/translating/README.md",
                    "%(count)s translation problems; see docs/translating/README.md",
                    len(problems),
                )
                % {"count": len(problems)}
            )
        self.stdout.write(_("Translations are complete and compiled."))
