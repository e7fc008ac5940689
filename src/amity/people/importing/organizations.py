"""Organization rows: found by external id, then exact name; a parent is named by its
external id or name (a row of the same file written before it counts)."""

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from django.utils.translation import gettext as _

from amity.people.contracts import OrganizationData
from amity.people.importing.checking import Checked, OrganizationChecker
from amity.people.importing.rows import OrganizationRow, RowRejected
from amity.people.importing.writing import (
    CREATED,
    UNCHANGED,
    UPDATED,
    Importer,
    normalized,
    plain,
    record_matched,
)
from amity.people.models import Organization
from amity.people.services import organization_create, organization_data, organization_update
from amity.people.validation import clean_identifier, clean_website

ORGANIZATION_ERROR_FIELDS = {
    "owner_id": {"owner"},
    "team_id": {"team"},
    "parent_id": {"parent"},
}


class OrganizationImporter(Importer):
    error_fields = ORGANIZATION_ERROR_FIELDS
    looked_up = (Organization,)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.by_external: dict[str, int] = {}
        self.by_name: dict[str, set[int]] = {}
        self.external_of: dict[int, str] = {}
        self.loaded: dict[int, Organization] = {}
        self.check = OrganizationChecker(self.directory)

    @staticmethod
    def _query(ids: Iterable[int]):
        return Organization.objects.filter(pk__in=list(ids)).prefetch_related("identifiers", "tags")

    def prepare(self, rows: list[OrganizationRow]) -> None:
        external_ids = {row.external_id for row in rows if row.external_id}
        names = {row.name for row in rows if row.name}
        self.by_external, self.by_name, self.external_of = {}, {}, {}
        found = Organization.objects.filter(external_id__in=external_ids)
        for pk, external_id in found.values_list("pk", "external_id"):
            self.by_external[external_id] = pk
        for pk, name in Organization.objects.filter(name__in=names).values_list("pk", "name"):
            self.by_name.setdefault(name, set()).add(pk)
        ids = set(self.by_external.values()).union(*self.by_name.values())
        self.loaded = {o.pk: o for o in self._query(ids)}
        for organization in self.loaded.values():
            self.external_of[organization.pk] = organization.external_id or ""

    def _organization(self, pk: int) -> Organization:
        if pk not in self.loaded:
            self.loaded[pk] = self._query([pk]).get()
        return self.loaded[pk]

    def _remember(self, organization: Organization) -> None:
        self.loaded.pop(organization.pk, None)
        if organization.external_id:
            self.by_external[organization.external_id] = organization.pk
        self.external_of[organization.pk] = organization.external_id or ""
        self.by_name.setdefault(organization.name, set()).add(organization.pk)

    def _match(self, row: OrganizationRow) -> Organization | None:
        pk = record_matched(
            external_id=row.external_id,
            by_external=self.by_external,
            candidates=set(self.by_name.get(row.name, ())),
            external_of=self.external_of,
            ambiguous=lambda: (
                "name",
                _(
                    "Several organizations are named %(name)s; give the row an external id "
                    "to say which one it is."
                )
                % {"name": row.name},
            ),
        )
        return None if pk is None else self._organization(pk)

    @staticmethod
    def _parent_id(reference: str) -> int:
        found = Organization.objects.filter(external_id=reference).values_list("pk", flat=True)
        pk = found.first()
        if pk is None:
            named = Organization.objects.filter(name=reference).order_by("pk")
            pk = named.values_list("pk", flat=True).first()
        if pk is None:
            raise RowRejected(
                [
                    (
                        "parent_id",
                        _("There is no organization with the external id or name %(ref)s.")
                        % {"ref": reference},
                    )
                ]
            )
        return pk

    def write(self, item: Checked) -> str:
        row = item.row
        organization = self._match(row)
        fields = dict(row.fields)
        if row.parent:
            fields["parent_id"] = self._parent_id(row.parent)
        if organization is None:
            organization = organization_create(
                actor=self.actor, actor_label=self.actor_label, data=OrganizationData(**fields)
            )
            self._remember(organization)
            return CREATED
        current = organization_data(organization)
        if "identifiers" in fields:
            schemes = {item.scheme: item for item in current.identifiers}
            schemes.update({item.scheme: item for item in fields["identifiers"]})
            fields["identifiers"] = tuple(schemes.values())
        if "tags" in fields:
            fields["tags"] = tuple(dict.fromkeys([*current.tags, *fields["tags"]]).keys())
        if self._unchanged(current, fields):
            return UNCHANGED
        self.loaded.pop(organization.pk, None)
        organization_update(
            actor=self.actor,
            actor_label=self.actor_label,
            organization=organization,
            data=replace(current, **fields),
            fields=set(fields),
        )
        self._remember(organization)
        return UPDATED

    @staticmethod
    def _unchanged(current: OrganizationData, fields: dict[str, Any]) -> bool:
        normalizers: dict[str, Callable[[Any], Any]] = {
            "website": clean_website,
            "subdivision": lambda value: value.strip().upper(),
            "identifiers": lambda items: sorted(
                (i.scheme, clean_identifier(i.scheme, i.value)) for i in items
            ),
        }
        for name, value in fields.items():
            normalize = normalizers.get(name, plain)
            if normalized(normalize, value) != normalized(normalize, getattr(current, name)):
                return False
        return True
