"""GET /search: the search box for programs. Contacts and organizations matching any part of a
name, email, phone or identifier, in any script, best first, for type-ahead."""

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from amity.core import search
from amity.core.api_schemas import Text
from amity.core.errors import DomainError
from amity.core.permissions import Action, require
from amity.core.records import searchable_kinds
from amity.people import selectors

router = Router(tags=["search"])

DEFAULT_HITS = 20
MAX_HITS = 50


class SearchQuery(Schema):
    q: Text = Field(
        max_length=search.MAX_QUERY_LENGTH,
        description=(
            "Any part of a name (any script, accents and case ignored, inside Thai words too,"
            " romanized forms), an email or a phone number in any notation. A whole email or"
            " international phone number that a contact has exactly finds that contact alone."
        ),
    )
    kinds: Text = Field(
        "", max_length=100, description="Comma-separated: contact, organization (default: both)."
    )
    limit: int = Field(DEFAULT_HITS, ge=1, le=MAX_HITS)


class SearchHit(Schema):
    kind: str = Field(description="contact or organization")
    id: int
    label: str = Field(description="The record's name as written.")
    detail: str = Field(description="What tells it apart: an organization, an email, a city.")


class SearchResult(Schema):
    items: list[SearchHit]


def _kinds(value: str) -> list[str]:
    known = searchable_kinds()
    chosen = [kind.strip() for kind in value.split(",") if kind.strip()]
    unknown = [kind for kind in chosen if kind not in known]
    if unknown:
        raise DomainError(
            _("Unknown kind %(kind)s; use %(kinds)s.")
            % {"kind": unknown[0], "kinds": ", ".join(known)},
            field="kinds",
        )
    return chosen or known


@router.get("/search", response=SearchResult)
def search_records(request, params: Query[SearchQuery]):
    """Records matching every word of `q`, best first (names that start with it), at most
    `limit`: what the search box shows while someone types. Only records the caller may see."""
    require(request.auth, Action.VIEW_RECORDS)
    if not params.q.strip():
        raise DomainError(_("Type something to search for."), code="required", field="q")
    hits = selectors.search_hits(
        params.q, kinds=_kinds(params.kinds), limit=params.limit, user=request.auth
    )
    return {
        "items": [
            {"kind": hit.kind, "id": hit.object_id, "label": hit.title, "detail": hit.subtitle}
            for hit in hits
        ]
    }
