from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from amity.core.translations import compile_translations


class Command(BaseCommand):
    help = _("Compile the Thai and Polish catalogs (.po) into the .mo files Amity reads")

    def handle(self, *args, **options):
        for path in compile_translations():
            self.stdout.write(_("wrote %(path)s") % {"path": path})
