"""iCalendar (.ics) invitations for booked meetings (RFC 5545, written with ``icalendar``).

One invitation per language spoken by the invitees: the same event (same UID, times and
attendees) with its description in that language, so each person can be sent the file they
can read. Times are written in the organizer's zone with its VTIMEZONE, so calendars show
the meeting at the right moment on both sides of a daylight-saving change. The files are
made from the stored interaction, so asking twice gives the same bytes.
"""

from datetime import date, timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import Calendar, Event, vCalAddress

from amity.interactions.models import Interaction

PRODID = "-//Amity//Amity CRM//EN"
DEFAULT_DURATION = timedelta(hours=1)


def _supported(tag: str) -> str:
    """The interface language closest to a BCP 47 tag ("pl-PL" -> "pl"); English otherwise."""
    try:
        return translation.get_supported_language_variant(tag or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def _contact_language(contact) -> str:
    return _supported(contact.languages[0] if contact.languages else "")


def _organizer(interaction: Interaction):
    """Who sends the invitation: the user who booked it, else the first colleague."""
    if interaction.created_by is not None:
        return interaction.created_by
    users = list(interaction.users.all())
    return users[0] if users else None


def _primary_email(contact) -> str:
    emails = list(contact.emails.all())  # ordered primary first
    return emails[0].address if emails else ""


def invitation_languages(interaction: Interaction) -> list[str]:
    """The languages the invitees read, one .ics each (the contacts' first language, the
    colleagues' interface language)."""
    organizer = _organizer(interaction)
    found = {_contact_language(c) for c in interaction.contacts.all()}
    found |= {
        _supported(u.language)
        for u in interaction.users.all()
        if organizer is None or u.pk != organizer.pk
    }
    return sorted(found) or [settings.LANGUAGE_CODE]


def invitation_missing_emails(interaction: Interaction) -> list[str]:
    """Names of the invitees who cannot be sent an invitation (no email address)."""
    missing = [c.full_name for c in interaction.contacts.all() if not _primary_email(c)]
    missing += [str(u) for u in interaction.users.all() if not u.email]
    return missing


def _invitees(interaction: Interaction, organizer) -> list[dict]:
    people = [
        {
            "email": _primary_email(c),
            "name": c.full_name,
            "zone": c.timezone or "UTC",
            "language": _contact_language(c),
            "role": "REQ-PARTICIPANT",
        }
        for c in interaction.contacts.all()
    ]
    people += [
        {
            "email": u.email,
            "name": str(u),
            "zone": u.timezone or "UTC",
            "language": _supported(u.language),
            "role": "REQ-PARTICIPANT",
        }
        for u in interaction.users.all()
        if organizer is None or u.pk != organizer.pk
    ]
    return people


def _address(email: str, name: str, **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = name
    for key, value in params.items():
        address.params[key.upper()] = value
    return address


def _description(interaction: Interaction, organizer_name: str, invitees: list[dict]) -> str:
    """The invitation text in the active language, with the meeting time in each reader's
    own zone."""
    duration = interaction.duration or DEFAULT_DURATION
    minutes = int(duration.total_seconds() // 60)
    lines = [
        _("%(organizer)s invites you to a meeting: %(title)s")
        % {"organizer": organizer_name, "title": interaction.subject},
        ngettext("Duration: %(count)s minute", "Duration: %(count)s minutes", minutes)
        % {"count": minutes},
    ]
    for zone in sorted({person["zone"] for person in invitees}):
        local = interaction.occurred_at.astimezone(ZoneInfo(zone))
        lines.append(
            _("Your time (%(zone)s): %(time)s")
            % {"zone": zone, "time": formats.date_format(local, "DATETIME_FORMAT")}
        )
    if interaction.video_link:
        lines.append(_("Join the video call: %(link)s") % {"link": interaction.video_link})
    if interaction.body and not interaction.confidential:  # a confidential body stays home
        lines += ["", interaction.body]
    return "\n".join(lines)


def meeting_invitation(interaction: Interaction, *, language: str) -> bytes:
    """The .ics (METHOD:REQUEST) of a booked meeting, its text in ``language``."""
    language = _supported(language)
    organizer = _organizer(interaction)
    sender_name, sender_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer_name = str(organizer) if organizer else (sender_name or "Amity")
    organizer_email = (organizer.email if organizer else "") or sender_email
    zone = ZoneInfo((organizer.timezone if organizer else "") or "UTC")
    invitees = _invitees(interaction, organizer)
    start = interaction.occurred_at.astimezone(zone)
    end = start + (interaction.duration or DEFAULT_DURATION)
    host = settings.BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", f"meeting-{interaction.pk}@{host}")
    event.add("sequence", 0)
    event.add("dtstamp", interaction.created_at)
    event.add("dtstart", start)
    event.add("dtend", end)
    with translation.override(language):
        event.add("summary", interaction.subject, parameters={"LANGUAGE": language})
        readers = [p for p in invitees if p["language"] == language] or invitees
        event.add(
            "description",
            _description(interaction, organizer_name, readers),
            parameters={"LANGUAGE": language},
        )
    if interaction.video_link:
        event.add("location", interaction.video_link)
        event.add("url", interaction.video_link)
    event.add("organizer", _address(organizer_email, organizer_name))
    for person in invitees:
        if person["email"]:
            event.add(
                "attendee",
                _address(
                    person["email"],
                    person["name"],
                    role=person["role"],
                    partstat="NEEDS-ACTION",
                    rsvp="TRUE",
                    language=person["language"],
                ),
            )
    event.add("status", "CONFIRMED")
    calendar.add_component(event)
    # A VTIMEZONE covering the meeting's year is enough and keeps the file small.
    year = start.year
    calendar.add_missing_timezones(first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1))
    return calendar.to_ical()


def invitation_filename(interaction: Interaction, language: str) -> str:
    return f"meeting-{interaction.pk}-{_supported(language)}.ics"
