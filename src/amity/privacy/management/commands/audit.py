"""``amity audit verify [--json]`` checks the audit trail's hash chain (exit 1 when broken);
``amity audit list [--contact X] [--organization ID] [--actor A] [--action A] [--json]`` shows
entries, newest first. Thin; see privacy.audit. CONTACT is an id, an email or a phone."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from amity.core.errors import DomainError
from amity.people.selectors import contact_lookup
from amity.privacy import audit
from amity.privacy.models import AuditEntry


def entry_json(entry: AuditEntry) -> dict:
    return {
        "sequence": entry.sequence,
        "occurred_at": entry.occurred_at.isoformat(),
        "actor": entry.actor,
        "channel": entry.channel,
        "action": entry.action,
        "subject_kind": entry.subject_kind,
        "subject_id": entry.subject_id,
        "details": entry.details,
        "hash": entry.hash,
    }


class Command(BaseCommand):
    requires_system_checks = []  # a data command: the checks are `amity check`'s job
    help = _("The audit trail: verify its hash chain, list who did what to which record")

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
        verify = commands.add_parser(
            "verify", help=_("Check that no entry was changed, removed or reordered")
        )
        listing = commands.add_parser("list", help=_("Entries, newest first"))
        listing.add_argument("--contact", default="", help=_("An id, an email or a phone"))
        listing.add_argument("--organization", type=int, default=None, help=_("An id"))
        listing.add_argument("--actor", default="", help=_("user:ID, cli, system, ..."))
        listing.add_argument("--action", default="", help=_("viewed, changed, exported, ..."))
        listing.add_argument("--limit", type=int, default=50, help=_("At most this many"))
        for sub in (verify, listing):
            sub.add_argument("--json", action="store_true", help=_("Print JSON for scripts"))

    def handle(self, *args, **options):
        if options["command"] == "verify":
            self._verify(options)
        else:
            try:
                self._list(options)
            except DomainError as error:
                raise CommandError(error.message) from None

    def _verify(self, options) -> None:
        result = audit.audit_verify()
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "ok": result.ok,
                        "verified": result.verified,
                        "broken_at": result.broken_at,
                        "message": result.message,
                        "head": result.head,
                    },
                    ensure_ascii=False,
                )
            )
        elif result.ok:
            self.stdout.write(result.message)
        if not result.ok:
            # The request was processed, but a broken chain must fail a script or a cron job.
            raise CommandError(result.message, returncode=1)

    def _list(self, options) -> None:
        filters = audit.AuditFilters(actor=options["actor"], action=options["action"])
        if options["contact"]:
            reference = options["contact"].strip()
            # An id also finds the entries of a deleted or erased contact.
            contact_id = int(reference) if reference.isdigit() else contact_lookup(reference).pk
            filters = audit.AuditFilters(
                subject_kind="contact", subject_id=contact_id, actor=filters.actor,
                action=filters.action,
            )  # fmt: skip
        elif options["organization"] is not None:
            filters = audit.AuditFilters(
                subject_kind="organization", subject_id=options["organization"],
                actor=filters.actor, action=filters.action,
            )  # fmt: skip
        page = audit.audit_page(filters, limit=options["limit"])
        if options["json"]:
            self.stdout.write(json.dumps([entry_json(e) for e in page.items], ensure_ascii=False))
            return
        for entry in page.items:
            subject = f"{entry.subject_kind}:{entry.subject_id}" if entry.subject_kind else "-"
            self.stdout.write(
                f"#{entry.sequence} {entry.occurred_at.isoformat()} {entry.actor} "
                f"{entry.channel} {entry.action} {subject} {audit.details_text(entry.details)}"
            )
