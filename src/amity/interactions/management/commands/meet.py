"""``amity meet``: ranked meeting slots for contacts and colleagues, in everyone's local time;
``--book N`` books the N-th slot and writes its .ics invitations."""

import json
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amity.accounts.models import User
from amity.core.errors import DomainError
from amity.core.permissions import PermissionDenied
from amity.interactions import invitations
from amity.interactions.meetings import MeetingRequest, meeting_book, meeting_get, meeting_search
from amity.interactions.meetings_api import meeting_as_dict, search_as_dict
from amity.people.selectors import contact_lookup


def _names(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _user(reference: str) -> User:
    users = User.objects.filter(is_active=True)
    found = (
        users.filter(pk=int(reference)).first()
        if reference.isdigit()
        else users.filter(username=reference).first()
    )
    if found is None:
        raise CommandError(_("No active user is named %(ref)s.") % {"ref": reference})
    return found


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.utcoffset() is None:
        raise CommandError(
            _("Give the time with its zone or offset (for example 2026-04-13T09:30+07:00).")
        )
    return moment


class Command(BaseCommand):
    help = _("Find meeting slots with contacts and colleagues in their local times; book one")

    def add_arguments(self, parser):
        parser.add_argument(
            "--with",
            dest="contacts",
            default="",
            help=_("Contacts: ids, emails or phones, comma-separated"),
        )
        parser.add_argument(
            "--users", default="", help=_("Colleagues: usernames or ids, comma-separated")
        )
        parser.add_argument("--days", type=int, default=14, help=_("How many days ahead (1-60)"))
        parser.add_argument("--duration", type=int, default=60, help=_("Minutes (15-240)"))
        parser.add_argument("--limit", type=int, default=10, help=_("At most this many slots"))
        parser.add_argument(
            "--after", help=_("Look from this moment, with its offset (default: now)")
        )
        parser.add_argument("--json", action="store_true", help=_("Print JSON for scripts"))
        parser.add_argument("--book", type=int, help=_("Book the slot with this number (from 1)"))
        parser.add_argument("--title", default="", help=_("Title of the booked meeting"))
        parser.add_argument("--video-link", default="", help=_("Video call link of the meeting"))
        parser.add_argument("--user", help=_("The user who books and organizes the meeting"))
        parser.add_argument("--out", default=".", help=_("Folder for the .ics invitations"))

    def handle(self, *args, **options):
        try:
            contacts = [contact_lookup(ref) for ref in _names(options["contacts"])]
            users = [_user(ref) for ref in _names(options["users"])]
            actor = _user(options["user"]) if options["user"] else None
            after = _moment(options["after"]) if options["after"] else None
            search = meeting_search(
                contact_ids=[c.pk for c in contacts],
                user_ids=[u.pk for u in users],
                days=options["days"],
                duration_minutes=options["duration"],
                limit=max(1, min(options["limit"], 50)),
                after=after,
            )
            booked = (
                self._book(search, contacts, users, actor, options) if options["book"] else None
            )
        except PermissionDenied:
            raise CommandError(_("This user's role may not book meetings.")) from None
        except DomainError as error:
            raise CommandError(error.message) from None
        if options["json"]:
            result = search_as_dict(search)
            if booked:
                result["booked"] = {**meeting_as_dict(booked[0]), "files": booked[1]}
            self.stdout.write(json.dumps(result, cls=DjangoJSONEncoder, ensure_ascii=False))
            return
        self._print(search)
        if booked:
            self.stdout.write(_("Booked meeting %(id)s.") % {"id": booked[0].pk})
            for path in booked[1]:
                self.stdout.write(_("Invitation written: %(path)s") % {"path": path})

    def _book(self, search, contacts, users, actor, options):
        number = options["book"]
        if not 1 <= number <= len(search.slots):
            raise CommandError(
                _("There is no slot %(number)s; choose 1 to %(count)s.")
                % {"number": number, "count": len(search.slots)}
            )
        slot = search.slots[number - 1]
        meeting = meeting_book(
            actor=actor,
            request=MeetingRequest(
                start=slot.start,
                duration_minutes=search.duration_minutes,
                contact_ids=tuple(c.pk for c in contacts),
                user_ids=tuple(u.pk for u in users),
                title=options["title"],
                video_link=options["video_link"],
            ),
            actor_label="cli",
        )
        meeting = meeting_get(meeting.pk)
        folder = Path(options["out"])
        folder.mkdir(parents=True, exist_ok=True)
        files = []
        for language in invitations.invitation_languages(meeting):
            path = folder / invitations.invitation_filename(meeting, language)
            path.write_bytes(invitations.meeting_invitation(meeting, language=language))
            files.append(str(path))
        return meeting, files

    def _print(self, search) -> None:
        for participant in search.participants:
            if participant.assumed:
                self.stdout.write(f"! {participant.name}: {participant.assumed}")
        if not search.slots:
            self.stdout.write(_("No slot avoids everyone's weekends and holidays."))
            return
        if not search.inside_everyone:
            self.stdout.write(
                _("No slot fits everyone's working hours; the best compromises follow.")
            )
        for number, slot in enumerate(search.slots, start=1):
            fit = (
                _("inside everyone's hours")
                if slot.inside_everyone
                else ngettext(
                    "%(count)s person outside their hours",
                    "%(count)s people outside their hours",
                    len(slot.outside),
                )
                % {"count": len(slot.outside)}
            )
            self.stdout.write(f"{number:>2}. {slot.start:%Y-%m-%d %H:%M} UTC  {fit}")
            for local in slot.times:
                # Weekday names in the terminal's language; each time in the person's own zone.
                when = f"{date_format(local.start, 'D Y-m-d H:i')}-{local.end:%H:%M}"
                line = f"      {local.name} ({local.zone}): {when}"
                if local.side == "before":
                    line += "  " + _("%(minutes)s min before opening") % {
                        "minutes": local.outside_minutes
                    }
                elif local.side == "after":
                    line += "  " + _("%(minutes)s min after closing") % {
                        "minutes": local.outside_minutes
                    }
                self.stdout.write(line)
