"""Writes for consent. The ledger row each service writes is its event: who recorded what,
when, from which source, with which evidence and wording. There is no update or delete.

Callers use this package as one module (``from amity.privacy import services``); its parts:
``ledger`` (recording consent, the merge hook), ``double_opt_in`` (the emailed confirmation
link), ``jurisdiction_overrides``, ``purposes``, and ``cleaning`` (what they share in reading
their arguments)."""

from amity.privacy.services.double_opt_in import (
    confirmation_url,
    double_opt_in_confirm,
    double_opt_in_pending,
    double_opt_in_request,
)
from amity.privacy.services.jurisdiction_overrides import contact_jurisdiction_set
from amity.privacy.services.ledger import consent_record, consents_move
from amity.privacy.services.purposes import purpose_create

__all__ = [
    "confirmation_url",
    "consent_record",
    "consents_move",
    "contact_jurisdiction_set",
    "double_opt_in_confirm",
    "double_opt_in_pending",
    "double_opt_in_request",
    "purpose_create",
]
