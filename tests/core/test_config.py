import stat

import pytest

from amity.core import config


def test_secret_key_is_generated_once_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.delenv("AMITY_SECRET_KEY", raising=False)

    first = config.secret_key(tmp_path)
    second = config.secret_key(tmp_path)

    assert first == second
    assert len(first) >= 50
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_secret_key_from_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("AMITY_SECRET_KEY", "k" * 40)

    assert config.secret_key(tmp_path) == "k" * 40
    assert not (tmp_path / "secret_key").exists()


def test_default_database_is_sqlite_in_wal_mode_with_foreign_keys(tmp_path, monkeypatch):
    monkeypatch.delenv("AMITY_DATABASE_URL", raising=False)

    db = config.database(tmp_path)

    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == tmp_path / "amity.sqlite3"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert "foreign_keys=ON" in db["OPTIONS"]["init_command"]


def test_postgres_url_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("AMITY_DATABASE_URL", "postgres://amity:s%40cret@db.internal:6432/crm")

    db = config.database(tmp_path)

    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["PASSWORD"]) == (
        "db.internal",
        6432,
        "crm",
        "s@cret",
    )


def test_unsupported_database_url_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("AMITY_DATABASE_URL", "mysql://root@localhost/amity")

    with pytest.raises(config.ConfigError, match="postgres://"):
        config.database(tmp_path)


def test_smtp_url_gives_django_email_settings():
    options = config.smtp("smtps://mailer:p%2Fw@smtp.example.com")["default"]["OPTIONS"]

    assert options["host"] == "smtp.example.com"
    assert options["port"] == 465
    assert options["use_ssl"] is True
    assert options["password"] == "p/w"


def test_bad_smtp_url_is_a_clear_error():
    with pytest.raises(config.ConfigError, match="AMITY_SMTP_URL"):
        config.smtp("http://mail.example.com")


def test_redis_url_switches_tasks_to_rq():
    assert config.tasks("redis://127.0.0.1:6379/0")["default"]["BACKEND"] == (
        "django_tasks_rq.RQBackend"
    )
    assert config.tasks(None)["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


@pytest.mark.parametrize("raw", ["maybe", "2"])
def test_flags_reject_unclear_values(monkeypatch, raw):
    monkeypatch.setenv("AMITY_DEBUG", raw)

    with pytest.raises(config.ConfigError, match="AMITY_DEBUG"):
        config.env_flag("AMITY_DEBUG")


def test_trusted_proxies_are_addresses_or_networks():
    networks = config.trusted_proxies(" 127.0.0.1, 10.0.0.0/8,,::1 ")

    assert [str(n) for n in networks] == ["127.0.0.1/32", "10.0.0.0/8", "::1/128"]
    assert config.trusted_proxies(None) == ()
    with pytest.raises(config.ConfigError, match="nginx"):
        config.trusted_proxies("127.0.0.1, nginx")


def test_a_key_file_is_created_once_and_never_replaced(tmp_path):
    path = tmp_path / "secret_key"

    assert config.create_once(path, "first") is True
    assert config.create_once(path, "second") is False
    assert path.read_text() == "first"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no temporary left behind


def test_a_key_another_process_just_wrote_is_kept(tmp_path, monkeypatch):
    # The race of two processes starting together: this one saw no key file, and another
    # process wrote its key before this one got to write.
    from amity.core import crypto

    monkeypatch.setenv("AMITY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("AMITY_ENCRYPTION_KEYS", raising=False)
    theirs = crypto.Fernet.generate_key().decode()
    (tmp_path / crypto.KEY_FILE).write_text(theirs + "\n")
    real_exists = type(tmp_path).exists
    monkeypatch.setattr(
        type(tmp_path),
        "exists",
        lambda path: False if path.name == crypto.KEY_FILE else real_exists(path),
    )

    assert crypto.keyring()[0].id == crypto.key_id(theirs)
