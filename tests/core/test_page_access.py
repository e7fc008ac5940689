"""The pages' one guard and one error mapping (core.page_access, core.page_errors): who may open
a page, in which order sign-in, method and role are checked, and how domain errors that leave
a view become the 403 and 404 pages."""

import pytest
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from amity.core.errors import Conflict, NotFound
from amity.core.page_access import action_required, can_write, reader_required, writer_required
from amity.core.page_errors import PageErrorsMiddleware
from amity.core.permissions import Action, InsufficientScope, PermissionDenied
from factories import make_contact

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_is_sent_to_sign_in_before_anything_else(client):
    response = client.delete("/contacts/new/")

    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/contacts/new/"


def test_the_method_is_checked_before_the_role_as_before(client, viewer):
    client.force_login(viewer)

    assert client.delete("/contacts/new/").status_code == 405
    assert client.get("/contacts/new/").status_code == 403


def test_a_role_that_does_not_allow_the_page_gets_the_403_page(client, viewer, agent):
    client.force_login(viewer)
    refused = client.get("/contacts/new/")
    client.force_login(agent)

    assert refused.status_code == 403
    assert "Your role does not give access to this page." in refused.content.decode()
    assert client.get("/contacts/new/").status_code == 200


def test_a_record_the_selector_does_not_find_is_the_404_page(client, viewer):
    client.force_login(viewer)

    response = client.get("/contacts/999999/")

    assert response.status_code == 404
    assert "Nothing lives at this address." in response.content.decode()


def test_a_refusal_from_a_service_is_the_403_page(client, agent, monkeypatch):
    from amity.people import services

    def refuse(**_kwargs):
        raise PermissionDenied(Action.WRITE_RECORDS)

    monkeypatch.setattr(services, "contact_delete", refuse)
    contact = make_contact(given_name="Anna", family_name="Wójcik", country="PL")
    agent.language = "en"
    agent.save(update_fields=["language"])
    client.force_login(agent)

    response = client.post(f"/contacts/{contact.pk}/delete/")

    assert response.status_code == 403
    assert "Your role does not give access to this page." in response.content.decode()


def _guarded(decorator, user, method="get"):
    request = getattr(RequestFactory(), method)("/somewhere/")
    request.user = user
    return decorator(lambda request: HttpResponse("shown"))(request)


def test_the_guards_follow_the_role_table(viewer, agent, admin_user):
    assert _guarded(reader_required, viewer).content == b"shown"
    assert _guarded(writer_required, agent).content == b"shown"
    assert _guarded(action_required(Action.MANAGE_USERS), admin_user).content == b"shown"
    assert _guarded(reader_required(methods=["POST"]), viewer, "get").status_code == 405
    with pytest.raises(PermissionDenied):
        _guarded(writer_required, viewer)
    with pytest.raises(PermissionDenied):
        _guarded(action_required(Action.MANAGE_USERS), agent)
    assert not can_write(viewer)
    assert can_write(agent)


def test_the_middleware_maps_only_refusals_and_missing_records():
    middleware = PageErrorsMiddleware(lambda request: HttpResponse())
    request = RequestFactory().get("/contacts/1/")

    with pytest.raises(Forbidden):
        middleware.process_exception(request, PermissionDenied(Action.VIEW_RECORDS))
    with pytest.raises(Forbidden):
        middleware.process_exception(request, InsufficientScope(Action.WRITE_RECORDS))
    with pytest.raises(Http404):
        middleware.process_exception(request, NotFound("No contact has the id 1."))
    assert middleware.process_exception(request, Conflict("Taken.")) is None
    assert middleware.process_exception(request, ValueError("a bug")) is None
