import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from amity.core.search import search


class Command(BaseCommand):
    help = _("Search contacts, organizations, emails and phones from the command line")

    def add_arguments(self, parser):
        parser.add_argument("query", help=_("Words, an email, or a phone number"))
        parser.add_argument("--json", action="store_true", help=_("Print JSON for scripts"))
        parser.add_argument(
            "--kind", action="append", help=_("Only this kind (contact, organization)")
        )
        parser.add_argument("--limit", type=int, default=20, help=_("At most this many results"))

    def handle(self, *args, **options):
        hits = search(options["query"], kinds=options["kind"], limit=max(1, options["limit"]))
        if options["json"]:
            rows = [
                {"kind": h.kind, "id": h.object_id, "title": h.title, "subtitle": h.subtitle}
                for h in hits
            ]
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        if not hits:
            self.stdout.write(_("Nothing found."))
        for hit in hits:
            self.stdout.write(f"{hit.kind:<13} {hit.object_id:>8}  {hit.title}  {hit.subtitle}")
