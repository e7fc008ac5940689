"""``amity privacy export|erase|retention``: the data-subject request subcommands of
``amity privacy`` (thin: see privacy.exporting, privacy.erasure, privacy.retention)."""

import json
import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amity.core.errors import DomainError
from amity.people.selectors import contact_lookup
from amity.privacy.erasure import person_erase
from amity.privacy.exporting import person_export
from amity.privacy.retention import retention_run

ACTIONS = ("export", "erase", "retention")


def add_arguments(commands) -> None:
    export = commands.add_parser(
        "export", help=_("Write everything held about a person as JSON and an HTML summary")
    )
    erase = commands.add_parser("erase", help=_("Anonymize a person everywhere; cannot be undone"))
    for sub in (export, erase):
        sub.add_argument("contact", metavar="CONTACT", help=_("An id, an email or a phone"))
        sub.add_argument("--json", action="store_true", help=_("Print JSON for scripts"))
    export.add_argument(
        "--output", default=".", metavar="DIR", help=_("Directory for the two files")
    )
    erase.add_argument("--yes", action="store_true", help=_("Do not ask for confirmation"))
    retention = commands.add_parser(
        "retention", help=_("Apply the retention policies (or count with --dry-run)")
    )
    retention.add_argument("--dry-run", action="store_true", help=_("Only count, change nothing"))
    retention.add_argument("--json", action="store_true", help=_("Print JSON for scripts"))


def handle(command, options) -> None:
    try:
        if options["action"] == "retention":
            _retention(command, options)
            return
        contact = contact_lookup(options["contact"])
        if options["action"] == "export":
            _export(command, contact, options)
        else:
            _erase(command, contact, options)
    except DomainError as error:
        raise CommandError(error.message) from None


def _write(command, data: dict) -> None:
    command.stdout.write(json.dumps(data, ensure_ascii=False))


def _export(command, contact, options) -> None:
    directory = Path(options["output"]).expanduser()
    if directory.exists() and not directory.is_dir():
        raise CommandError(_("%(dir)s is not a directory.") % {"dir": directory})
    directory.mkdir(parents=True, exist_ok=True)  # a new folder for the export is fine
    export = person_export(contact=contact, channel="cli", actor_label="cli")
    json_path = directory / f"contact-{contact.pk}.json"
    html_path = directory / f"contact-{contact.pk}.html"
    json_path.write_text(json.dumps(export.data, ensure_ascii=False, indent=2), encoding="utf-8")
    html_path.write_text(export.html, encoding="utf-8")
    if options["json"]:
        _write(
            command,
            {
                "contact_id": contact.pk,
                "json": str(json_path),
                "html": str(html_path),
                "language": export.language,
                "request_id": export.request.pk,
            },
        )
        return
    command.stdout.write(_("Wrote %(json)s and %(html)s.") % {"json": json_path, "html": html_path})


def _erase(command, contact, options) -> None:
    if not options["yes"]:
        if options["json"] or not sys.stdin.isatty():
            raise CommandError(_("Erasing cannot be undone: add --yes to confirm."))
        answer = input(
            _("Erase %(name)s (#%(id)s) everywhere? This cannot be undone. Type yes: ")
            % {"name": contact.full_name, "id": contact.pk}
        )
        if answer.strip().lower() != "yes":
            raise CommandError(_("Nothing was erased."))
    erasure = person_erase(contact=contact, reason="request", channel="cli", actor_label="cli")
    if options["json"]:
        _write(
            command,
            {
                "contact_id": contact.pk,
                "erased_at": erasure.erased_at.isoformat(),
                "request_id": erasure.request_id,
                "counts": erasure.counts,
            },
        )
        return
    command.stdout.write(_("Contact #%(id)s was erased.") % {"id": contact.pk})


def _retention(command, options) -> None:
    report = retention_run(dry_run=options["dry_run"])
    if options["json"]:
        _write(command, report.as_dict())
        return
    for result in report.policies:
        command.stdout.write(
            ngettext(
                "%(subject)s %(regime)s after %(years)s years: %(count)s record",
                "%(subject)s %(regime)s after %(years)s years: %(count)s records",
                result.affected,
            )
            % {
                "subject": result.subject,
                "regime": result.regime or "*",
                "years": result.years,
                "count": result.affected,
            }
        )
    if not report.policies:
        command.stdout.write(_("No retention policy is set."))
