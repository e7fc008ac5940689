"""What callers hand to the interaction services."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class InteractionData:
    channel: str
    occurred_at: datetime
    direction: str = "outbound"
    subject: str = ""
    body: str = ""
    language: str = ""
    duration: timedelta | None = None
    outcome: str = ""
    follow_up_on: date | None = None
    organization_id: int | None = None
    contact_ids: tuple[int, ...] = ()
    user_ids: tuple[int, ...] = ()
    external_id: str = ""
    confidential: bool = False  # the body is stored encrypted (interactions.confidential)
