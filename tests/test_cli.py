"""The ``amity`` command as an operator runs it: a separate process, its own data directory."""

import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

# Each test starts `amity` or a SQLite file of its own in other processes (seconds each).
pytestmark = pytest.mark.slow

AMITY = [sys.executable, "-m", "amity"]


@pytest.fixture
def fresh_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMITY_")}
    env |= {"AMITY_DATA_DIR": str(tmp_path / "data"), "LANG": "C.UTF-8"}
    return env


def run(args, env, **kwargs):
    return subprocess.run(
        [*AMITY, *args], env=env, capture_output=True, text=True, timeout=120, **kwargs
    )


def test_help_lists_every_command(fresh_env):
    result = run(["--help"], fresh_env)

    assert result.returncode == 0
    for command in ["serve", "worker", "demo", "migrate", "createuser", "check"]:
        assert f"  {command} " in result.stdout


def test_help_speaks_polish_when_the_terminal_does(fresh_env):
    english = run(["--help"], fresh_env).stdout
    polish = run(["--help"], fresh_env | {"LANG": "pl_PL.UTF-8"}).stdout

    assert polish != english
    assert "serve" in polish


def test_check_fails_clearly_before_migrations_and_passes_after(fresh_env):
    before = run(["check"], fresh_env)
    run(["migrate"], fresh_env)
    after = run(["check"], fresh_env)

    assert before.returncode != 0
    assert "amity migrate" in before.stdout
    assert after.returncode == 0, after.stdout + after.stderr


def test_check_fails_clearly_when_the_database_is_unreachable(fresh_env):
    env = fresh_env | {"AMITY_DATABASE_URL": "postgres://postgres@127.0.0.1:9/nowhere"}

    result = run(["check"], env)

    assert result.returncode != 0
    assert "Cannot reach the database" in result.stdout


def test_malformed_configuration_is_reported_without_a_traceback(fresh_env):
    result = run(["check"], fresh_env | {"AMITY_DATABASE_URL": "mysql://x@y/z"})

    assert result.returncode != 0
    assert "configuration error" in result.stderr
    assert "Traceback" not in result.stderr


def test_createuser_then_createtoken(fresh_env):
    run(["migrate"], fresh_env)

    created = run(
        [
            "createuser",
            "kasia",
            "--name",
            "Katarzyna Żak",
            "--role",
            "viewer",
            "--language",
            "pl",
            "--timezone",
            "Europe/Warsaw",
            "--password",
            "Zażółć-gęślą-2026",
        ],
        fresh_env,
    )
    duplicate = run(["createuser", "kasia", "--password", "Zażółć-gęślą-2026"], fresh_env)
    token = run(["createtoken", "kasia", "--name", "skrypt"], fresh_env)

    assert created.returncode == 0, created.stderr
    assert duplicate.returncode != 0
    assert "already exists" in duplicate.stderr
    assert token.stdout.strip().startswith("amt_")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url, token=None, method="GET", data=None):
    request = urllib.request.Request(url, method=method, data=data)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_serve_demo_answers_pages_api_and_tokens(fresh_env):
    import json

    port = _free_port()
    env = fresh_env | {
        "AMITY_ADMIN_PASSWORD": "admin-pass-for-tests",
        "AMITY_DEMO_PASSWORD": "demo-pass-2026",
    }
    server = subprocess.Popen(
        [*AMITY, "serve", "--demo", "--contacts", "30", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, _headers, _body = _get(f"{base}/api/v1/health")
                if status == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, server.stdout.read()
            assert time.monotonic() < deadline, "server did not start in 90 s"
            time.sleep(0.3)

        status, headers, _ = _get(f"{base}/")
        assert (status, headers["location"]) == (302, "/login/?next=/")
        status, _, body = _get(f"{base}/api/v1/openapi.json")
        assert status == 200
        assert json.loads(body)["openapi"].startswith("3.")
        status, _, _ = _get(f"{base}/static/django_htmx/htmx-2.min.js")
        assert status == 200
        assert _get(f"{base}/api/v1/me")[0] == 401

        viewer_token = run(["createtoken", "layla", "--name", "t"], env).stdout.strip()
        status, _, body = _get(f"{base}/api/v1/me", token=viewer_token)
        assert (status, json.loads(body)["role"]) == (200, "viewer")
        status, _, body = _get(
            f"{base}/api/v1/teams", token=viewer_token, method="POST", data=b'{"name": "x"}'
        )
        assert (status, json.loads(body)["code"]) == (403, "permission_denied")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Demo data loaded" in output
    assert (Path(env["AMITY_DATA_DIR"]) / "amity.sqlite3").stat().st_size > 0


def test_search_finds_a_contact_by_its_romanized_name_as_json(db):
    from django.core.management import call_command

    from factories import make_contact

    contact = make_contact(given_name="สมชาย", family_name="ใจดี", emails=("s@siam.co.th",))
    out = io.StringIO()

    call_command("search", "somchai", "--json", stdout=out)

    assert json.loads(out.getvalue()) == [
        {"kind": "contact", "id": contact.pk, "title": "สมชาย ใจดี", "subtitle": "s@siam.co.th"}
    ]


@pytest.mark.parametrize("entry", ["amity.wsgi", "amity.asgi"])
def test_a_server_process_has_the_holiday_tables_before_its_first_request(fresh_env, entry):
    # Imported on the first holiday question otherwise: ~140 ms on someone's first request.
    code = f"import sys, {entry}; print('holidays.countries' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=fresh_env, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
