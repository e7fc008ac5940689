"""The partial update every update service shares: a record changes to what a contract (a
frozen dataclass) says, all of it or only the fields named (an API PATCH, the cells an import
changes), validated on a fresh copy of the record so that a refused change leaves the caller's
instance as it was."""

from collections.abc import Callable
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from django.db.models import Model
from django.utils.translation import gettext as _

from amity.core.errors import DomainError

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


class PartialUpdate[M: Model, D: DataclassInstance]:
    """One change of ``record`` to ``data``. ``fields`` limits it to those fields (the others
    keep their stored values, read with ``stored``); an unknown field name is refused here.
    The service validates and saves ``working``, a fresh copy of the record, then calls
    ``done()``, which copies the saved columns back onto the caller's instance."""

    def __init__(
        self, record: M, data: D, fields: set[str] | None, *, stored: Callable[[M], D]
    ) -> None:
        if fields is not None and (unknown := fields - {f.name for f in dataclass_fields(data)}):
            raise DomainError(_("Unknown field %(field)s.") % {"field": min(unknown)})
        self.record = record
        self.fields = fields
        self._given = data
        self._stored = stored

    @cached_property
    def before(self) -> D:
        """The record as stored, as data (read once, the first time it is asked for)."""
        return self._stored(self.record)

    @cached_property
    def data(self) -> D:
        """What to validate: the given fields over the stored record, or all that was given
        when no fields are named (the stored record is then not read for it)."""
        if self.fields is None:
            return self._given
        return replace(self.before, **{name: getattr(self._given, name) for name in self.fields})

    @cached_property
    def working(self) -> M:
        """A fresh copy of the record from the database: what the change is validated into
        and saved from."""
        return type(self.record)._default_manager.get(pk=self.record.pk)

    def changed(self, after: D | None = None) -> list[str]:
        """The names of the fields whose value ``after`` (by default ``data``) changes, sorted."""
        after = self.data if after is None else after
        return sorted(
            f.name
            for f in dataclass_fields(after)
            if getattr(self.before, f.name) != getattr(after, f.name)
        )

    def done(self) -> M:
        """Copy the saved record's columns onto the caller's instance (its prefetched related
        rows are dropped: they may be stale) and return that instance."""
        for field in self.working._meta.concrete_fields:
            setattr(self.record, field.attname, getattr(self.working, field.attname))
        self.record.__dict__.pop("_prefetched_objects_cache", None)
        return self.record
