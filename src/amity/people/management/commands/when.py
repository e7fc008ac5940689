"""``amity when CONTACT [--channel email] [--at ISO] [--json]``: the time it is where a contact
is, whether that is working time there and why, and the next send window (UTC and local).
Thin; see people.reachability."""

import json
from datetime import datetime

from babel.dates import format_datetime
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from amity.core.errors import DomainError
from amity.culture.local_time import babel_locale
from amity.culture.send_windows import SendWindowError, channel_windows
from amity.people.reachability import ContactWhen, contact_when
from amity.people.selectors import contact_lookup


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def when_json(answer: ContactWhen) -> dict:
    """The answer as scripts read it (the same fields as GET /api/v1/contacts/{id}/when)."""
    there, window = answer.now, answer.window
    return {
        "contact": {
            "id": answer.contact.pk,
            "name": answer.contact.full_name,
            "country": answer.contact.country,
            "timezone": answer.contact.timezone,
        },
        "channel": answer.channel,
        "now": None
        if there is None
        else {
            "local": _iso(there.moment),
            "zone": there.zone,
            "state": there.state,
            "working": there.is_working,
            "holiday": there.holiday,
            "reason": there.reason,
        },
        "next_window": None
        if window.starts_at is None
        else {"utc": _iso(window.starts_at), "local": _iso(window.local), "zone": window.zone},
        "code": window.code,
        "reason": window.reason,
    }


class Command(BaseCommand):
    requires_system_checks = []  # a data command: the checks are `amity check`'s job
    help = _("Show a contact's local time, working state and next send window")

    def add_arguments(self, parser):
        parser.add_argument("contact", help=_("The contact's id, email address or phone number"))
        parser.add_argument(
            "--channel",
            default="email",
            choices=sorted(channel_windows()),
            help=_("The channel to find a send window for"),
        )
        parser.add_argument(
            "--at",
            metavar="ISO",
            help=_(
                "Answer for this moment instead of now (with an offset, e.g. 2026-04-13T09:00Z)"
            ),
        )
        parser.add_argument("--json", action="store_true", help=_("Print JSON for scripts"))

    def handle(self, *args, **options):
        now = self._moment(options["at"])
        try:
            contact = contact_lookup(options["contact"])
            answer = contact_when(
                contact,
                channel=options["channel"],
                now=now,
                language=translation.get_language() or "en",
            )
        except (DomainError, SendWindowError) as error:
            raise CommandError(getattr(error, "message", str(error))) from None
        if options["json"]:
            self.stdout.write(json.dumps(when_json(answer), ensure_ascii=False))
            return
        self._print(answer)

    def _moment(self, value: str | None) -> datetime:
        if not value:
            return timezone.now()
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise CommandError(
                _("%(value)s is not a date and time with an offset (e.g. 2026-04-13T09:00Z).")
                % {"value": value}
            )
        return moment

    def _print(self, answer: ContactWhen) -> None:
        locale = babel_locale(translation.get_language() or "en")
        contact, there, window = answer.contact, answer.now, answer.window
        self.stdout.write(f"{contact.full_name} (#{contact.pk})")
        if there is None:
            self.stdout.write(_("Local time: unknown (no time zone)."))
        else:
            local = format_datetime(there.moment, "full", tzinfo=there.moment.tzinfo, locale=locale)
            self.stdout.write(_("Local time: %(time)s") % {"time": local})
            self.stdout.write(_("Now there: %(reason)s") % {"reason": there.reason})
        if window.starts_at is None:
            self.stdout.write(_("No send window: %(reason)s") % {"reason": window.reason})
            return
        self.stdout.write(
            _("Next %(channel)s window: %(utc)s UTC, %(local)s local time (%(zone)s)")
            % {
                "channel": answer.channel,
                "utc": window.starts_at.strftime("%Y-%m-%d %H:%M"),
                "local": window.local.strftime("%Y-%m-%d %H:%M"),
                "zone": window.zone,
            }
        )
