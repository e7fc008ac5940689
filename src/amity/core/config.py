"""Configuration read from the environment (``AMITY_*``), with safe defaults for one machine.

Imported by settings, so it must not import Django models.
"""

import ipaddress
import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url


class ConfigError(Exception):
    """A setting in the environment is missing or malformed."""


def env_flag(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def trusted_proxies(value: str | None) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """AMITY_TRUSTED_PROXIES: the reverse proxies in front of Amity, addresses or networks
    separated by commas (``127.0.0.1, 10.0.0.0/8``); only their X-Forwarded-For is believed."""
    networks = []
    for item in (value or "").split(","):
        if item.strip():
            try:
                networks.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError:
                raise ConfigError(
                    f"AMITY_TRUSTED_PROXIES: {item.strip()!r} is not an IP address or network"
                ) from None
    return tuple(networks)


def data_dir() -> Path:
    """The directory that holds the SQLite database, the secret key and uploaded files."""
    configured = os.environ.get("AMITY_DATA_DIR")
    if configured:
        path = Path(configured).expanduser()
    else:
        base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        path = Path(base) / "amity"
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(directory: Path) -> str:
    """AMITY_SECRET_KEY, or a key generated once and kept (mode 0600) in the data directory."""
    configured = os.environ.get("AMITY_SECRET_KEY")
    if configured:
        return configured
    key_file = directory / "secret_key"
    if not key_file.exists():
        create_once(key_file, secrets.token_urlsafe(50))
    return key_file.read_text().strip()


def create_once(path: Path, content: str) -> bool:
    """Write ``path`` (mode 0600) unless it exists; False when another process got there first.

    Processes that start together (``amity serve`` with its worker, parallel test workers) may
    each find no file: the content is written to a private file and linked into place, which
    only one of them can do, so nobody reads a half-written file or replaces a key another
    process already uses.
    """
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w") as handle:  # mkstemp creates it 0600
            handle.write(content)
        os.link(temporary, path)
    except FileExistsError:
        return False
    finally:
        os.unlink(temporary)
    return True


def database(directory: Path) -> dict:
    """PostgreSQL from AMITY_DATABASE_URL, otherwise SQLite in WAL mode in the data directory."""
    url = os.environ.get("AMITY_DATABASE_URL")
    if url:
        if not url.startswith(("postgres://", "postgresql://", "sqlite://")):
            raise ConfigError("AMITY_DATABASE_URL must be a postgres:// or sqlite:// URL")
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"].endswith("sqlite3"):
            config["OPTIONS"] = sqlite_options()
            config["CONN_MAX_AGE"] = 0
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": directory / "amity.sqlite3",
        "OPTIONS": sqlite_options(),
    }


def sqlite_options() -> dict:
    # WAL lets the web server read while a worker writes; IMMEDIATE transactions take the
    # write lock up front so concurrent writers wait (busy timeout) instead of failing.
    return {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
            " PRAGMA cache_size=-65536;"
            # An erased person's bytes must not linger in freed pages (privacy.erasure).
            " PRAGMA secure_delete=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }


def smtp(url: str | None) -> dict:
    """Django's MAILERS from AMITY_SMTP_URL (smtp://user:pass@host:port; smtps:// for TLS on
    connect, smtp+starttls:// for STARTTLS). Without it, mail is printed to the console."""
    if not url:
        return {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps", "smtp+starttls"} or not parts.hostname:
        raise ConfigError("AMITY_SMTP_URL must look like smtp://user:password@host:port")
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": parts.hostname,
                "port": parts.port or (465 if parts.scheme == "smtps" else 25),
                "username": unquote(parts.username or ""),
                "password": unquote(parts.password or ""),
                "use_ssl": parts.scheme == "smtps",
                "use_tls": parts.scheme == "smtp+starttls",
                "timeout": 20,
            },
        }
    }


def tasks(redis_url: str | None) -> dict:
    """The task backend: the database queue by default, RQ on Redis when AMITY_REDIS_URL is set."""
    if os.environ.get("AMITY_TASKS_IMMEDIATE") == "1":
        return {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    if redis_url:
        return {
            "default": {
                "BACKEND": "django_tasks_rq.RQBackend",
                "QUEUES": ["default"],
            }
        }
    return {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
