"""What every page form does: labels without a trailing colon, a service's errors on the field
they name, and repeated rows (roles, identifiers) within reason."""

from django import forms

from amity.core.errors import DomainError

MAX_ROWS = 50


class PageForm(forms.Form):
    """Labels without a trailing colon, as on the other pages."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DomainErrorsMixin:
    """Puts a service's DomainError on the field it names; ``error_fields`` maps the
    contract's field names to this form's, groups of rows to ``group_errors``."""

    error_fields: dict[str, str] = {}
    groups: tuple[str, ...] = ()

    def show_error(self, error: DomainError) -> None:
        field = self.error_fields.get(error.field or "", error.field or "")
        if field in self.groups:
            self.group_errors.setdefault(field, []).append(error.message)
        elif field in self.fields:
            self.add_error(field, error.message)
        else:
            self.add_error(None, error.message)

    def _row_count(self, name: str, default: int) -> int:
        """How many repeated rows (roles, identifiers) the page sent, within reason."""
        if not self.is_bound:
            return default
        try:
            return min(MAX_ROWS, max(0, int(self.data.get(name, default))))
        except ValueError:
            return default

    @property
    def group_errors(self) -> dict[str, list[str]]:
        if not hasattr(self, "_group_errors"):
            self._group_errors: dict[str, list[str]] = {}
        return self._group_errors
