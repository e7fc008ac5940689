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
from django.utils.translation import gettext_lazy as _

from amity.people.models import Contact
from amity.privacy import selectors
from amity.privacy.jurisdictions import regime_for
from amity.privacy.jurisdictions.rules import Regime, Rule
from amity.privacy.models import ConsentEntry, DoubleOptIn, Purpose, Status

# Why, per decision code: written out only when someone reads ``Decision.reason``, in the
# language active then (deciding for 10,000 contacts formats no text).
REASONS = {
    "do_not_contact": _("%(name)s asked not to be contacted at all (do not contact is set)."),
    "withdrawn": _("%(name)s withdrew consent to %(purpose)s (%(channel)s) on %(date)s."),
    "denied": _("%(name)s refused %(purpose)s (%(channel)s) on %(date)s."),
    "no_objection": _(
        "Allowed: under %(regime)s, %(purpose)s (%(channel)s) may go ahead unless the "
        "person objects (%(law)s); no objection is recorded."
    ),
    "no_consent": _(
        "No opt-in recorded: under %(regime)s, %(purpose)s (%(channel)s) needs the "
        "person's prior consent (%(law)s)."
    ),
    "awaiting_confirmation": _(
        "Consent to %(purpose)s (%(channel)s) is awaiting confirmation: the double "
        "opt-in link sent on %(date)s has not been followed yet."
    ),
    "not_confirmed": _(
        "Under %(regime)s Amity asks for double opt-in for %(purpose)s (%(channel)s); "
        "the consent of %(date)s has not been confirmed by the person."
    ),
    "consent": _("Allowed: %(name)s consented to %(purpose)s (%(channel)s) on %(date)s (%(law)s)."),
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    regime: Regime
    rule: Rule
    code: str  # stable, for programs: do_not_contact, denied, withdrawn, no_consent, ...
    entry: ConsentEntry | None
    contact: Contact
    purpose: Purpose
    channel: str

    @property
    def reason(self) -> str:
        """Why, for people, in the active language."""
        words = {
            "name": self.contact.full_name,
            "purpose": selectors.purpose_name(self.purpose),
            "channel": selectors.channel_label(self.channel),
            "regime": self.regime.name,
            "law": self.rule.law,
            "date": "",
        }
        if self.entry is not None:
            moment = timezone.localtime(self.entry.recorded_at)
            words["date"] = formats.date_format(moment, "DATE_FORMAT")
        return str(REASONS[self.code]) % words


def _code(contact: Contact, rule: Rule, entry: ConsentEntry | None) -> str:
    if contact.do_not_contact:
        return "do_not_contact"
    if entry is not None and entry.status in (Status.WITHDRAWN, Status.DENIED):
        return str(entry.status)
    if not rule.opt_in:
        return "no_objection"
    if entry is None:
        return "no_consent"
    if entry.double_opt_in == DoubleOptIn.PENDING:
        return "awaiting_confirmation"
    if rule.double_opt_in and entry.double_opt_in != DoubleOptIn.CONFIRMED:
        return "not_confirmed"
    return "consent"


ALLOWING = frozenset({"no_objection", "consent"})


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
    code = _code(contact, rule, entry)
    return Decision(code in ALLOWING, regime, rule, code, entry, contact, purpose, channel)


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
    """Decisions for many contacts at once, keyed by contact id: two queries per 10,000
    contacts (overrides, ledger; one more when the purpose's names are not loaded)."""
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
