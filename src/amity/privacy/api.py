"""REST endpoints for consent: a contact's current consents and their history, recording a
consent (or asking for double opt-in), the may-contact decision, and the purposes."""

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from amity.core.api_schemas import InputSchema, RecordId, Text, Utc
from amity.core.errors import DomainError
from amity.core.permissions import Action, require
from amity.people import selectors as people_selectors
from amity.privacy import decisions, preferences, selectors, services
from amity.privacy.jurisdictions import regime_for
from amity.privacy.jurisdictions.rules import Regime, Rule
from amity.privacy.models import ActorKind, ConsentEntry, LawfulBasis, Purpose

router = Router(tags=["consent"])


class PurposeOut(Schema):
    slug: str
    name: str = Field(description="In the caller's language.")
    kind: str
    channels: list[str] = Field(description="Empty: any channel.")
    is_active: bool

    @staticmethod
    def resolve_name(obj: Purpose) -> str:
        return selectors.purpose_name(obj)


class EntryOut(Schema):
    id: int
    purpose: str
    channel: str
    status: str
    lawful_basis: str
    source: str
    evidence: str
    wording: str
    wording_language: str
    double_opt_in: str = Field(description="'', pending or confirmed.")
    confirms_id: int | None
    recorded_by: str = Field(description="user, api, system or contact, and a name.")
    recorded_at: Utc

    @staticmethod
    def resolve_purpose(obj: ConsentEntry) -> str:
        return obj.purpose.slug

    @staticmethod
    def resolve_recorded_by(obj: ConsentEntry) -> str:
        label = obj.recorded_by_label
        return f"{obj.actor_kind}:{label}" if label else obj.actor_kind


class RuleOut(Schema):
    consent: str = Field(description="opt_in or opt_out.")
    double_opt_in: bool
    records: bool
    law: str
    note: str

    @staticmethod
    def resolve_note(obj: Rule) -> str:
        return str(obj.note)


class RegimeOut(Schema):
    code: str
    name: str
    laws: list[str]

    @staticmethod
    def resolve_name(obj: Regime) -> str:
        return str(obj.name)


class ConsentsOut(Schema):
    contact_id: int
    regime: RegimeOut
    jurisdiction_overridden: bool
    current: list[EntryOut] = Field(description="The newest entry per purpose and channel.")
    history: list[EntryOut] = Field(description="Every entry, newest first (at most 500).")


class ConsentIn(InputSchema):
    purpose: Text = Field(max_length=50, description="A purpose slug, e.g. marketing-email.")
    channel: Text = Field("", max_length=20, description="Blank: the purpose's only channel.")
    status: Text = Field(description="granted, denied or withdrawn.", max_length=20)
    source: Text = Field("api", max_length=20, description="form, import, call, api, ...")
    lawful_basis: Text = Field(LawfulBasis.CONSENT, max_length=20)
    evidence: Text = Field("", max_length=5000)
    wording: Text = Field("", max_length=10000)
    wording_language: Text = Field("", max_length=35)
    double_opt_in: bool = Field(
        False, description="With status granted: email the person a link to confirm first."
    )


class JurisdictionIn(InputSchema):
    country: Text = Field(max_length=2, description="ISO 3166-1 alpha-2; blank removes it.")
    subdivision: Text = Field("", max_length=6, description="ISO 3166-2, e.g. US-CA.")
    reason: Text = Field("", max_length=1000)


class DecisionOut(Schema):
    allowed: bool
    code: str
    reason: str
    regime: RegimeOut
    rule: RuleOut
    entry_id: int | None


def _contact(request, contact_id: int):
    return people_selectors.contact_get(contact_id, user=request.auth)


@router.get("/purposes", response=list[PurposeOut])
def purpose_list(request):
    """Every purpose (active or not), names in the caller's language."""
    require(request.auth, Action.VIEW_RECORDS)
    return selectors.purposes(active_only=False)


@router.get("/contacts/{contact_id}/consents", response=ConsentsOut)
def consent_list(request, contact_id: RecordId):
    """The contact's regime, current consents and history."""
    require(request.auth, Action.VIEW_RECORDS)
    contact = _contact(request, contact_id)
    history = selectors.consent_history(contact)
    state = selectors.consent_state(contact)
    current = sorted(state.values(), key=lambda e: (e.purpose_id, e.channel))
    purposes = {e.purpose_id: e.purpose for e in history}
    for entry in current:  # reuse the purposes the history loaded
        if entry.purpose_id in purposes:
            entry.purpose = purposes[entry.purpose_id]
    place = selectors.contact_places([contact])[contact.pk]
    return {
        "contact_id": contact.pk,
        "regime": regime_for(country=place.country, subdivision=place.subdivision),
        "jurisdiction_overridden": place.overridden,
        "current": current,
        "history": history,
    }


@router.post("/contacts/{contact_id}/consents", response={201: EntryOut})
def consent_create(request, contact_id: RecordId, payload: ConsentIn):
    """Record a consent, refusal or withdrawal; with ``double_opt_in`` a granted consent waits
    for the person to follow the emailed link."""
    require(request.auth, Action.WRITE_RECORDS)
    contact = _contact(request, contact_id)
    values = payload.model_dump(exclude={"double_opt_in", "status"})
    common = {"actor": request.auth, "contact": contact, "actor_kind": ActorKind.API, **values}
    common["actor_label"] = request.auth.get_username()
    if payload.double_opt_in:
        if payload.status.strip().lower() != "granted":
            raise DomainError(
                _("Double opt-in confirms a granted consent; send status granted."),
                field="double_opt_in",
            )
        entry, _token = services.double_opt_in_request(**common)
    else:
        entry = services.consent_record(status=payload.status, **common)
    return Status(201, entry)


@router.get("/contacts/{contact_id}/may-contact", response=DecisionOut)
def may_contact(
    request,
    contact_id: RecordId,
    purpose: str = "",
    channel: str = "",
):
    """May we contact this person for this purpose on this channel now, and why (not)?"""
    require(request.auth, Action.VIEW_RECORDS)
    if not purpose.strip():
        raise DomainError(
            _("Name a purpose: ?purpose=marketing-email."), code="missing_purpose", field="purpose"
        )
    decision = decisions.may_contact(_contact(request, contact_id), purpose, channel)
    return {
        "allowed": decision.allowed,
        "code": decision.code,
        "reason": decision.reason,
        "regime": decision.regime,
        "rule": decision.rule,
        "entry_id": decision.entry.pk if decision.entry else None,
    }


class PreferenceLinkOut(Schema):
    url: str = Field(description="The person's preference centre; no sign-in needed.")
    expires_at: Utc


@router.get("/contacts/{contact_id}/preference-link", response=PreferenceLinkOut)
def preference_link(request, contact_id: RecordId):
    """A signed link to the contact's public preference centre, to give to them (writers)."""
    require(request.auth, Action.WRITE_RECORDS)
    contact = _contact(request, contact_id)
    return {
        "url": preferences.preference_url(contact),
        "expires_at": preferences.preference_link_expiry(),
    }


@router.put("/contacts/{contact_id}/jurisdiction", response=RegimeOut)
def jurisdiction_set(request, contact_id: RecordId, payload: JurisdictionIn):
    """Decide the contact's regime by this place instead of their country (a blank country
    goes back to the country); answers the regime that now applies."""
    require(request.auth, Action.WRITE_RECORDS)
    contact = _contact(request, contact_id)
    services.contact_jurisdiction_set(actor=request.auth, contact=contact, **payload.dict())
    return selectors.contact_regime(contact)
