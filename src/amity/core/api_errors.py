"""One shape for every API error: ``{"detail": ..., "code": ...}`` with a 4xx status."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from amity.core.errors import Conflict, DomainError, NotFound, Refused
from amity.core.permissions import InsufficientScope, PermissionDenied

STATUS_ERRORS = {
    400: ("bad_request", gettext_lazy("The request could not be read.")),
    401: ("not_authenticated", gettext_lazy("Authentication required.")),
    403: ("permission_denied", gettext_lazy("You may not do this.")),
    404: ("not_found", gettext_lazy("Not found.")),
    405: ("method_not_allowed", gettext_lazy("This method is not allowed here.")),
    413: ("too_large", gettext_lazy("The request is too large.")),
    415: ("unsupported_media_type", gettext_lazy("Send the body as JSON.")),
}
DEFAULT_ERROR = ("error", gettext_lazy("The request failed."))


def _problem(api: NinjaAPI, request: HttpRequest, status: int, detail, code: str, **extra):
    return api.create_response(request, {"detail": detail, "code": code, **extra}, status=status)


def _describe_validation(errors: list[dict]) -> list[dict]:
    described = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", []) if part not in ("body", "payload")]
        described.append({"field": ".".join(loc), "message": error.get("msg", "")})
    return described


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError) -> HttpResponse:
        return _problem(
            api,
            request,
            422,
            _("The request is not valid."),
            "invalid",
            errors=_describe_validation(exc.errors),
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc) -> HttpResponse:
        response = _problem(
            api,
            request,
            401,
            _("Authentication required: send an API token as 'Authorization: Bearer <token>'."),
            "not_authenticated",
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc: PermissionDenied) -> HttpResponse:
        return _problem(
            api,
            request,
            403,
            _("Your role does not allow this action (%(action)s).") % {"action": exc.action},
            "permission_denied",
        )

    @api.exception_handler(InsufficientScope)
    def insufficient_scope(request, exc: InsufficientScope) -> HttpResponse:
        return _problem(
            api,
            request,
            403,
            _("This API token lacks the %(scope)s scope needed for this action (%(action)s).")
            % {"scope": exc.scope, "action": exc.action},
            "insufficient_scope",
            scope=exc.scope,
        )

    @api.exception_handler(NotFound)
    @api.exception_handler(Http404)
    def not_found(request, exc) -> HttpResponse:
        detail = exc.message if isinstance(exc, NotFound) else _("Not found.")
        return _problem(api, request, 404, detail, "not_found")

    @api.exception_handler(Conflict)
    def conflict(request, exc: Conflict) -> HttpResponse:
        return _problem(api, request, 409, exc.message, exc.code, field=exc.field)

    @api.exception_handler(Refused)
    def refused(request, exc: Refused) -> HttpResponse:
        return _problem(api, request, 403, exc.message, exc.code)

    @api.exception_handler(DomainError)
    def domain_error(request, exc: DomainError) -> HttpResponse:
        return _problem(api, request, 422, exc.message, exc.code, field=exc.field)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError) -> HttpResponse:
        codes = {
            400: "bad_request",
            405: "method_not_allowed",
            413: "too_large",
            429: "too_many_attempts",
        }
        return _problem(
            api, request, exc.status_code, str(exc), codes.get(exc.status_code, "error")
        )


class ApiErrorBodyMiddleware:
    """Whatever answers an error under /api/ (Django, ninja or a view), the body is JSON
    ``{"detail", "code"}``: programs never have to parse an HTML or plain-text error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            code, detail = STATUS_ERRORS.get(response.status_code, DEFAULT_ERROR)
            replacement = JsonResponse(
                {"detail": detail, "code": code}, status=response.status_code
            )
            for header in ("Allow", "WWW-Authenticate", "Retry-After"):
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response
