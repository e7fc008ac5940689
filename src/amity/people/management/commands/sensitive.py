"""``amity sensitive list|protect KEY|unprotect KEY --yes [--json]``: which custom fields of
contacts are stored encrypted, and turning that on or off (the stored values are encrypted or
decrypted in batches). Thin; see people.sensitive."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amity.core.errors import DomainError
from amity.people import selectors
from amity.people.sensitive import custom_field_protect


class Command(BaseCommand):
    requires_system_checks = []  # a data command: the checks are `amity check`'s job
    help = _("Sensitive custom fields: list them, protect (encrypt) or unprotect (decrypt) one")

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
        listing = commands.add_parser(
            "list", help=_("Every custom field and whether it is sensitive")
        )
        protect = commands.add_parser("protect", help=_("Encrypt a field's values from now on"))
        unprotect = commands.add_parser(
            "unprotect", help=_("Decrypt a field's values: every role can read them again")
        )
        for sub in (protect, unprotect):
            sub.add_argument("key", help=_("The custom field's key"))
            sub.add_argument("--batch", type=int, default=500, help=_("Values per transaction"))
        unprotect.add_argument(
            "--yes", action="store_true", help=_("Confirm that the values may be stored in clear")
        )
        for sub in (listing, protect, unprotect):
            sub.add_argument("--json", action="store_true", help=_("Print JSON for scripts"))

    def handle(self, *args, **options):
        if options["command"] == "list":
            fields = selectors.custom_fields().values()
            if options["json"]:
                rows = [{"key": f.key, "label": f.label, "sensitive": f.sensitive} for f in fields]
                self.stdout.write(json.dumps(rows, ensure_ascii=False))
                return
            for field in fields:
                mark = _("sensitive") if field.sensitive else "-"
                self.stdout.write(f"{field.key}\t{field.label}\t{mark}")
            return
        sensitive = options["command"] == "protect"
        if not sensitive and not options["yes"]:
            raise CommandError(
                _(
                    "Unprotecting stores the values in clear, readable by every role and usable"
                    " in segments. Run again with --yes to confirm."
                )
            )
        if options["batch"] < 1:
            raise CommandError(_("--batch must be at least 1."))
        try:
            count = custom_field_protect(
                actor=None, key=options["key"], sensitive=sensitive, batch=options["batch"]
            )
        except DomainError as error:
            raise CommandError(error.message) from None
        if options["json"]:
            payload = {"key": options["key"], "sensitive": sensitive, "converted": count}
            self.stdout.write(json.dumps(payload))
        elif sensitive:
            self.stdout.write(
                ngettext("%(count)s value encrypted.", "%(count)s values encrypted.", count)
                % {"count": count}
            )
        else:
            self.stdout.write(
                ngettext("%(count)s value decrypted.", "%(count)s values decrypted.", count)
                % {"count": count}
            )
