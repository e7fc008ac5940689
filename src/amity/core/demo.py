"""One demo loader to which every domain app contributes its part.

Apps register a contributor in their ``AppConfig.ready``; ``load_demo`` runs them in order,
each receiving the options and the results of the earlier ones (e.g. users for owners).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

Contributor = Callable[["DemoContext"], None]


@dataclass
class DemoContext:
    contacts: int = 1_000
    seed: int = 2026
    created: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    progress: Callable[[str], None] = print


_contributors: list[tuple[int, str, Contributor]] = []


def register(order: int, name: str, contributor: Contributor) -> None:
    """Add a contributor; lower ``order`` runs first. Registering a name twice replaces it."""
    _contributors[:] = [c for c in _contributors if c[1] != name]
    _contributors.append((order, name, contributor))
    _contributors.sort(key=lambda c: (c[0], c[1]))


def load_demo(context: DemoContext) -> DemoContext:
    """Load every app's demo data in one transaction, so a failure leaves nothing half-loaded."""
    with transaction.atomic():
        for _order, name, contributor in _contributors:
            context.progress(name)
            contributor(context)
    return context


def database_is_empty() -> bool:
    """True when nobody but the installer's administrator exists yet."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.count() <= 1
