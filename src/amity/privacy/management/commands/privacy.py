"""``amity privacy may-contact|consent CONTACT ...``: thin; see privacy.decisions and
privacy.services. CONTACT is an id, an email or a phone number."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from amity.core.errors import DomainError
from amity.people.selectors import contact_lookup
from amity.privacy import decisions, services
from amity.privacy.management import dsr_commands as dsr
from amity.privacy.models import ActorKind, LawfulBasis, Source, Status


class Command(BaseCommand):
    requires_system_checks = []  # a data command: the checks are `amity check`'s job
    help = _("Consent: may we contact a person, and record their consent")

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        ask = commands.add_parser(
            "may-contact", help=_("Whether a purpose on a channel is allowed now, and why")
        )
        record = commands.add_parser(
            "consent", help=_("Record that a person granted, denied or withdrew a purpose")
        )
        for sub in (ask, record):
            sub.add_argument("contact", metavar="CONTACT", help=_("An id, an email or a phone"))
            sub.add_argument(
                "--purpose", required=True, help=_("A purpose slug, e.g. marketing-email")
            )
            sub.add_argument("--channel", default="", help=_("email, sms, chat, phone, ... or any"))
            sub.add_argument("--json", action="store_true", help=_("Print JSON for scripts"))
        choice = record.add_mutually_exclusive_group(required=True)
        choice.add_argument("--grant", action="store_const", const=Status.GRANTED, dest="status")
        choice.add_argument("--deny", action="store_const", const=Status.DENIED, dest="status")
        choice.add_argument(
            "--withdraw", action="store_const", const=Status.WITHDRAWN, dest="status"
        )
        record.add_argument("--source", required=True, help=", ".join(Source.values))
        record.add_argument(
            "--basis", default=LawfulBasis.CONSENT, help=", ".join(LawfulBasis.values)
        )
        record.add_argument("--evidence", default="", help=_("Where and how the person said so"))
        record.add_argument("--wording", default="", help=_("The text the person agreed to"))
        record.add_argument("--wording-language", default="", help=_("BCP 47 tag of the wording"))
        dsr.add_arguments(commands)

    def handle(self, *args, **options):
        if options["action"] in dsr.ACTIONS:
            dsr.handle(self, options)
            return
        try:
            contact = contact_lookup(options["contact"])
            if options["action"] == "may-contact":
                self._may_contact(contact, options)
            else:
                self._consent(contact, options)
        except DomainError as error:
            raise CommandError(error.message) from None

    def _may_contact(self, contact, options) -> None:
        decision = decisions.may_contact(contact, options["purpose"], options["channel"])
        if options["json"]:
            self._json(
                {
                    "contact_id": contact.pk,
                    "allowed": decision.allowed,
                    "code": decision.code,
                    "reason": decision.reason,
                    "regime": decision.regime.code,
                    "law": decision.rule.law,
                    "rule": decision.rule.consent,
                    "double_opt_in": decision.rule.double_opt_in,
                }
            )
            return
        verdict = _("allowed") if decision.allowed else _("not allowed")
        self.stdout.write(f"{verdict}: {decision.reason}")

    def _consent(self, contact, options) -> None:
        entry = services.consent_record(
            actor=None,
            actor_kind=ActorKind.SYSTEM,
            actor_label="cli",
            contact=contact,
            purpose=options["purpose"],
            channel=options["channel"],
            status=options["status"],
            source=options["source"],
            lawful_basis=options["basis"],
            evidence=options["evidence"],
            wording=options["wording"],
            wording_language=options["wording_language"],
        )
        if options["json"]:
            self._json(
                {
                    "id": entry.pk,
                    "contact_id": contact.pk,
                    "purpose": entry.purpose.slug,
                    "channel": entry.channel,
                    "status": entry.status,
                    "source": entry.source,
                    "lawful_basis": entry.lawful_basis,
                    "recorded_at": entry.recorded_at.isoformat(),
                }
            )
            return
        self.stdout.write(
            _("Recorded: %(name)s, %(purpose)s by %(channel)s: %(status)s.")
            % {
                "name": contact.full_name,
                "purpose": entry.purpose.slug,
                "channel": entry.channel,
                "status": entry.get_status_display(),
            }
        )

    def _json(self, data: dict) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False))
