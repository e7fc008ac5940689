"""Switching the interface language from the user menu, and that the choice sticks: across a
reload, and across signing out and in again from a browser with no cookies (it is saved on the
user, not only in the language cookie)."""

import pytest
from playwright.sync_api import expect

from e2e.pages import LoginPage
from factories import PASSWORD, UserFactory

pytestmark = pytest.mark.e2e

SHELL_MSGIDS = ("Home", "Teams", "Preferences", "API tokens", "Sign out", "Welcome, %(name)s")


def assert_shell_in(home, language, texts, display_name):
    expect(home.html).to_have_attribute("lang", language)
    expect(home.heading).to_have_text(texts["Welcome, %(name)s"] % {"name": display_name})
    expect(home.nav_link(texts["Home"])).to_be_visible()
    expect(home.nav_link(texts["Teams"])).to_be_visible()
    home.open_user_menu()
    for msgid in ("Preferences", "API tokens", "Sign out"):
        expect(home.menu_item(texts[msgid])).to_be_visible()


@pytest.mark.parametrize(
    ("language", "display_name"),
    [("th", "สมชาย ใจดี"), ("pl", "Agnieszka Wójcik")],
    ids=["th", "pl"],
)
def test_language_switch_shows_the_catalog_and_persists(
    new_page, live_server, ui_text, language, display_name
):
    user = UserFactory(username="member", display_name=display_name, language="en")
    texts = ui_text(language, *SHELL_MSGIDS)
    page = new_page()
    home = LoginPage(page).open().sign_in("member", PASSWORD)
    expect(home.html).to_have_attribute("lang", "en")

    home.switch_language(language)

    expect(page).to_have_url(f"{live_server.url}/")
    assert_shell_in(home, language, texts, display_name)
    user.refresh_from_db()
    assert user.language == language

    home.reload()

    assert_shell_in(home, language, texts, display_name)

    login = home.sign_out()

    expect(page).to_have_url(f"{live_server.url}/login/")
    expect(login.html).to_have_attribute("lang", language)

    fresh = LoginPage(new_page()).open()
    expect(fresh.html).to_have_attribute("lang", "en")
    home_again = fresh.sign_in("member", PASSWORD)

    assert_shell_in(home_again, language, texts, display_name)
