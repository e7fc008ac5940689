"""May we contact this person for this purpose on this channel now, and why (not)?

Every feature that contacts a person asks ``may_contact`` (one contact) or
``may_contact_many`` (a segment, a campaign) first. The answer weighs, in order: the contact's
do-not-contact flag, a recorded refusal or withdrawal, and what the regime that applies to
them demands (opt-in: a granted consent, confirmed when double opt-in is asked; opt-out:
allowed unless they objected)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import prefetch_related_objects
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from amity.people.models import Contact
from amity.privacy import selectors
from amity.privacy.jurisdictions import Regime, Rule, regime_for
from amity.privacy.models import ConsentEntry, DoubleOptIn, Purpose, Status


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str  # translated into the active language, for people
    regime: Regime
    rule: Rule
    code: str  # stable, for programs: do_not_contact, denied, withdrawn, no_consent, ...
    entry: ConsentEntry | None = None


def _when(entry: ConsentEntry) -> str:
    return formats.date_format(timezone.localtime(entry.recorded_at), "DATE_FORMAT")


def decide(
    *,
    contact: Contact,
    purpose: Purpose,
    channel: str,
    regime: Regime,
    entry: ConsentEntry | None,
) -> Decision:
    """The decision from facts already loaded (no queries): see the module docstring."""
    rule = regime.rule_for(purpose.kind, channel)
    words = {
        "name": contact.full_name,
        "purpose": selectors.purpose_name(purpose),
        "channel": selectors.channel_label(channel),
        "regime": regime.name,
        "law": rule.law,
    }
    if entry is not None:
        words["date"] = _when(entry)

    def answer(allowed: bool, code: str, reason: str) -> Decision:
        return Decision(allowed, reason % words, regime, rule, code, entry)

    if contact.do_not_contact:
        return answer(
            False,
            "do_not_contact",
            _("%(name)s asked not to be contacted at all (do not contact is set)."),
        )
    if entry is not None and entry.status == Status.WITHDRAWN:
        return answer(
            False,
            "withdrawn",
            _("%(name)s withdrew consent to %(purpose)s (%(channel)s) on %(date)s."),
        )
    if entry is not None and entry.status == Status.DENIED:
        return answer(False, "denied", _("%(name)s refused %(purpose)s (%(channel)s) on %(date)s."))
    if not rule.opt_in:
        return answer(
            True,
            "no_objection",
            _(
                "Allowed: under %(regime)s, %(purpose)s (%(channel)s) may go ahead unless the "
                "person objects (%(law)s); no objection is recorded."
            ),
        )
    if entry is None:
        return answer(
            False,
            "no_consent",
            _(
                "No opt-in recorded: under %(regime)s, %(purpose)s (%(channel)s) needs the "
                "person's prior consent (%(law)s)."
            ),
        )
    if entry.double_opt_in == DoubleOptIn.PENDING:
        return answer(
            False,
            "awaiting_confirmation",
            _(
                "Consent to %(purpose)s (%(channel)s) is awaiting confirmation: the double "
                "opt-in link sent on %(date)s has not been followed yet."
            ),
        )
    if rule.double_opt_in and entry.double_opt_in != DoubleOptIn.CONFIRMED:
        return answer(
            False,
            "not_confirmed",
            _(
                "Under %(regime)s Amity asks for double opt-in for %(purpose)s (%(channel)s); "
                "the consent of %(date)s has not been confirmed by the person."
            ),
        )
    return answer(
        True,
        "consent",
        _("Allowed: %(name)s consented to %(purpose)s (%(channel)s) on %(date)s (%(law)s)."),
    )


def may_contact(
    contact: Contact, purpose: Purpose | str, channel: str, at: datetime | None = None
) -> Decision:
    """The decision for one contact (purpose by object or slug; ``at`` defaults to now):
    four queries with a slug (purpose and its names, override, ledger)."""
    if isinstance(purpose, str):
        purpose = selectors.purpose_get(purpose)
    prefetch_related_objects([purpose], "translations")  # no query when already loaded
    channel = selectors.clean_channel(channel, purpose)
    place = selectors.contact_places([contact])[contact.pk]
    state = selectors.consent_states([contact.pk], at=at, purpose=purpose).get(contact.pk, {})
    return decide(
        contact=contact,
        purpose=purpose,
        channel=channel,
        regime=regime_for(country=place.country, subdivision=place.subdivision),
        entry=selectors.effective_entry(state, purpose, channel),
    )


def may_contact_many(
    contacts: Iterable[Contact], purpose: Purpose, channel: str, at: datetime | None = None
) -> dict[int, Decision]:
    """Decisions for many contacts at once, keyed by contact id, in two queries whatever
    their number (overrides, ledger; one more when the purpose's names are not loaded)."""
    contacts = list(contacts)
    prefetch_related_objects([purpose], "translations")
    channel = selectors.clean_channel(channel, purpose)
    places = selectors.contact_places(contacts)
    states = selectors.consent_states([c.pk for c in contacts], at=at, purpose=purpose)
    decisions = {}
    for contact in contacts:
        place = places[contact.pk]
        decisions[contact.pk] = decide(
            contact=contact,
            purpose=purpose,
            channel=channel,
            regime=regime_for(country=place.country, subdivision=place.subdivision),
            entry=selectors.effective_entry(states.get(contact.pk, {}), purpose, channel),
        )
    return decisions


@dataclass(frozen=True)
class OverviewRow:
    purpose: Purpose
    purpose_name: str
    channel: str
    channel_label: str
    entry: ConsentEntry | None
    decision: Decision


@dataclass(frozen=True)
class ConsentOverview:
    regime: Regime
    overridden: bool
    rows: list[OverviewRow]
    purposes: list[Purpose]  # the active purposes, names loaded


def consent_overview(contact: Contact) -> ConsentOverview:
    """Each active purpose on each of its channels (or 'any'), with the current entry and
    the decision, for the contact page (four queries whatever the number of purposes)."""
    place = selectors.contact_places([contact])[contact.pk]
    regime = regime_for(country=place.country, subdivision=place.subdivision)
    state = selectors.consent_state(contact)
    rows = []
    purposes = selectors.purposes()
    for purpose in purposes:
        for channel in purpose.channels or ["any"]:
            entry = selectors.effective_entry(state, purpose, channel)
            rows.append(
                OverviewRow(
                    purpose,
                    selectors.purpose_name(purpose),
                    channel,
                    selectors.channel_label(channel),
                    entry,
                    decide(
                        contact=contact,
                        purpose=purpose,
                        channel=channel,
                        regime=regime,
                        entry=entry,
                    ),
                )
            )
    return ConsentOverview(regime, place.overridden, rows, purposes)
