"""One place where the pages turn domain errors into HTTP answers, as ``api_errors`` does for
the API: a role that does not allow the action is the 403 page, a record that is not there
(or that the user may not see) is the 404 page.

Views call services and selectors and let ``PermissionDenied`` and ``NotFound`` go up; errors
a page shows to the user (a form error, a message) are still caught in the view."""

from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404

from amity.core.errors import NotFound
from amity.core.permissions import PermissionDenied


class PageErrorsMiddleware:
    """Re-raises a view's ``PermissionDenied`` as Django's own (the 403 page) and its
    ``NotFound`` as ``Http404`` (the 404 page). Django answers them exactly as if the view had
    raised them; every other exception goes on untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            raise Forbidden from exception
        if isinstance(exception, NotFound):
            raise Http404(exception.message) from exception
        return None
