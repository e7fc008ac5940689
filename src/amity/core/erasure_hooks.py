"""How a record kind takes part in a data-subject request without the privacy app importing
its app (privacy and interactions sit side by side; people must not import privacy).

A kind's ``personal_data`` part (``amity.core.records``) has two functions:
``export(contact_id)`` returns plain JSON data of what it holds about the person,
``erase(contact_id, needles)`` anonymizes it inside the caller's transaction and returns how
many rows it touched.
``needles`` are the person's names, addresses and numbers, for redacting text shared with
others. Privacy's export and erasure call every registered kind's part.

For retention a part may also answer ``active_since(cutoff)`` (a queryset of the ids of
contacts with activity after ``cutoff``) and ``expire_text(cutoff, contact_ids, dry_run)`` (blank
the free text of records older than ``cutoff`` about those contacts; returns how many).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

REDACTED = "[…]"


@dataclass(frozen=True)
class PersonalDataPart:
    name: str
    export: Callable[[int], Any]
    erase: Callable[[int, tuple[str, ...]], int]
    # Tables the part writes to, vacuumed after an erasure on PostgreSQL.
    tables: tuple[str, ...] = ()
    active_since: Callable[[Any], Any] | None = None
    expire_text: Callable[[Any, Any, bool], int] | None = None


def redact(text: str, needles: Iterable[str]) -> str:
    """``text`` with every occurrence of each needle (case-insensitive, longest first, so a
    full name goes before its given name) replaced by a neutral mark."""
    if not text:
        return text
    for needle in sorted({n for n in needles if n and len(n) >= 2}, key=len, reverse=True):
        text = re.sub(re.escape(needle), REDACTED, text, flags=re.IGNORECASE)
    return text
