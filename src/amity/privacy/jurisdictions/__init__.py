"""Which privacy regime applies to a person, and what it demands before we contact them.

The rules are data: each ``Regime`` lists ``Rule`` rows matched in order on the purpose's kind
and the channel; the first match wins and ``Regime.default`` covers the rest. A regime names
the laws it stands for; each rule cites the law it follows, by name only (article numbers
appear only where the text is certain). Where a law leaves a choice to the sender or to
member states, Amity takes the stricter side and says so in the rule's ``note``.

Double opt-in is never a statute here; where a rule asks for it, it is how the sender can
show the consent was given by the address's owner (GDPR Art. 7(1): the controller must be
able to demonstrate consent). Registries (TPS, DNC lists) cannot be checked offline; rules
that depend on them say so.

The rules' vocabulary is ``rules``, the regimes themselves ``regimes``; this module says
which regime applies where.
"""

from amity.privacy.jurisdictions.regimes import (
    AUSTRALIA,
    BRAZIL,
    CANADA,
    EU,
    JAPAN,
    POLAND,
    SINGAPORE,
    STRICTEST,
    THAILAND,
    UK,
    US,
    US_CALIFORNIA,
)
from amity.privacy.jurisdictions.rules import Regime

# EU member states and the EEA states that apply the GDPR (Iceland, Liechtenstein, Norway).
EEA = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
    ]
)
BY_COUNTRY: dict[str, Regime] = {
    **dict.fromkeys(EEA, EU),
    "PL": POLAND,
    "GB": UK,
    "US": US,
    "CA": CANADA,
    "BR": BRAZIL,
    "TH": THAILAND,
    "JP": JAPAN,
    "SG": SINGAPORE,
    "AU": AUSTRALIA,
}
BY_SUBDIVISION: dict[str, Regime] = {"US-CA": US_CALIFORNIA}

REGIMES: tuple[Regime, ...] = (
    EU,
    POLAND,
    UK,
    US,
    US_CALIFORNIA,
    CANADA,
    BRAZIL,
    THAILAND,
    JAPAN,
    SINGAPORE,
    AUSTRALIA,
    STRICTEST,
)


def regime_for(*, country: str, subdivision: str = "") -> Regime:
    """The regime of a place: the subdivision's own, else the country's, else the strictest."""
    country = (country or "").upper()
    subdivision = (subdivision or "").upper()
    if subdivision in BY_SUBDIVISION:
        return BY_SUBDIVISION[subdivision]
    return BY_COUNTRY.get(country, STRICTEST)
