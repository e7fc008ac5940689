"""The extension kit: one registry of record kinds (docs/adr/0017, docs/development/
adding-a-record-kind.md).

Each app registers its kinds (contact, organization, interaction; later ticket, order, survey
response, deal, ...) once, in its ``AppConfig.ready``, with everything other apps need to show
or handle a record of that kind. Lower apps iterate over what is registered (the audit trail
names and links its subjects, search lists its kinds, merging moves every kind's rows,
privacy exports and erases every kind's part, the navigation lists the kinds' pages) and never
name a higher app.

A kind's parts are optional: a kind that is not searched has no ``search``; a kind that does
not hold personal data has no ``personal_data`` (the registry test fails when a model linked
to a contact or an organization belongs to an app that registered no export, erasure and
merge parts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from amity.core.erasure_hooks import PersonalDataPart

# merge(kind, keep_id, merged_id): move what this kind holds about the merged record of
# ``kind`` ("contact" or "organization") onto the kept one, inside the merge's transaction.
MergeHook = Callable[[str, int, int], None]


@dataclass(frozen=True)
class NavigationEntry:
    """A main-menu item: ``key`` also marks the pages named ``<key>_...`` as current."""

    key: str
    label: Any  # lazy translated
    url_name: str
    order: int
    # The permission action (amity.core.permissions.Action) a user needs to see it; "" = all.
    action: str = ""
    # The pages (url names) where it shows as current; none: those named ``key`` or
    # ``<key>_...``.
    pages: tuple[str, ...] = ()

    def is_current(self, url_name: str) -> bool:
        if self.pages:
            return url_name in self.pages
        return url_name == self.key or url_name.startswith(f"{self.key}_")


@dataclass(frozen=True)
class RecordKind:
    key: str  # "contact": the events' and the audit trail's subject kind, the search kind
    app: str  # the registering app's label ("people")
    label: Any  # lazy translated, singular
    plural_label: Any
    # The record's page, taking its id; "" when it has none.
    detail_url_name: str = ""
    # get_visible(user, id): the record if this user may see it; raises NotFound (404 at
    # the edges) both for a missing id and for a record hidden from the user.
    get_visible: Callable[[Any, int], Any] | None = None
    # visible_ids(user, ids): those of ``ids`` the user may see (one query), for lists that
    # mix kinds (search hits).
    visible_ids: Callable[[Any, list[int]], set[int]] | None = None
    # Models of the kind, "app_label.ModelName" (the rows export, erasure and merge cover).
    models: tuple[str, ...] = ()
    # Searched by the global search box and /api/v1/search (documents under ``key``).
    searchable: bool = False
    # The template of its timeline entries' own part, after the title and the time the panel
    # shows for every entry ({{ entry }} in context, amity.interactions.timeline); "": the
    # panel's generic part (who did it and the summary).
    timeline_template: str = ""
    personal_data: PersonalDataPart | None = None
    merge: MergeHook | None = None
    # Segment rule fields the kind contributes (people.rule_fields.SegmentField instances).
    segment_fields: tuple[Any, ...] = ()
    navigation: NavigationEntry | None = None
    # Permission actions (amity.core.permissions.Action) that read and write the kind.
    read_action: str = ""
    write_action: str = ""
    # Extra labels for the same subject in the audit trail (bulk: "contacts").
    audit_aliases: tuple[str, ...] = field(default_factory=tuple)

    def url(self, record_id: int) -> str:
        return reverse(self.detail_url_name, args=[record_id]) if self.detail_url_name else ""


_kinds: dict[str, RecordKind] = {}
_navigation: dict[str, NavigationEntry] = {}


def record_kind_register(kind: RecordKind) -> None:
    """Register (or replace, on a reloaded app config) a record kind."""
    _kinds[kind.key] = kind
    if kind.navigation is not None:
        navigation_register(kind.navigation)


def navigation_register(entry: NavigationEntry) -> None:
    """A main-menu item that is not a record kind's list (home, segments, teams, ...)."""
    _navigation[entry.key] = entry


def record_kinds() -> list[RecordKind]:
    """Every registered kind, in registration order (apps' order in INSTALLED_APPS)."""
    return list(_kinds.values())


def record_kind(key: str) -> RecordKind | None:
    """The kind registered under ``key`` (also an audit alias such as "contacts"), or None."""
    if key in _kinds:
        return _kinds[key]
    return next((kind for kind in _kinds.values() if key in kind.audit_aliases), None)


def searchable_kinds() -> list[str]:
    return [kind.key for kind in _kinds.values() if kind.searchable]


def audit_subject_kinds() -> tuple[str, ...]:
    """The subject kinds the audit trail keeps: every kind's key and its aliases."""
    keys: list[str] = []
    for kind in _kinds.values():
        keys += [kind.key, *kind.audit_aliases]
    return tuple(keys)


def navigation_entries() -> list[NavigationEntry]:
    return sorted(_navigation.values(), key=lambda entry: (entry.order, entry.key))


def merge_hooks() -> list[MergeHook]:
    return [kind.merge for kind in _kinds.values() if kind.merge is not None]


def personal_data_parts() -> list[PersonalDataPart]:
    return [kind.personal_data for kind in _kinds.values() if kind.personal_data is not None]


def timeline_template(key: str) -> str:
    """The template of the timeline entries of kind ``key``; "" when none is registered."""
    kind = _kinds.get(key)
    return kind.timeline_template if kind is not None else ""
