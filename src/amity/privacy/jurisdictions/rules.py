"""What a privacy regime is: rules matched in order on the purpose's kind and the channel,
the first match winning and the regime's default covering the rest."""

from dataclasses import dataclass, field

from django.utils.functional import Promise

OPT_IN = "opt_in"
OPT_OUT = "opt_out"

# Purpose kinds (``Purpose.kind``): rules match on these, so a purpose an admin adds is covered.
MARKETING = "marketing"
RESEARCH = "research"
PROFILING = "profiling"
SHARING = "sharing"
SERVICE = "service"
ANY_KIND = "*"

# Channel groups: electronic messages, voice, everything else.
MESSAGES = frozenset({"email", "sms", "chat"})
EMAIL = frozenset({"email"})
TEXTS = frozenset({"sms", "chat"})
VOICE = frozenset({"phone", "video"})
ANY_CHANNEL = frozenset()  # empty: every channel


@dataclass(frozen=True)
class Rule:
    """What a regime demands for some purposes on some channels."""

    kinds: frozenset[str]
    channels: frozenset[str]
    consent: str  # OPT_IN: a granted consent first; OPT_OUT: allowed unless the person objects
    law: str  # the law's name as people cite it (not translated)
    double_opt_in: bool = False
    records: bool = True  # keep evidence of the consent (who, when, wording, source)
    note: str | Promise = ""

    def matches(self, kind: str, channel: str) -> bool:
        kind_ok = ANY_KIND in self.kinds or kind in self.kinds
        return kind_ok and (not self.channels or channel in self.channels)

    @property
    def opt_in(self) -> bool:
        return self.consent == OPT_IN


@dataclass(frozen=True)
class Regime:
    code: str
    name: str | Promise
    laws: tuple[str, ...]
    default: Rule
    rules: tuple[Rule, ...] = field(default=())

    def rule_for(self, kind: str, channel: str) -> Rule:
        """The first rule that covers this kind of purpose on this channel, else the default."""
        return next((r for r in self.rules if r.matches(kind, channel)), self.default)
