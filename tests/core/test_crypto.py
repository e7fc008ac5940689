"""Encryption at rest (amity.core.crypto): keys outside the database, values that name their
key, clear errors for a missing or altered key, and no plaintext in the SQLite file or WAL."""

import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError

from amity.core import crypto

THAI_ID = "1101700230708"
PESEL = "44051401359"
JAPANESE = "山田様の契約条件は社外秘です。"


@pytest.fixture(autouse=True)
def _own_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("AMITY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("AMITY_ENCRYPTION_KEYS", raising=False)


def test_the_key_file_is_created_once_readable_by_its_owner_only(tmp_path):
    first = crypto.keyring()

    path = tmp_path / "encryption_keys"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [key.id for key in crypto.keyring()] == [first[0].id]
    assert len(path.read_text().split()) == 1


def test_a_value_names_its_key_and_reads_back():
    stored = crypto.encrypt(f"เลขประจำตัว {THAI_ID}")

    assert stored.startswith(f"enc1:{crypto.primary_key_id()}:")
    assert THAI_ID not in stored
    assert crypto.decrypt(stored) == f"เลขประจำตัว {THAI_ID}"
    assert crypto.encrypt(PESEL) != crypto.encrypt(PESEL)  # a fresh IV every time
    assert crypto.decrypt("not encrypted") == "not encrypted"


def test_keys_from_the_environment_newest_first(monkeypatch, tmp_path):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv("AMITY_ENCRYPTION_KEYS", old)
    under_old = crypto.encrypt(PESEL)
    monkeypatch.setenv("AMITY_ENCRYPTION_KEYS", f"{new}, {old}")

    assert crypto.decrypt(under_old) == PESEL
    assert crypto.token_key_id(crypto.encrypt(PESEL)) == crypto.key_id(new)
    assert not (tmp_path / "encryption_keys").exists()  # no file when the environment has keys


def test_a_malformed_key_is_named_clearly(monkeypatch):
    monkeypatch.setenv("AMITY_ENCRYPTION_KEYS", "hunter2")

    with pytest.raises(crypto.EncryptionError) as error:
        crypto.keyring()
    assert error.value.code == "encryption_key_invalid"
    assert error.value.message.startswith("A key in AMITY_ENCRYPTION_KEYS is not a Fernet key")


def test_a_missing_key_and_an_altered_value_are_clear_errors(monkeypatch):
    stored = crypto.encrypt(JAPANESE)
    key = crypto.token_key_id(stored)
    altered = stored[:-6] + ("A" if stored[-6] != "A" else "B") + stored[-5:]

    with pytest.raises(crypto.EncryptionError) as damaged:
        crypto.decrypt(altered)
    assert damaged.value.code == "encryption_value_damaged"

    monkeypatch.setenv("AMITY_ENCRYPTION_KEYS", crypto.key_generate())
    with pytest.raises(crypto.EncryptionError) as missing:
        crypto.decrypt(stored)
    assert missing.value.code == "encryption_key_missing"
    assert missing.value.message == (
        f"This value was encrypted with key {key}, which is not configured"
        " (AMITY_ENCRYPTION_KEYS or the key file in the data directory)."
    )


def test_keys_status_and_generate_for_scripts(db):
    out = io.StringIO()
    call_command("keys", "status", "--json", stdout=out)
    status = json.loads(out.getvalue())
    assert status["source"] == "file"
    assert status["keys"] == [status["primary"]]
    assert status["outdated"] == {"contacts.custom": 0, "interactions.body": 0}

    out = io.StringIO()
    call_command("keys", "generate", "--json", stdout=out)
    generated = json.loads(out.getvalue())
    assert crypto.key_id(generated["key"]) == generated["id"]
    assert [k.id for k in crypto.keyring()] == [status["primary"]]  # generate changes nothing


def test_rotate_with_keys_from_the_environment_adds_no_key_and_says_how(db, monkeypatch):
    monkeypatch.setenv("AMITY_ENCRYPTION_KEYS", crypto.key_generate())
    out = io.StringIO()
    call_command("keys", "rotate", stdout=out)

    assert "put a new key (amity keys generate) first" in out.getvalue()
    assert "0 values re-encrypted." in out.getvalue()


def test_a_broken_key_stops_the_command_with_its_reason(db, monkeypatch):
    monkeypatch.setenv("AMITY_ENCRYPTION_KEYS", "short")

    with pytest.raises(CommandError, match="is not a Fernet key"):
        call_command("keys", "status", stdout=io.StringIO())


SCRIPT = textwrap.dedent(
    """
    import django
    django.setup()
    from amity.interactions.contracts import InteractionData
    from amity.interactions.services import interaction_log
    from amity.people.contracts import ContactData
    from amity.people.services import contact_create, custom_field_define
    from django.utils import timezone

    custom_field_define(actor=None, key="national_id", label="ID", type_="text", sensitive=True)
    custom_field_define(actor=None, key="pesel", label="PESEL", type_="text", sensitive=True)
    thai = contact_create(actor=None, data=ContactData(
        given_name="สมชาย", country="TH", custom={"national_id": "%(thai)s"}))
    polish = contact_create(actor=None, data=ContactData(
        given_name="Anna", country="PL", custom={"pesel": "%(pesel)s"}))
    interaction_log(actor=None, data=InteractionData(
        channel="note", occurred_at=timezone.now(), body="%(japanese)s", confidential=True,
        contact_ids=(thai.pk, polish.pk)))
    """
)


@pytest.mark.slow
def test_no_plaintext_in_the_sqlite_file_or_its_wal(tmp_path):
    """A real data directory: migrate, store the values, then read the raw bytes (the WAL
    before and after a checkpoint, and the database file)."""
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMITY_")}
    env |= {"AMITY_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "amity.settings"}
    subprocess.run(
        [sys.executable, "-m", "amity", "migrate", "-v", "0"], env=env, check=True, timeout=300
    )
    values = {"thai": THAI_ID, "pesel": PESEL, "japanese": JAPANESE}
    subprocess.run([sys.executable, "-c", SCRIPT % values], env=env, check=True, timeout=120)
    database = data / "amity.sqlite3"
    wal = data / "amity.sqlite3-wal"
    needles = [THAI_ID.encode(), PESEL.encode(), JAPANESE.encode(), "社外秘".encode()]

    def leaks() -> list[bytes]:
        blobs = [path.read_bytes() for path in (database, wal) if path.exists()]
        return [needle for needle in needles if any(needle in blob for blob in blobs)]

    assert leaks() == []
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        stored = connection.execute("SELECT body FROM interactions_interaction").fetchone()[0]
    assert stored.startswith("enc1:")
    assert leaks() == []
    assert "สมชาย".encode() in database.read_bytes()  # the scan does see what is in clear
    assert stat.S_IMODE((data / "encryption_keys").stat().st_mode) == 0o600
