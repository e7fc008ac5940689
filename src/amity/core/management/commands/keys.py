"""``amity keys status|rotate|retire|generate [--json]``: the encryption keys of sensitive
values (see amity.core.crypto). Thin: the work is in ``core.crypto``."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amity.core import crypto


class Command(BaseCommand):
    requires_system_checks = []  # a data command: the checks are `amity check`'s job
    help = _("Encryption keys of sensitive values: status, rotate, retire old keys, generate")

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
        status = commands.add_parser(
            "status", help=_("Where the keys come from, their ids, values under old keys")
        )
        rotate = commands.add_parser(
            "rotate", help=_("Add a new primary key and re-encrypt every value with it")
        )
        rotate.add_argument(
            "--no-new-key",
            action="store_true",
            help=_("Only re-encrypt under the current primary key (finish an interrupted run)"),
        )
        rotate.add_argument(
            "--retire-old",
            action="store_true",
            help=_("Remove the old keys from the key file once every value is re-encrypted"),
        )
        rotate.add_argument(
            "--batch", type=int, default=500, help=_("Values re-encrypted per transaction")
        )
        retire = commands.add_parser(
            "retire", help=_("Remove the old keys once no value needs them")
        )
        generate = commands.add_parser(
            "generate", help=_("Print a new key for AMITY_ENCRYPTION_KEYS (changes nothing)")
        )
        for sub in (status, rotate, retire, generate):
            sub.add_argument("--json", action="store_true", help=_("Print JSON for scripts"))

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['command']}")(options)
        except crypto.EncryptionError as error:
            raise CommandError(error.message) from None

    def _out(self, options, payload: dict, text: str) -> None:
        if options["json"]:
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
        else:
            self.stdout.write(text)

    def _status(self, options) -> None:
        keys = crypto.keyring()
        source = crypto.ENV if crypto.keys_from_environment() else str(crypto.key_file())
        outdated = crypto.outdated_counts(keys)
        lines = [
            _("Keys from: %(source)s") % {"source": source},
            _("Primary key: %(key)s") % {"key": keys[0].id},
        ]
        if len(keys) > 1:
            lines.append(_("Old keys: %(keys)s") % {"keys": ", ".join(k.id for k in keys[1:])})
        for store, count in outdated.items():
            lines.append(
                ngettext(
                    "%(store)s: %(count)s value under an old key",
                    "%(store)s: %(count)s values under an old key",
                    count,
                )
                % {"store": store, "count": count}
            )
        payload = {
            "source": "environment" if crypto.keys_from_environment() else "file",
            "primary": keys[0].id,
            "keys": [k.id for k in keys],
            "outdated": outdated,
        }
        self._out(options, payload, "\n".join(lines))

    def _rotate(self, options) -> None:
        if options["batch"] < 1:
            raise CommandError(_("--batch must be at least 1."))
        added = None
        if not options["no_new_key"] and not crypto.keys_from_environment():
            added = crypto.key_add()
        done = crypto.values_rotate(batch=options["batch"])
        retired = crypto.keys_retire() if options["retire_old"] else []
        total = sum(done.values())
        lines = []
        if added:
            lines.append(_("New primary key: %(key)s") % {"key": added})
        elif crypto.keys_from_environment() and not options["no_new_key"]:
            lines.append(
                _(
                    "The keys come from AMITY_ENCRYPTION_KEYS: values were re-encrypted under"
                    " its first key; to rotate, put a new key (amity keys generate) first."
                )
            )
        lines.append(
            ngettext("%(count)s value re-encrypted.", "%(count)s values re-encrypted.", total)
            % {"count": total}
        )
        if retired:
            lines.append(_("Old keys removed: %(keys)s") % {"keys": ", ".join(retired)})
        payload = {
            "primary": crypto.primary_key_id(),
            "added": added,
            "reencrypted": done,
            "retired": retired,
        }
        self._out(options, payload, "\n".join(lines))

    def _retire(self, options) -> None:
        retired = crypto.keys_retire()
        text = (
            _("Old keys removed: %(keys)s") % {"keys": ", ".join(retired)}
            if retired
            else _("There is no old key to remove.")
        )
        self._out(options, {"retired": retired}, text)

    def _generate(self, options) -> None:
        raw = crypto.key_generate()
        self._out(options, {"key": raw, "id": crypto.key_id(raw)}, raw)
