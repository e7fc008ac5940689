"""The REST API: one NinjaAPI instance; each app's router is mounted under /api/v1/."""

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext
from ninja import NinjaAPI, Schema

from amity import __version__
from amity.accounts.api import router as accounts_router
from amity.accounts.api_auth import BrowserSessionAuth, TokenAuth
from amity.accounts.visibility_api import router as visibility_router
from amity.core.api_errors import install_error_handlers
from amity.culture.api import router as countries_router
from amity.interactions.api import router as interactions_router
from amity.interactions.meetings_api import router as meetings_router
from amity.people.api import router as people_router
from amity.people.culture_api import router as culture_router
from amity.people.custom_fields_api import router as custom_fields_router
from amity.people.guidance_api import router as guidance_router
from amity.people.search_api import router as search_router
from amity.people.segments_api import router as segments_router
from amity.privacy.api import router as privacy_router
from amity.privacy.audit_api import router as audit_router
from amity.privacy.dsr_api import router as dsr_router
from amity.web.access import router as access_router

api = NinjaAPI(
    title="Amity API",
    version=__version__,
    description=(
        "REST API of Amity. Authenticate with a personal API token: "
        "`Authorization: Bearer amt_...` (create one under Settings > API tokens). "
        'Errors are `{"detail": ..., "code": ...}` with a 4xx status.'
    ),
    auth=[TokenAuth(), BrowserSessionAuth()],
    urls_namespace="api",
)
install_error_handlers(api)


class Health(Schema):
    status: str
    version: str


@api.get("/health", auth=None, response=Health, tags=["system"])
def health(request: HttpRequest):
    """Liveness probe; needs no authentication."""
    return {"status": "ok", "version": __version__}


api.add_router("/", accounts_router)
api.add_router("/", people_router)
api.add_router("/", interactions_router)
api.add_router("/", meetings_router)
api.add_router("/", segments_router)
api.add_router("/", custom_fields_router)
api.add_router("/", guidance_router)
api.add_router("/", countries_router)
api.add_router("/", privacy_router)
api.add_router("/", audit_router)
api.add_router("/", dsr_router)
api.add_router("/", culture_router)
api.add_router("/", search_router)
api.add_router("/", access_router)
api.add_router("/", visibility_router)


def unknown_endpoint(request: HttpRequest) -> JsonResponse:
    """Any path under /api/ that no endpoint answers: a JSON 404, never an HTML page."""
    return JsonResponse(
        {"detail": gettext("No API endpoint at this address."), "code": "not_found"}, status=404
    )
