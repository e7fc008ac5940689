"""Signing in through the real login page: the right password, a wrong one, and the login
page's own language switcher."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from playwright.sync_api import expect

from e2e.pages import LoginPage, ShellPage
from factories import PASSWORD, TeamFactory, UserFactory

pytestmark = pytest.mark.e2e


def test_sign_in_lands_on_home_and_search_suggests_as_you_type(page, live_server):
    TeamFactory(name="Bangkok Sales")
    TeamFactory(name="Warsaw Support")
    UserFactory(username="nok", display_name="Nok Lee", language="en")

    home = LoginPage(page).open().sign_in("nok", PASSWORD)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(home.heading).to_have_text("Welcome, Nok Lee")
    expect(home.html).to_have_attribute("lang", "en")

    suggestions = home.type_search("Bangkok")

    expect(home.suggestion("Bangkok Sales")).to_be_visible()
    expect(suggestions).not_to_contain_text("Warsaw Support")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(home.search_box).to_be_focused()


def test_wrong_password_shows_an_error_and_signs_nobody_in(page, live_server):
    user = UserFactory(username="nok", language="en")
    username_label = get_user_model()._meta.get_field("username").verbose_name
    expected_error = AuthenticationForm.error_messages["invalid_login"] % {
        "username": username_label
    }

    login = LoginPage(page).open()

    login.sign_in("nok", "not the password")

    expect(page).to_have_url(f"{live_server.url}/login/")
    expect(login.alert).to_have_text(expected_error)
    expect(login.username).to_have_value("nok")
    user.refresh_from_db()
    assert user.last_login is None
    ShellPage(page).open("/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/")


def test_login_page_switches_to_polish_before_signing_in(page, live_server, ui_text):
    polish = ui_text("pl", "Sign in to Amity", "Sign in", "Forgot your password?")

    login = LoginPage(page).open().switch_language("pl")

    expect(page).to_have_url(f"{live_server.url}/login/")
    expect(login.html).to_have_attribute("lang", "pl")
    expect(login.heading).to_have_text(polish["Sign in to Amity"])
    expect(login.submit).to_have_text(polish["Sign in"])
    expect(page.get_by_role("link", name=polish["Forgot your password?"])).to_be_visible()
    expect(login.language_form.locator("select")).to_have_value("pl")

    login.reload()

    expect(login.html).to_have_attribute("lang", "pl")
