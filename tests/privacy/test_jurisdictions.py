# ruff: noqa: E501 (the case tables read best one case a line)
"""Each regime allows and refuses what its law says, for contacts with nothing recorded, and
changes its answer when the person grants, refuses or withdraws."""

from datetime import timedelta

import pytest
from django.utils import timezone

from amity.privacy import services
from amity.privacy.decisions import may_contact
from amity.privacy.jurisdictions import regime_for
from factories import make_contact

NAMES = {
    "DE": ("Jürgen", "Groß"),
    "FR": ("Élodie", "Lefèvre"),
    "PL": ("Łukasz", "Zieliński"),
    "GB": ("Oliver", "Hughes"),
    "US": ("Beatriz", "Alves"),
    "CA": ("Chloé", "Tremblay"),
    "BR": ("João", "Conceição"),
    "TH": ("มาลี", "ศรีสุข"),
    "JP": ("花子", "佐藤"),
    "SG": ("Wei Ling", "Tan"),
    "AU": ("Mia", "O'Brien"),
    "SA": ("ليلى", "الحربي"),
    "": ("Ola", "Nordmann"),
}

# country, purpose, channel, allowed, code, regime, the law the rule cites
CASES = [
    ("DE", "marketing-email", "email", False, "no_consent", "EU", "ePrivacy Directive 2002/58/EC, Art. 13"),
    ("DE", "surveys", "email", True, "no_objection", "EU", "GDPR (Regulation (EU) 2016/679)"),
    ("FR", "profiling", "any", True, "no_objection", "EU", "GDPR Art. 21(2)"),
    ("FR", "partner-sharing", "any", False, "no_consent", "EU", "GDPR (Regulation (EU) 2016/679)"),
    ("PL", "phone-calls", "phone", False, "no_consent", "PL", "RODO, Prawo telekomunikacyjne art. 172 (now Prawo komunikacji elektronicznej), ustawa o świadczeniu usług drogą elektroniczną art. 10"),
    ("PL", "surveys", "phone", True, "no_objection", "PL", "RODO / GDPR (Regulation (EU) 2016/679)"),
    ("GB", "marketing-email", "email", False, "no_consent", "GB", "PECR (Privacy and Electronic Communications Regulations 2003), regulation 22"),
    ("GB", "phone-calls", "phone", True, "no_objection", "GB", "PECR (Privacy and Electronic Communications Regulations 2003)"),
    ("US", "marketing-email", "email", True, "no_objection", "US", "CAN-SPAM Act of 2003"),
    ("US", "marketing-sms", "sms", False, "no_consent", "US", "TCPA (Telephone Consumer Protection Act of 1991)"),
    ("US", "phone-calls", "phone", False, "no_consent", "US", "TCPA (Telephone Consumer Protection Act of 1991)"),
    ("CA", "marketing-email", "email", False, "no_consent", "CA", "CASL (Canada's Anti-Spam Legislation, S.C. 2010, c. 23)"),
    ("CA", "phone-calls", "phone", True, "no_objection", "CA", "CRTC Unsolicited Telecommunications Rules"),
    ("BR", "marketing-chat", "chat", False, "no_consent", "BR", "LGPD (Lei Geral de Proteção de Dados Pessoais, Lei nº 13.709/2018)"),
    ("BR", "surveys", "email", True, "no_objection", "BR", "LGPD (Lei Geral de Proteção de Dados Pessoais, Lei nº 13.709/2018)"),
    ("TH", "marketing-sms", "sms", False, "no_consent", "TH", "PDPA (Personal Data Protection Act B.E. 2562 (2019))"),
    ("TH", "surveys", "chat", True, "no_objection", "TH", "PDPA (Personal Data Protection Act B.E. 2562 (2019))"),
    ("JP", "marketing-email", "email", False, "no_consent", "JP", "Act on Regulation of Transmission of Specified Electronic Mail"),
    ("JP", "phone-calls", "phone", True, "no_objection", "JP", "Act on Specified Commercial Transactions"),
    ("JP", "partner-sharing", "any", False, "no_consent", "JP", "APPI (Act on the Protection of Personal Information)"),
    ("SG", "marketing-email", "email", True, "no_objection", "SG", "Spam Control Act 2007"),
    ("SG", "marketing-sms", "sms", False, "no_consent", "SG", "PDPA (Personal Data Protection Act 2012), Do Not Call provisions"),
    ("AU", "marketing-email", "email", False, "no_consent", "AU", "Spam Act 2003"),
    ("AU", "phone-calls", "phone", True, "no_objection", "AU", "Do Not Call Register Act 2006"),
    ("SA", "surveys", "email", False, "no_consent", "STRICTEST", "Amity's strictest rule"),
    ("", "surveys", "email", False, "no_consent", "STRICTEST", "Amity's strictest rule"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("country", "purpose", "channel", "allowed", "code", "regime", "law"), CASES
)
def test_with_nothing_recorded_each_regime_answers_by_its_law(
    db, country, purpose, channel, allowed, code, regime, law
):
    given, family = NAMES[country]
    contact = make_contact(given_name=given, family_name=family, country=country)

    decision = may_contact(contact, purpose, channel)

    assert (decision.allowed, decision.code, decision.regime.code) == (allowed, code, regime)
    assert decision.rule.law == law
    assert law in decision.reason


def _record(contact, purpose, channel, status, **extra):
    return services.consent_record(
        actor=None,
        contact=contact,
        purpose=purpose,
        channel=channel,
        status=status,
        source=extra.pop("source", "form"),
        **extra,
    )


# country, purpose, channel: consent first, and a direct grant (no double opt-in) is enough
GRANT_SUFFICES = [
    ("GB", "marketing-email", "email"),
    ("US", "marketing-sms", "sms"),
    ("CA", "marketing-email", "email"),
    ("BR", "marketing-chat", "chat"),
    ("TH", "marketing-sms", "sms"),
    ("JP", "marketing-email", "email"),
    ("SG", "marketing-sms", "sms"),
    ("AU", "marketing-email", "email"),
    ("FR", "partner-sharing", "any"),
]


@pytest.mark.parametrize(("country", "purpose", "channel"), GRANT_SUFFICES)
def test_a_recorded_consent_allows_where_the_law_asks_for_one(db, country, purpose, channel):
    given, family = NAMES[country]
    contact = make_contact(given_name=given, family_name=family, country=country)

    entry = _record(contact, purpose, channel, "granted", evidence="Web form, 2026-03-01")
    decision = may_contact(contact, purpose, channel)

    assert (decision.allowed, decision.code, decision.entry) == (True, "consent", entry)


@pytest.mark.parametrize(
    ("country", "purpose", "channel"),
    [("US", "marketing-email", "email"), ("GB", "phone-calls", "phone"), ("SG", "marketing-email", "email")],
)  # fmt: skip
def test_opt_out_regimes_stop_once_the_person_objects(db, country, purpose, channel):
    given, family = NAMES[country]
    contact = make_contact(given_name=given, family_name=family, country=country)

    _record(contact, purpose, channel, "withdrawn", source="email")
    decision = may_contact(contact, purpose, channel)

    assert (decision.allowed, decision.code) == (False, "withdrawn")


def test_eu_marketing_email_asks_for_double_opt_in_after_a_direct_grant(db):
    contact = make_contact(given_name="Jürgen", family_name="Groß", country="DE")

    _record(contact, "marketing-email", "email", "granted", source="call")
    decision = may_contact(contact, "marketing-email", "email")

    assert (decision.allowed, decision.code) == (False, "not_confirmed")
    assert "double opt-in" in decision.reason


def test_an_unknown_country_asks_for_consent_and_confirmation(layla):
    _record(layla, "surveys", "email", "granted", evidence="استمارة الموقع")

    decision = may_contact(layla, "surveys", "email")

    assert decision.regime.code == "STRICTEST"
    assert (decision.allowed, decision.code) == (False, "not_confirmed")


def test_a_subdivision_override_picks_the_californian_rules(db, admin_user):
    contact = make_contact(given_name="Beatriz", family_name="Alves", country="BR")
    services.contact_jurisdiction_set(
        actor=admin_user, contact=contact, country="US", subdivision="US-CA", reason="Lives in LA"
    )

    sharing = may_contact(contact, "partner-sharing", "any")
    _record(contact, "partner-sharing", "any", "denied", source="preference_centre")
    refused = may_contact(contact, "partner-sharing", "any")

    assert (sharing.allowed, sharing.regime.code) == (True, "US-CA")
    assert sharing.rule.law == "CCPA (California Consumer Privacy Act, as amended by the CPRA)"
    assert (refused.allowed, refused.code) == (False, "denied")


def test_removing_the_override_goes_back_to_the_country(db, admin_user):
    contact = make_contact(given_name="Beatriz", family_name="Alves", country="BR")
    services.contact_jurisdiction_set(actor=admin_user, contact=contact, country="US")

    services.contact_jurisdiction_set(actor=admin_user, contact=contact, country="")

    assert may_contact(contact, "surveys", "email").regime.code == "BR"


def test_regime_lookup_by_place():
    assert regime_for(country="pl").code == "PL"
    assert regime_for(country="NO").code == "EU"  # EEA
    assert regime_for(country="US", subdivision="US-NY").code == "US"
    assert regime_for(country="US", subdivision="US-CA").code == "US-CA"
    assert regime_for(country="").code == "STRICTEST"


def test_do_not_contact_wins_over_a_consent(somchai):
    from amity.people.contracts import ContactData
    from amity.people.services import contact_update

    _record(somchai, "marketing-sms", "sms", "granted")
    contact_update(
        actor=None, actor_label="test", contact=somchai, data=ContactData(do_not_contact=True),
        fields={"do_not_contact"},
    )  # fmt: skip
    somchai.refresh_from_db()

    decision = may_contact(somchai, "marketing-sms", "sms")

    assert (decision.allowed, decision.code) == (False, "do_not_contact")


def test_a_withdrawal_for_any_channel_covers_each_channel(somchai):
    _record(somchai, "surveys", "email", "granted")
    _record(somchai, "surveys", "any", "withdrawn", source="call")

    assert may_contact(somchai, "surveys", "email").code == "withdrawn"
    assert may_contact(somchai, "surveys", "chat").code == "withdrawn"


def test_the_answer_at_an_earlier_moment_ignores_later_entries(taro):
    before = timezone.now() - timedelta(seconds=1)
    _record(taro, "marketing-email", "email", "granted")

    assert may_contact(taro, "marketing-email", "email").allowed is True
    assert may_contact(taro, "marketing-email", "email", at=before).code == "no_consent"
