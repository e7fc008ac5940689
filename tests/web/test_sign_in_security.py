"""Signing in through the real pages: throttling, the two-factor step, idle expiry, signing out
everywhere, and the Security settings page."""

import re
import time
from datetime import timedelta

import pyotp
import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from amity.accounts import security
from amity.accounts.models import AccountEvent, RecoveryCode, SignInFailure
from amity.core import config
from factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed sign-ins. Try again in 15 minutes."


def thai(text: str) -> str:
    """A message as the Thai agent reads it."""
    with translation.override("th"):
        return gettext(text)


def _sign_in(client, username, password=PASSWORD, **extra):
    return client.post("/login/", {"username": username, "password": password}, **extra)


def _signed_in(client) -> bool:
    return client.get("/").status_code == 200


def _enable_two_factor(user) -> tuple[pyotp.TOTP, list[str]]:
    secret = pyotp.random_base32(32)
    totp = pyotp.TOTP(secret)
    codes = security.two_factor_enable(user=user, secret=secret, code=totp.now())
    user.refresh_from_db()
    return totp, codes


def _next_code(totp: pyotp.TOTP) -> str:
    # Enabling spent the current step; the next step's code is valid too (one step of skew).
    return totp.at(timezone.now() + timedelta(seconds=30))


def test_five_failures_lock_the_username_without_revealing_it_exists(client, agent):
    for _ in range(5):
        assert (
            "Please enter a correct username"
            in _sign_in(client, "somchai", "wrong").content.decode()
        )

    right_password = _sign_in(client, "somchai")
    unknown = [_sign_in(Client(REMOTE_ADDR=f"10.0.0.{n}"), "nobody", "x") for n in range(6)]

    assert LOCKED in right_password.content.decode()
    assert not _signed_in(client)
    assert LOCKED in unknown[5].content.decode()  # unknown names lock alike
    assert AccountEvent.objects.filter(type="signin.locked", subject="somchai").count() == 1


def test_lock_lifts_when_the_window_passes_and_success_clears_the_count(client, agent):
    for _ in range(5):
        _sign_in(client, "somchai", "wrong")
    # Fifteen minutes pass.
    SignInFailure.objects.update(created_at=timezone.now() - timedelta(minutes=15, seconds=1))
    for _ in range(4):
        _sign_in(client, "somchai", "wrong")

    response = _sign_in(client, "somchai")

    assert response.status_code == 302
    assert _signed_in(client)
    assert not SignInFailure.objects.filter(scope="username").exists()


def test_one_address_trying_many_usernames_is_locked(agent):
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for name in ["a", "b", "c", "d", "e"]:
        _sign_in(guesser, name, "x")

    assert LOCKED in _sign_in(guesser, "somchai").content.decode()
    assert _sign_in(Client(REMOTE_ADDR="198.51.100.1"), "somchai").status_code == 302


def _via_proxy(forwarded_for: str) -> Client:
    """A browser behind the reverse proxy at 127.0.0.1, which appends what it saw."""
    return Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_a_trusted_proxy_each_client_is_counted_at_its_own_address(agent, settings):
    settings.AMITY_TRUSTED_PROXIES = config.trusted_proxies("127.0.0.1, 10.0.0.0/8")
    # The guesser writes a new address into the header each time; the proxies append theirs.
    for n in range(5):
        _sign_in(_via_proxy(f"192.0.2.{n}, 203.0.113.9, 10.1.2.3"), f"guess{n}", "x")

    locked = _sign_in(_via_proxy("192.0.2.77, 203.0.113.9:4711, 10.1.2.3"), "somchai")
    colleague = _sign_in(_via_proxy("198.51.100.1"), "somchai")

    assert LOCKED in locked.content.decode()
    assert colleague.status_code == 302
    assert set(SignInFailure.objects.filter(scope="address").values_list("key", flat=True)) == {
        "203.0.113.9"
    }


