import pytest
from django.test import Client, override_settings

from amity.accounts.services import token_create
from amity.core.permissions import Role
from factories import PASSWORD, UserFactory

# Argon2 is deliberately slow (tens of ms a hash); the suite creates thousands of users. Tests
# hash with MD5 unless they ask for the production hashers (the `production_hashers` fixture);
# tests/accounts/test_services.py keeps checking that production hashes with Argon2.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _suite_settings(tmp_path_factory):
    # Each xdist worker keeps its uploads (import files, rejects) in a folder of its own.
    with override_settings(
        PASSWORD_HASHERS=FAST_HASHERS, MEDIA_ROOT=tmp_path_factory.mktemp("media")
    ):
        yield


@pytest.fixture
def clock():
    """Amity's clock (amity.core.clock), stopped where a test says: ``clock.set(moment)``;
    it runs again after the test."""
    from amity.core import clock as amity_clock

    class Clock:
        set = staticmethod(amity_clock.clock_set)

    yield Clock()
    amity_clock.clock_set(None)


@pytest.fixture
def production_hashers(settings):
    """The password hashers Amity runs with (Argon2 first), for tests about hashing itself."""
    import amity.settings

    settings.PASSWORD_HASHERS = amity.settings.PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    # Unit tests run tasks inline; tests/core/test_worker.py exercises the real queue.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _no_company_calendar_settings():
    # Calendars read the company's office hours and closures through a process cache; each test
    # starts with none set (no query, so query counts do not depend on test order). A test that
    # sets some through amity.culture.services sees them: the services drop the cache.
    from amity.culture.selectors import CompanyCalendarSettings, forget_company_calendar_settings

    forget_company_calendar_settings(replacement=CompanyCalendarSettings(hours={}, closures=()))
    yield
    forget_company_calendar_settings()


@pytest.fixture(autouse=True)
def _english_between_tests():
    # A request leaves its language active in the thread; each test starts in English.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def admin_user(db):
    return UserFactory(username="oliver", display_name="Oliver Hughes", role=Role.ADMIN)


@pytest.fixture
def manager(db):
    return UserFactory(
        username="agnieszka",
        display_name="Agnieszka Wójcik",
        role=Role.MANAGER,
        language="pl",
        timezone="Europe/Warsaw",
    )


@pytest.fixture
def agent(db):
    return UserFactory(
        username="somchai",
        display_name="สมชาย ใจดี",
        role=Role.AGENT,
        language="th",
        timezone="Asia/Bangkok",
    )


@pytest.fixture
def viewer(db):
    return UserFactory(
        username="layla",
        display_name="ليلى الحربي",
        role=Role.VIEWER,
        language="en",
        timezone="Asia/Riyadh",
    )


@pytest.fixture
def password():
    return PASSWORD


class ApiClient:
    """A test client that calls /api/v1/ with a user's real personal token."""

    def __init__(self, user):
        self.user = user
        self.token, self.secret = token_create(user=user, name="tests")
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {self.secret}")

    def _call(self, method, path, data=None, **extra):
        kwargs = {"content_type": "application/json"} if data is not None else {}
        if data is not None:
            kwargs["data"] = data
        return getattr(self.client, method)(f"/api/v1{path}", **kwargs, **extra)

    def get(self, path, **extra):
        return self._call("get", path, **extra)

    def post(self, path, data=None, **extra):
        return self._call("post", path, data if data is not None else {}, **extra)

    def patch(self, path, data=None, **extra):
        return self._call("patch", path, data if data is not None else {}, **extra)

    def delete(self, path, **extra):
        return self._call("delete", path, **extra)


@pytest.fixture
def api_as():
    return ApiClient


class SmtpInbox:
    """A real SMTP server (aiosmtpd) on a free local port, keeping what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        import email
        from email import policy

        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append({"to": envelope.rcpt_tos, "message": message})
        return "250 OK"


@pytest.fixture
def smtp_inbox(settings):
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = SmtpInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    yield inbox
    controller.stop()


def pytest_collection_modifyitems(items):
    # Browser tests are in the slow lane too (`pytest -m "not slow"` leaves them out).
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.slow)
