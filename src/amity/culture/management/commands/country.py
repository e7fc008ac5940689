import json

from babel.dates import get_day_names
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from amity.core.errors import DomainError
from amity.culture.selectors import country_detail, country_detail_data


class Command(BaseCommand):
    help = _("Show a country's working week, office hours, formats and public holidays")

    def add_arguments(self, parser):
        parser.add_argument("code", help=_("ISO 3166-1 country code, for example TH or PL"))
        parser.add_argument(
            "--year", type=int, help=_("Holidays of this year (default: this year)")
        )
        parser.add_argument(
            "--language", help=_("Names in this language, for example th or pl (default: yours)")
        )
        parser.add_argument(
            "--subdivision", help=_("Holidays of a state or province, for example US-CA as CA")
        )
        parser.add_argument("--json", action="store_true", help=_("Print JSON for scripts"))

    def handle(self, *args, **options):
        language = options["language"] or translation.get_language() or "en"
        year = timezone.now().year if options["year"] is None else options["year"]
        with translation.override(language):
            try:
                detail = country_detail(
                    options["code"],
                    year=year,
                    language=translation.to_locale(language),
                    subdivision=options["subdivision"],
                )
            except DomainError as error:
                raise CommandError(error.message) from error
            if options["json"]:
                self.stdout.write(json.dumps(country_detail_data(detail), ensure_ascii=False))
                return
            self._print(detail, translation.to_locale(language))

    def _print(self, detail, locale: str) -> None:
        profile, write = detail.profile, self.stdout.write
        days = get_day_names("wide", locale=locale)
        short_days = get_day_names("abbreviated", locale=locale)
        opens, closes = detail.business_hours
        write(f"{profile.name} ({profile.code})")
        write(_("Official languages: %(list)s") % {"list": ", ".join(profile.languages) or "-"})
        write(_("Currencies: %(list)s") % {"list": ", ".join(profile.currencies) or "-"})
        write(_("Time zones: %(list)s") % {"list": ", ".join(profile.time_zones) or "-"})
        write(_("Weekend: %(days)s") % {"days": ", ".join(days[day] for day in profile.weekend)})
        write(_("Week starts on: %(day)s") % {"day": days[profile.first_day_of_week]})
        write(
            _("Business hours: %(opens)s-%(closes)s")
            % {"opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")}
        )
        write(
            _("Date formats: %(short)s, %(medium)s; numbers: %(number)s; prices: %(price)s")
            % {
                "short": profile.formats.short_date,
                "medium": profile.formats.medium_date,
                "number": profile.formats.decimal,
                "price": profile.formats.currency,
            }
        )
        if profile.subdivisions:
            write(_("Subdivisions: %(list)s") % {"list": " ".join(profile.subdivisions)})
        write(_("Public holidays in %(year)s:") % {"year": detail.year})
        if not detail.holidays:
            write("  " + _("None known."))
        for holiday in detail.holidays:
            names = [holiday.local_name]
            for other in (holiday.name, holiday.english_name):
                if other and other not in names:
                    names.append(other)
            weekday = short_days[holiday.day.weekday()]
            write(f"  {holiday.day.isoformat()}  {weekday:<6} {' / '.join(names)}")
