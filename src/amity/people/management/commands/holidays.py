"""``amity holidays [--days 14] [--json]``: the holiday radar, public holidays coming up in the
countries contacts live in and how many contacts each affects. Thin; see people.holiday_radar."""

import json
from datetime import date

from babel.numbers import format_decimal
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amity.core.errors import DomainError
from amity.culture.local_time import babel_locale
from amity.people.holiday_radar import DEFAULT_DAYS, holiday_radar, radar_days


class Command(BaseCommand):
    requires_system_checks = []  # a data command: the checks are `amity check`'s job
    help = _("List public holidays coming up where contacts live, with contacts affected")

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            default=str(DEFAULT_DAYS),
            help=_("How many days ahead to look, from 1 to 366 (default 14)"),
        )
        parser.add_argument(
            "--from",
            dest="start",
            metavar="YYYY-MM-DD",
            help=_("The first day to look at (default: today)"),
        )
        parser.add_argument("--json", action="store_true", help=_("Print JSON for scripts"))

    def handle(self, *args, **options):
        try:
            days = radar_days(options["days"])
            start = date.fromisoformat(options["start"]) if options["start"] else None
        except DomainError as error:
            raise CommandError(error.message) from None
        except ValueError:
            raise CommandError(
                _("%(value)s is not a date (YYYY-MM-DD).") % {"value": options["start"]}
            ) from None
        language = translation.get_language() or "en"
        entries = holiday_radar(start=start or timezone.localdate(), days=days, language=language)
        if options["json"]:
            rows = [
                {
                    "holiday": e.name,
                    "country": e.country,
                    "country_name": e.country_name,
                    "subdivision": e.subdivision,
                    "first": e.first.isoformat(),
                    "last": e.last.isoformat(),
                    "contacts": e.contacts,
                }
                for e in entries
            ]
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        if not entries:
            self.stdout.write(_("No public holidays in the next %(days)s days.") % {"days": days})
        for e in entries:
            count = ngettext("%(count)s contact", "%(count)s contacts", e.contacts) % {
                "count": format_decimal(e.contacts, locale=babel_locale(language))
            }
            self.stdout.write(f"{e.dates}  {e.name}, {e.country_name}: {count}")
