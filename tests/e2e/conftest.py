"""Headless Chromium (Debian's `chromium`) driven by Playwright against pytest-django's live server.

Playwright's own browser download does not work offline, so the system Chromium is launched.
Without it the browser tests are skipped, unless AMITY_E2E_REQUIRED=1 (CI), where they fail.
"""

import contextlib
import os
import shutil
import urllib.error
import urllib.request

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import Browser, Page, expect, sync_playwright

# The first request for a page can load a romanizer or a country's holiday tables (a second or
# two on a busy 2-core CI machine): assertions wait up to 15 s instead of Playwright's 5 s.
expect.set_options(timeout=15_000)

CHROMIUM_MISSING = (
    "no `chromium` on PATH: install Debian's chromium package "
    "(apt-get install chromium fonts-thai-tlwg fonts-noto-cjk) to run the browser tests"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}


class OneRequestAtATimeServer(WSGIServer):
    """The live server, answering one request at a time on its own thread.

    Django's threaded live server hands SQLite's in-memory test database (one connection) to
    every request thread; a page and the panels it loads at once then use that connection
    concurrently, and SQLite fails with "bad parameter or other API misuse". Without threads
    each request runs alone (Django answers with `Connection: close`, so the browser never
    waits on a kept-alive connection), on SQLite and PostgreSQL alike.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        # LiveServerThread.run() has already installed the overridden connections in the
        # thread that serves every request here.
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def one_request_at_a_time():
    previous = LiveServerThread.server_class
    LiveServerThread.server_class = OneRequestAtATimeServer
    yield
    LiveServerThread.server_class = previous


@pytest.fixture(scope="package")
def browser() -> Browser:
    """One Chromium for the whole tests/e2e package, closed when the package is done.

    Playwright's sync API keeps an asyncio loop running in this thread while it is started,
    which trips Django's async-unsafe guard on every query the test makes; the guard is relaxed
    only for as long as the browser runs, so the rest of the suite keeps it.
    """
    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("AMITY_E2E_REQUIRED") == "1":
            pytest.fail(CHROMIUM_MISSING, pytrace=False)
        pytest.skip(CHROMIUM_MISSING)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context (no cookies), English browser, 1280x800."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(
            base_url=live_server.url, viewport=VIEWPORT, locale="en-US", timezone_id="UTC"
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    _server_settled(live_server.url)


def _server_settled(url: str) -> None:
    """Wait until the live server has finished every request the closed pages sent.

    It answers one request at a time, in order, so once it has answered one more, the
    requests before it (a panel a page was still loading) are done and none still holds the
    test database while it is flushed (SQLite's shared in-memory database otherwise fails the
    flush with "database table is locked").
    """
    with contextlib.suppress(urllib.error.HTTPError):  # a 404 is an answer too
        urllib.request.urlopen(f"{url}/e2e-settled/", timeout=30)


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


@pytest.fixture
def ui_text():
    """The interface strings a language's real catalog gives, checked to be translated.

    A msgid that comes back unchanged means the catalog lacks it (or was not compiled): the
    test fails here, naming it, instead of passing on English text.
    """
    from django.utils import translation

    def lookup(language: str, *msgids: str) -> dict[str, str]:
        with translation.override(language):
            texts = {msgid: translation.gettext(msgid) for msgid in msgids}
        missing = [msgid for msgid, text in texts.items() if text == msgid]
        assert not missing, (
            f"no {language!r} translation for {missing}: "
            f"is src/amity/locale/{language}/LC_MESSAGES/django.mo there and compiled?"
        )
        return texts

    return lookup
