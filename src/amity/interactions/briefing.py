"""The cultural briefing read before a call or meeting: who the contact is and how to say
their name, how to address them, their calendar and languages, the guidance that applies
(with where each point came from) and what happened recently.

It lives in interactions because it summarizes the contact's interactions; everything else
it reads from the layers below. A fixed number of queries whatever the history's length."""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta

from babel.dates import get_day_names
from django.db.models import Count

from amity.accounts.models import User
from amity.core.channels import Channel
from amity.culture.countries import CountryProfile, country_codes, country_profile
from amity.culture.local_time import babel_locale, zone_for_country, zone_is_known
from amity.interactions.models import InteractionContact, Outcome
from amity.people import selectors
from amity.people.guidance import MergedGuidance, contact_guidance, primary_organization
from amity.people.models import Contact, NameOrder, Organization
from amity.people.names import romanized

RECENT_SHOWN = 5
COUNTED_DAYS = 365
BUDDHIST_ERA_OFFSET = 543  # Thai solar calendar: BE = CE + 543


@dataclass(frozen=True)
class RecentInteraction:
    occurred_at: datetime  # aware (UTC); pages show it in the reader's zone
    channel: str
    channel_label: str
    direction: str
    subject: str
    outcome: str
    outcome_label: str


@dataclass(frozen=True)
class ChannelCount:
    channel: str
    label: str
    count: int


@dataclass(frozen=True)
class CalendarFacts:
    """The contact's country's week and year as they count them."""

    country: str
    weekend: tuple[str, ...]  # day names in the reader's language
    first_day: str
    era: str  # "gregorian" or "buddhist"
    local_year: int  # the current year in that era


@dataclass(frozen=True)
class Briefing:
    contact: Contact
    organization: Organization | None
    family_name_first: bool
    latin_name: str  # how to read the name in Latin letters, "" when it is already Latin
    latin_is_recorded: bool  # the contact's recorded romanization, not a machine one
    form_of_address: str  # as recorded; "" means nobody asked yet
    languages: tuple[str, ...]
    calendar: CalendarFacts | None
    guidance: MergedGuidance
    recent: tuple[RecentInteraction, ...]
    counts: tuple[ChannelCount, ...]
    counted_since: datetime

    @property
    def counted_total(self) -> int:
        return sum(count.count for count in self.counts)


def _calendar(country: str, zone: str, now: datetime, language: str) -> CalendarFacts | None:
    if not country or country not in country_codes():
        return None
    profile: CountryProfile = country_profile(country)
    names = get_day_names("wide", locale=babel_locale(language))
    zone = zone or zone_for_country(country)
    local = now.astimezone(zoneinfo.ZoneInfo(zone)) if zone and zone_is_known(zone) else now
    year = local.year + (BUDDHIST_ERA_OFFSET if profile.era == "buddhist" else 0)
    return CalendarFacts(
        country=country,
        weekend=tuple(names[day] for day in profile.weekend),
        first_day=names[profile.first_day_of_week],
        era=profile.era,
        local_year=year,
    )


def _latin_name(contact: Contact) -> tuple[str, bool]:
    if contact.name_latin and contact.name_latin != contact.full_name:
        return contact.name_latin, True
    language = contact.languages[0].split("-")[0] if contact.languages else None
    return romanized(contact.full_name, language=language), False


def _recent(contact: Contact) -> tuple[RecentInteraction, ...]:
    rows = (
        InteractionContact.objects.filter(contact=contact)
        .select_related("interaction")
        .order_by("-occurred_at", "-interaction_id")[:RECENT_SHOWN]
    )
    shown = []
    for row in rows:
        interaction = row.interaction
        outcome = interaction.outcome
        shown.append(
            RecentInteraction(
                occurred_at=interaction.occurred_at,
                channel=interaction.channel,
                channel_label=str(Channel(interaction.channel).label),
                direction=interaction.direction,
                subject=interaction.subject,
                outcome=outcome,
                outcome_label=str(Outcome(outcome).label) if outcome in Outcome.values else "",
            )
        )
    return tuple(shown)


def _counts(contact: Contact, since: datetime) -> tuple[ChannelCount, ...]:
    rows = (
        InteractionContact.objects.filter(contact=contact, occurred_at__gte=since)
        .values("channel")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = [
        ChannelCount(row["channel"], str(Channel(row["channel"]).label), row["n"])
        for row in rows
        if row["channel"] in Channel.values
    ]
    return tuple(sorted(counts, key=lambda count: (-count.count, count.label)))


def contact_briefing(
    contact_id: int, *, now: datetime, language: str = "en", user: User | None = None
) -> Briefing:
    """Everything the briefing page shows for one contact at ``now`` (aware); names of days
    in ``language``. Raises NotFound for an unknown contact."""
    contact = selectors.contact_get(contact_id, user=user)
    organization = primary_organization(contact)
    country = contact.country or (organization.country if organization else "")
    latin, recorded = _latin_name(contact)
    since = now - timedelta(days=COUNTED_DAYS)
    return Briefing(
        contact=contact,
        organization=organization,
        family_name_first=contact.name_order == NameOrder.FAMILY_GIVEN,
        latin_name=latin,
        latin_is_recorded=recorded,
        form_of_address=contact.form_of_address,
        languages=tuple(contact.languages),
        calendar=_calendar(country, contact.timezone, now, language),
        guidance=contact_guidance(contact),
        recent=_recent(contact),
        counts=_counts(contact, since),
        counted_since=since,
    )
