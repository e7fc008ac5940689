"""On a real SQLite data directory (WAL mode, as `amity serve` runs it), an erasure through the
service, the API or the command line leaves none of the person's strings in the raw bytes of
the database file or its WAL, free pages included. Each step runs in its own process, like
the server and the command line do."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from privacy import erasure_scenario as scenario
from privacy.erasure_checks import bytes_mentioning

# Each test starts `amity` or a SQLite file of its own in other processes (seconds each).
pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
SCENARIO = Path(scenario.__file__)
TESTS = SCENARIO.parent.parent


def _env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMITY_")}
    env |= {
        "AMITY_DATA_DIR": str(data_dir),
        "AMITY_SECRET_KEY": "erasure-file-tests",
        "AMITY_TASKS_IMMEDIATE": "1",
        "DJANGO_SETTINGS_MODULE": "amity.settings",
        "PYTHONPATH": str(TESTS),
    }
    return env


def _run(data_dir: Path, *args: str) -> str:
    done = subprocess.run(
        args, env=_env(data_dir), capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """A migrated, empty data directory, copied for each test (migrating takes seconds)."""
    directory = tmp_path_factory.mktemp("template")
    _run(directory, str(BIN / "amity"), "migrate", "-v0")
    return directory


@pytest.fixture
def seeded(migrated, tmp_path) -> tuple[Path, dict]:
    data_dir = tmp_path / "data"
    shutil.copytree(migrated, data_dir)
    ids = json.loads(_run(data_dir, sys.executable, str(SCENARIO), "seed").strip())
    files = [data_dir / "amity.sqlite3", data_dir / "amity.sqlite3-wal"]
    # The scan finds her before the erasure (so its silence afterwards means something).
    assert set(bytes_mentioning(files, [scenario.EMAIL, scenario.CUSTOM_TEXT])) != set()
    return data_dir, ids


def _assert_no_trace(data_dir: Path) -> None:
    database = data_dir / "amity.sqlite3"
    files = [database, data_dir / "amity.sqlite3-wal"]
    assert bytes_mentioning(files, scenario.NEEDLES) == {}
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # The stub is still there for the counts by country.
        assert connection.execute(
            "SELECT count(*) FROM people_contact WHERE country = 'PL'"
        ).fetchone() == (1,)
    connection.close()
    assert bytes_mentioning(files, scenario.NEEDLES) == {}


def test_service_erasure_leaves_no_bytes_in_the_file_or_the_wal(seeded):
    data_dir, ids = seeded
    _run(data_dir, sys.executable, str(SCENARIO), "service", str(ids["person"]))
    _assert_no_trace(data_dir)


def test_api_erasure_leaves_no_bytes_in_the_file_or_the_wal(seeded):
    data_dir, ids = seeded
    out = json.loads(_run(data_dir, sys.executable, str(SCENARIO), "api", str(ids["person"])))
    assert out["contact_id"] == ids["person"]
    _assert_no_trace(data_dir)


def test_cli_erasure_leaves_no_bytes_and_the_audit_trail_verifies(seeded):
    data_dir, ids = seeded
    amity = str(BIN / "amity")
    out = json.loads(
        _run(data_dir, amity, "privacy", "erase", str(ids["person"]), "--yes", "--json")
    )
    assert out["contact_id"] == ids["person"]
    _assert_no_trace(data_dir)
    verified = json.loads(_run(data_dir, amity, "audit", "verify", "--json"))
    assert verified["ok"] is True
