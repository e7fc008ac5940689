"""The regimes Amity knows, each with the laws it stands for and the rules it demands; the
strictest rule covers a country with none."""

from django.utils.translation import gettext_lazy as _

from amity.privacy.jurisdictions.rules import (
    ANY_CHANNEL,
    ANY_KIND,
    EMAIL,
    MARKETING,
    MESSAGES,
    OPT_IN,
    OPT_OUT,
    PROFILING,
    SHARING,
    TEXTS,
    VOICE,
    Regime,
    Rule,
)


def _rule(kinds, channels, consent, law, **extra) -> Rule:
    kinds = frozenset({kinds} if isinstance(kinds, str) else kinds)
    return Rule(kinds=kinds, channels=frozenset(channels), consent=consent, law=law, **extra)


GDPR = "GDPR (Regulation (EU) 2016/679)"
EPRIVACY = "ePrivacy Directive 2002/58/EC, Art. 13"
DOI_NOTE = _(
    "Double opt-in is Amity's way to show who gave the consent (GDPR Art. 7(1)), "
    "not a statutory requirement."
)
STRICTEST_NOTE = _(
    "No regime is known for this person's country, so the strictest rule applies: "
    "consent first, confirmed by double opt-in."
)

STRICTEST = Regime(
    code="STRICTEST",
    name=_("Unknown country: strictest rule"),
    laws=(),
    default=_rule(
        ANY_KIND,
        ANY_CHANNEL,
        OPT_IN,
        "Amity's strictest rule",
        double_opt_in=True,
        note=STRICTEST_NOTE,
    ),
)

_EU_RULES = (
    _rule(MARKETING, MESSAGES, OPT_IN, EPRIVACY, double_opt_in=True, note=DOI_NOTE),
    _rule(
        MARKETING,
        ANY_CHANNEL,
        OPT_IN,
        EPRIVACY,
        note=_("Member states choose opt-in or opt-out for marketing calls; Amity asks first."),
    ),
    _rule(SHARING, ANY_CHANNEL, OPT_IN, GDPR),
    _rule(
        PROFILING,
        ANY_CHANNEL,
        OPT_OUT,
        "GDPR Art. 21(2)",
        note=_("The person may object at any time to profiling for direct marketing."),
    ),
)
EU = Regime(
    code="EU",
    name=_("European Union and EEA (GDPR)"),
    laws=(GDPR, EPRIVACY),
    rules=_EU_RULES,
    default=_rule(ANY_KIND, ANY_CHANNEL, OPT_OUT, GDPR),
)

PL_TELECOM = (
    "Prawo telekomunikacyjne art. 172 (now Prawo komunikacji elektronicznej), "
    "ustawa o świadczeniu usług drogą elektroniczną art. 10"
)
POLAND = Regime(
    code="PL",
    name=_("Poland (GDPR/RODO and Polish telecommunications law)"),
    laws=("RODO / " + GDPR, PL_TELECOM),
    rules=(
        _rule(
            MARKETING,
            MESSAGES | VOICE,
            OPT_IN,
            "RODO, " + PL_TELECOM,
            double_opt_in=True,
            note=DOI_NOTE,
        ),
        *_EU_RULES[2:],
    ),
    default=_rule(ANY_KIND, ANY_CHANNEL, OPT_OUT, "RODO / " + GDPR),
)

PECR = "PECR (Privacy and Electronic Communications Regulations 2003)"
UK = Regime(
    code="GB",
    name=_("United Kingdom (UK GDPR and PECR)"),
    laws=("UK GDPR", "Data Protection Act 2018", PECR),
    rules=(
        _rule(MARKETING, MESSAGES, OPT_IN, PECR + ", regulation 22"),
        _rule(
            MARKETING,
            VOICE,
            OPT_OUT,
            PECR,
            note=_(
                "Live marketing calls are allowed unless the person objected; numbers on the "
                "Telephone Preference Service must also be screened, which Amity cannot do "
                "offline."
            ),
        ),
        _rule(SHARING, ANY_CHANNEL, OPT_IN, "UK GDPR"),
    ),
    default=_rule(ANY_KIND, ANY_CHANNEL, OPT_OUT, "UK GDPR"),
)

TCPA = "TCPA (Telephone Consumer Protection Act of 1991)"
CAN_SPAM = "CAN-SPAM Act of 2003"
_US_RULES = (
    _rule(MARKETING, EMAIL, OPT_OUT, CAN_SPAM),
    _rule(
        MARKETING,
        VOICE | {"sms"},
        OPT_IN,
        TCPA,
        note=_("Marketing calls and texts need the person's prior express consent."),
    ),
    _rule(
        MARKETING,
        {"chat"},
        OPT_IN,
        "Amity's rule (no federal statute)",
        note=_("No federal law covers chat marketing; Amity asks first."),
    ),
)
US = Regime(
    code="US",
    name=_("United States (CAN-SPAM and TCPA)"),
    laws=(CAN_SPAM, TCPA),
    rules=_US_RULES,
    default=_rule(ANY_KIND, ANY_CHANNEL, OPT_OUT, "No general federal privacy law"),
)
CCPA = "CCPA (California Consumer Privacy Act, as amended by the CPRA)"
US_CALIFORNIA = Regime(
    code="US-CA",
    name=_("California (CCPA, CAN-SPAM and TCPA)"),
    laws=(CAN_SPAM, TCPA, CCPA),
    rules=(
        *_US_RULES,
        _rule(
            {SHARING, PROFILING},
            ANY_CHANNEL,
            OPT_OUT,
            CCPA,
            note=_("Californians may opt out of the sale or sharing of their personal data."),
        ),
    ),
    default=_rule(ANY_KIND, ANY_CHANNEL, OPT_OUT, CCPA),
)

