"""How the privacy services read what they are given: text within a limit, one of a set of
choices, a language tag, a purpose by its slug. Each refusal is a DomainError naming the field."""

from django.db.models import TextChoices
from django.utils.translation import gettext as _

from amity.core.errors import DomainError
from amity.people.localities import language_tag_normalize
from amity.privacy import selectors
from amity.privacy.models import Purpose


def clean_text(value: str, field: str, limit: int) -> str:
    """The text trimmed; refused when it holds a NUL or is longer than ``limit``."""
    value = (value or "").strip()
    if "\x00" in value:
        raise DomainError(_("Text may not contain NUL characters."), field=field)
    if len(value) > limit:
        raise DomainError(_("At most %(limit)s characters.") % {"limit": limit}, field=field)
    return value


def clean_choice(value: str, choices: type[TextChoices], field: str) -> str:
    """One of ``choices`` (any case); refused, with the known values, when it is not."""
    value = (value or "").strip().lower()
    if value not in choices.values or not value:
        raise DomainError(
            _("%(value)s is not a valid %(field)s; use one of: %(known)s.")
            % {
                "value": value or "''",
                "field": field,
                "known": ", ".join(v for v in choices.values if v),
            },
            code=f"invalid_{field}",
            field=field,
        )
    return value


def clean_language(tag: str) -> str:
    """A BCP 47 language tag, normalized ("" for none)."""
    if not (tag or "").strip():
        return ""
    try:
        return language_tag_normalize(tag)
    except ValueError:
        raise DomainError(
            _("%(tag)s is not a BCP 47 language tag (for example pl or th-TH).") % {"tag": tag},
            field="wording_language",
        ) from None


def purpose_of(purpose: Purpose | str) -> Purpose:
    """The purpose itself, or the one with this slug (refused, naming the known slugs, when
    there is none)."""
    return selectors.purpose_get(purpose) if isinstance(purpose, str) else purpose
