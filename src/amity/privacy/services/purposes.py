"""Purposes (admins): what consent is asked for, of which kind, on which channels, named in
each language."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from amity.accounts.models import User
from amity.core.actors import as_actor
from amity.core.errors import Conflict, DomainError
from amity.core.events import publish
from amity.core.permissions import Action, require
from amity.privacy import selectors
from amity.privacy.events import PurposeCreated
from amity.privacy.models import Purpose, PurposeTranslation
from amity.privacy.services.cleaning import clean_choice, clean_language, clean_text


def purpose_create(
    *,
    actor: User | None,
    slug: str,
    name: str,
    kind: str,
    channels: list[str] | tuple[str, ...] = (),
    description: str = "",
    translations: dict[str, str] | None = None,
) -> Purpose:
    """Add a purpose (admins): a new slug, a kind that decides the rules, its channels and its
    name in other languages ({"th": "...", "pl": "..."})."""
    if actor is not None:
        require(actor, Action.MANAGE_SETTINGS)
    slug = (slug or "").strip().lower()
    if (
        not slug
        or len(slug) > 50
        or not all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    ):
        raise DomainError(
            _("A slug is lower-case letters, digits and dashes, at most 50 (e.g. event-invites)."),
            field="slug",
        )
    name = clean_text(name, "name", 120)
    if not name:
        raise DomainError(_("A purpose needs a name."), field="name")
    kind = clean_choice(kind, Purpose.Kind, "kind")
    cleaned = [selectors.clean_channel(c) for c in channels]
    names = {
        clean_language(tag): clean_text(text, "translations", 120)
        for tag, text in (translations or {}).items()
    }
    try:
        with transaction.atomic():
            purpose = Purpose.objects.create(
                slug=slug,
                name=name,
                kind=kind,
                channels=[c for c in cleaned if c != "any"],
                description=clean_text(description, "description", 2000),
            )
            PurposeTranslation.objects.bulk_create(
                PurposeTranslation(purpose=purpose, language=tag, name=text)
                for tag, text in names.items()
                if tag and text
            )
            publish(PurposeCreated(actor=as_actor(actor), slug=slug))
    except IntegrityError:
        raise Conflict(
            _("A purpose called %(slug)s already exists.") % {"slug": slug}, field="slug"
        ) from None
    return purpose