CASL = "CASL (Canada's Anti-Spam Legislation, S.C. 2010, c. 23)"
PIPEDA = "PIPEDA"
CANADA = Regime(
    code="CA",
    name=_("Canada (CASL and PIPEDA)"),
    laws=(CASL, PIPEDA),
    rules=(
        _rule(
            MARKETING,
            MESSAGES,
            OPT_IN,
            CASL,
            note=_(
                "Express or implied consent (for example a purchase in the last two years); "
                "record implied consent as a grant with its evidence."
            ),
        ),
        _rule(
            MARKETING,
            VOICE,
            OPT_OUT,
            "CRTC Unsolicited Telecommunications Rules",
            note=_("Numbers on the National Do Not Call List must also be screened."),
        ),
        _rule(SHARING, ANY_CHANNEL, OPT_IN, PIPEDA),
    ),
    default=_rule(ANY_KIND, ANY_CHANNEL, OPT_OUT, PIPEDA),
)

LGPD = "LGPD (Lei Geral de Proteção de Dados Pessoais, Lei nº 13.709/2018)"
BRAZIL = Regime(
    code="BR",
    name=_("Brazil (LGPD)"),
    laws=(LGPD,),
    rules=(
        _rule(
            MARKETING,
            MESSAGES,
            OPT_IN,
            LGPD,
            note=_(
                "LGPD also allows legitimate interest after an assessment; Amity asks for consent."
            ),
        ),
        _rule(
            MARKETING,
            VOICE,
            OPT_OUT,
            LGPD,
            note=_("Numbers on the Não Me Perturbe list must also be screened."),
        ),
        _rule(SHARING, ANY_CHANNEL, OPT_IN, LGPD),
    ),
    default=_rule(ANY_KIND, ANY_CHANNEL, OPT_OUT, LGPD),
)

PDPA_TH = "PDPA (Personal Data Protection Act B.E. 2562 (2019))"
THAILAND = Regime(
    code="TH",
    name=_("Thailand (PDPA)"),
    laws=(PDPA_TH,),
    rules=(_rule({MARKETING, SHARING, PROFILING}, ANY_CHANNEL, OPT_IN, PDPA_TH),),
    default=_rule(ANY_KIND, ANY_CHANNEL, OPT_OUT, PDPA_TH),
)

APPI = "APPI (Act on the Protection of Personal Information)"
SPECIFIED_MAIL = "Act on Regulation of Transmission of Specified Electronic Mail"
JAPAN = Regime(
    code="JP",
    name=_("Japan (APPI and the Specified Electronic Mail Act)"),
    laws=(APPI, SPECIFIED_MAIL, "Act on Specified Commercial Transactions"),
    rules=(
        _rule(MARKETING, {"email", "sms"}, OPT_IN, SPECIFIED_MAIL),
        _rule(
            MARKETING,
            VOICE,
            OPT_OUT,
            "Act on Specified Commercial Transactions",
            note=_("A person who declined a sales call may not be called again."),
        ),
        _rule(SHARING, ANY_CHANNEL, OPT_IN, APPI),
        _rule(MARKETING, {"chat"}, OPT_IN, "Amity's rule", note=_("Amity asks first.")),
    ),
    default=_rule(ANY_KIND, ANY_CHANNEL, OPT_OUT, APPI),
)

PDPA_SG = "PDPA (Personal Data Protection Act 2012)"
SPAM_CONTROL = "Spam Control Act 2007"
SINGAPORE = Regime(
    code="SG",
    name=_("Singapore (PDPA, Do Not Call Registry, Spam Control Act)"),
    laws=(PDPA_SG, SPAM_CONTROL),
    rules=(
        _rule(
            MARKETING,
            EMAIL,
            OPT_OUT,
            SPAM_CONTROL,
            note=_("Unsolicited commercial email needs an unsubscribe facility."),
        ),
        _rule(
            MARKETING,
            VOICE | TEXTS,
            OPT_IN,
            PDPA_SG + ", Do Not Call provisions",
            note=_(
                "Without clear consent the Do Not Call Registry must be checked, which Amity "
                "cannot do offline; it asks for consent instead."
            ),
        ),
        _rule(SHARING, ANY_CHANNEL, OPT_IN, PDPA_SG),
    ),
    default=_rule(ANY_KIND, ANY_CHANNEL, OPT_OUT, PDPA_SG),
)

SPAM_ACT = "Spam Act 2003"
AUSTRALIA = Regime(
    code="AU",
    name=_("Australia (Spam Act and Privacy Act)"),
    laws=(SPAM_ACT, "Do Not Call Register Act 2006", "Privacy Act 1988"),
    rules=(
        _rule(
            MARKETING,
            MESSAGES,
            OPT_IN,
            SPAM_ACT,
            note=_("Commercial electronic messages need express or inferred consent."),
        ),
        _rule(
            MARKETING,
            VOICE,
            OPT_OUT,
            "Do Not Call Register Act 2006",
            note=_("Numbers on the Do Not Call Register must also be screened."),
        ),
        _rule(SHARING, ANY_CHANNEL, OPT_IN, "Privacy Act 1988"),
    ),
    default=_rule(
        ANY_KIND, ANY_CHANNEL, OPT_OUT, "Privacy Act 1988, Australian Privacy Principle 7"
    ),
)