def test_without_trusted_proxies_a_forwarded_address_is_not_believed(agent):
    for n in range(5):
        _sign_in(Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"), "x", "x")

    escaped = Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert LOCKED in _sign_in(escaped, "somchai").content.decode()


def test_two_factor_sign_in_needs_the_code(client, agent):
    totp, _codes = _enable_two_factor(agent)

    step_one = _sign_in(client, "somchai")
    assert step_one["Location"] == "/login/code/"
    assert not _signed_in(client)

    wrong = client.post("/login/code/", {"code": "000000"})
    assert "That code does not match. Try the code your app shows now." in wrong.content.decode()
    assert not _signed_in(client)

    right = client.post("/login/code/", {"code": _next_code(totp)})
    assert right["Location"] == "/"
    assert _signed_in(client)


def test_a_code_is_accepted_only_once(agent):
    totp, _codes = _enable_two_factor(agent)
    code = _next_code(totp)
    assert security.two_factor_verify(user=agent, code=code)
    assert not security.two_factor_verify(user=agent, code=code)


def test_recovery_codes_are_single_use(client, agent):
    _totp, codes = _enable_two_factor(agent)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert RecoveryCode.objects.filter(user=agent).count() == 10
    assert not RecoveryCode.objects.filter(digest__in=codes).exists()  # only digests are kept

    _sign_in(client, "somchai")
    client.post("/login/code/", {"code": codes[0].lower()})
    assert _signed_in(client)

    other = Client()
    _sign_in(other, "somchai")
    again = other.post("/login/code/", {"code": codes[0]})
    assert "That code does not match" in again.content.decode()
    assert not _signed_in(other)
    event = AccountEvent.objects.get(type="2fa.recovery_code_used")
    assert event.data == {"remaining": 9}


def test_security_page_sets_up_and_turns_off_two_factor(client, agent):
    client.force_login(agent)
    page = client.get("/settings/security/").content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    assert 'src="data:image/svg+xml;base64,' in page
    totp = pyotp.TOTP(secret)

    done = client.post("/settings/security/", {"code": totp.now()}).content.decode()

    codes = re.findall(r"<li><code>([0-9A-Z-]+)</code></li>", done)
    assert len(codes) == 10
    agent.refresh_from_db()
    assert agent.has_two_factor
    assert secret not in agent.totp_secret_encrypted
    assert secret not in client.get("/settings/security/").content.decode()

    bad = client.post("/settings/security/", {"code": "123456"}).content.decode()
    assert thai("That code does not match.") in bad  # the agent reads Thai
    client.post("/settings/security/", {"code": _next_code(totp)})
    agent.refresh_from_db()
    assert not agent.has_two_factor
    assert list(
        AccountEvent.objects.filter(subject="somchai", type__startswith="2fa").values_list(
            "type", flat=True
        )
    ) == ["2fa.disabled", "2fa.enabled"]


def test_role_requiring_two_factor_is_sent_to_set_it_up(client, agent, settings):
    settings.AMITY_TWO_FACTOR_ROLES = ["agent"]
    client.force_login(agent)

    assert client.get("/").headers["Location"] == "/settings/security/"
    page = client.get("/settings/security/").content.decode()
    assert thai("Your role requires two-factor sign-in. Set it up to continue.") in page


def test_admin_resets_two_factor_and_ends_sessions(client, admin_user, agent):
    _enable_two_factor(agent)
    agents_browser = Client()
    agents_browser.force_login(agent)
    client.force_login(admin_user)

    client.post(f"/users/{agent.pk}/", {"action": "reset_two_factor"})

    agent.refresh_from_db()
    assert not agent.has_two_factor
    assert not RecoveryCode.objects.filter(user=agent).exists()
    assert not _signed_in(agents_browser)
    event = AccountEvent.objects.get(type="2fa.reset")
    assert (event.actor, event.subject) == (admin_user, "somchai")


def test_idle_session_ends(client, agent, settings):
    settings.AMITY_SESSION_IDLE_SECONDS = 1800
    client.force_login(agent)
    assert _signed_in(client)

    session = client.session
    session["amity_seen"] = int(time.time()) - 1801
    session.save()

    assert client.get("/")["Location"] == "/login/?next=/"


def test_active_session_stays(client, agent):
    client.force_login(agent)
    session = client.session
    session["amity_seen"] = int(time.time()) - 1700
    session.save()
    assert _signed_in(client)


def test_sign_out_everywhere_ends_every_session(agent):
    laptop, phone = Client(), Client()
    laptop.force_login(agent)
    phone.force_login(agent)

    laptop.post("/settings/security/sign-out/")

    assert not _signed_in(laptop)
    assert not _signed_in(phone)
    assert AccountEvent.objects.filter(type="user.sessions_ended", subject="somchai").exists()


def test_password_change_and_deactivation_end_sessions(admin_user, agent):
    other = UserFactory(username="kasia")
    first, second = Client(), Client()
    first.force_login(agent)
    second.force_login(other)

    agent.set_password("a whole new passphrase")
    agent.save()
    security_admin = Client()
    security_admin.force_login(admin_user)
    security_admin.post(f"/users/{other.pk}/", {"action": "deactivate"})

    assert not _signed_in(first)
    assert not _signed_in(second)


def test_users_page_shows_who_has_two_factor(client, admin_user, agent):
    _enable_two_factor(agent)
    client.force_login(admin_user)
    rows = re.findall(r"<tr>(.*?)</tr>", client.get("/users/").content.decode(), re.S)
    states = {
        re.search(r"<td>(\w+)</td>", row).group(1): re.findall(r"<td>(On|Off)</td>", row)
        for row in rows
        if "<td>" in row
    }
    assert states == {"oliver": ["Off"], "somchai": ["On"]}


def test_the_code_step_is_throttled_too(client, agent):
    _enable_two_factor(agent)
    _sign_in(client, "somchai")
    for _ in range(5):
        client.post("/login/code/", {"code": "000000"})

    response = client.post("/login/code/", {"code": "111111"})

    assert LOCKED in response.content.decode()
    assert not _signed_in(client)
