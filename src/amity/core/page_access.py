"""Who may open a page: one guard for every view, from the same role table as the API.

``@reader_required`` (``records.view``), ``@writer_required`` (``records.write``) and
``@action_required(action)`` send anonymous visitors to the sign-in page and answer 403
(``PermissionDenied``, see ``page_errors``) to users whose role does not allow the action.
``methods`` limits the HTTP methods (405 otherwise), checked after signing in and before the
role, as ``@login_required`` over ``@require_http_methods`` always did."""

from collections.abc import Callable, Sequence
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_http_methods

from amity.core.permissions import Action, require, role_allows

View = Callable[..., object]


def action_required(action: Action, *, methods: Sequence[str] | None = None):
    """A decorator for pages of users whose role allows ``action``."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request, *args, **kwargs):
            require(request.user, action)
            return view(request, *args, **kwargs)

        if methods is not None:
            guarded = require_http_methods(list(methods))(guarded)
        return login_required(guarded)

    return decorate


def reader_required(view: View | None = None, *, methods: Sequence[str] | None = None):
    """Pages everyone with a role may read: ``@reader_required`` or
    ``@reader_required(methods=["GET", "POST"])``."""
    decorate = action_required(Action.VIEW_RECORDS, methods=methods)
    return decorate(view) if view is not None else decorate


def writer_required(view: View | None = None, *, methods: Sequence[str] | None = None):
    """Pages that change records (``records.write``), as ``reader_required``."""
    decorate = action_required(Action.WRITE_RECORDS, methods=methods)
    return decorate(view) if view is not None else decorate


def can_write(user) -> bool:
    """Whether the page shows ``user`` the buttons that change records."""
    return role_allows(user.role, Action.WRITE_RECORDS)
