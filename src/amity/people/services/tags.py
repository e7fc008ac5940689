"""Tags on contacts and organizations: the names as given, cleaned, and their rows."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from amity.core.errors import DomainError
from amity.people.models import Tag


def tag_names_clean(names: Iterable[object]) -> list[str]:
    """The tag names trimmed, blanks and repeats left out (DomainError when one is too long)."""
    cleaned = []
    for name in names:
        name = str(name).strip()
        if len(name) > 80:
            raise DomainError(_("A tag has at most 80 characters."), field="tags")
        if name and name not in cleaned:
            cleaned.append(name)
    return cleaned


def tags_get(cleaned: list[str]) -> list[Tag]:
    """The Tag rows of these names, created when new (call inside the write's transaction)."""
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=cleaned)}
    for name in cleaned:
        if name not in existing:
            existing[name], _created = Tag.objects.get_or_create(name=name)
    return [existing[name] for name in cleaned]
