"""Encryption at rest for the values an administrator marks sensitive (custom fields of
contacts, confidential interaction notes).

Keys never live in the database: ``AMITY_ENCRYPTION_KEYS`` (Fernet keys, comma-separated,
newest first) or, without it, the file ``encryption_keys`` in the data directory (one key a
line, newest first), created with mode 0600 on first use. A stored value is the text
``enc1:<key id>:<Fernet token>``: the key id (8 hex digits of the key's SHA-256) says which
key opens it, so rotation can find what is still under an old key.

Apps that keep encrypted values register a store (``store_register``) in their ``ready()``:
rotation re-encrypts through them in batches, each batch its own transaction, so a rotation
that stops half way is finished by running it again.
"""

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amity.core import config
from amity.core.errors import DomainError

PREFIX = "enc1:"
ENV = "AMITY_ENCRYPTION_KEYS"
KEY_FILE = "encryption_keys"


class EncryptionError(DomainError):
    """A key is missing or malformed, or a stored value cannot be opened."""


@dataclass(frozen=True)
class Key:
    id: str
    fernet: Fernet


def key_id(raw: str) -> str:
    return hashlib.sha256(raw.strip().encode()).hexdigest()[:8]


def _parse(raw_keys: list[str], origin: str) -> list[Key]:
    keys = []
    for raw in raw_keys:
        try:
            keys.append(Key(key_id(raw), Fernet(raw.strip().encode())))
        except (ValueError, TypeError):
            raise EncryptionError(
                _(
                    "A key in %(origin)s is not a Fernet key (32 bytes in URL-safe base64;"
                    " `amity keys generate` prints one)."
                )
                % {"origin": origin},
                code="encryption_key_invalid",
            ) from None
    return keys


def key_file() -> Path:
    return config.data_dir() / KEY_FILE


def keys_from_environment() -> bool:
    """True when the keys come from AMITY_ENCRYPTION_KEYS (rotation cannot write them)."""
    return bool(os.environ.get(ENV, "").strip())


def _file_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text().splitlines() if line.strip()]


def _file_write(path: Path, lines: list[str]) -> None:
    """Replace the key file atomically, mode 0600 from the first byte."""
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    os.replace(temporary, path)


def keyring() -> list[Key]:
    """The keys, newest (primary) first; a key file is created on first use."""
    configured = os.environ.get(ENV, "").strip()
    if configured:
        return _parse([part for part in configured.split(",") if part.strip()], ENV)
    path = key_file()
    if not path.exists():
        config.create_once(path, Fernet.generate_key().decode() + "\n")
    lines = _file_lines(path)
    if not lines:
        raise EncryptionError(
            _("The key file %(path)s is empty.") % {"path": path}, code="encryption_key_missing"
        )
    return _parse(lines, str(path))


def primary_key_id() -> str:
    return keyring()[0].id


def is_encrypted(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def token_key_id(value: str) -> str:
    return value[len(PREFIX) :].split(":", 1)[0]


def encrypt(plaintext: str, *, keys: list[Key] | None = None) -> str:
    """The stored form of ``plaintext`` under the primary key."""
    key = (keys or keyring())[0]
    return f"{PREFIX}{key.id}:{key.fernet.encrypt(plaintext.encode()).decode()}"


def decrypt(value: str, *, keys: list[Key] | None = None) -> str:
    """The plaintext of a stored value; EncryptionError when its key is not configured or
    the value was altered. A value that is not encrypted is returned as it is."""
    if not is_encrypted(value):
        return value
    wanted = token_key_id(value)
    key = next((k for k in (keys or keyring()) if k.id == wanted), None)
    if key is None:
        raise EncryptionError(
            _(
                "This value was encrypted with key %(key)s, which is not configured"
                " (AMITY_ENCRYPTION_KEYS or the key file in the data directory)."
            )
            % {"key": wanted},
            code="encryption_key_missing",
        )
    try:
        return key.fernet.decrypt(value[len(PREFIX) + len(wanted) + 1 :].encode()).decode()
    except InvalidToken:
        raise EncryptionError(
            _("This value cannot be decrypted with key %(key)s: it was altered or damaged.")
            % {"key": wanted},
            code="encryption_value_damaged",
        ) from None


def reencrypt(value: str, *, keys: list[Key]) -> str:
    """The value under the primary key (unchanged when it already is)."""
    if is_encrypted(value) and token_key_id(value) == keys[0].id:
        return value
    return encrypt(decrypt(value, keys=keys), keys=keys)


# Stores: the apps that keep encrypted values.


@dataclass(frozen=True)
class Store:
    """``count(key_id)``: how many values are encrypted under other keys than ``key_id``;
    ``rotate_batch(keys, size)``: re-encrypt at most ``size`` of them under ``keys[0]`` in
    one transaction and return how many it did (0 when none is left)."""

    name: str
    count: Callable[[str], int]
    rotate_batch: Callable[[list[Key], int], int]


_stores: dict[str, Store] = {}


def store_register(store: Store) -> None:
    _stores[store.name] = store


def stores() -> list[Store]:
    return [_stores[name] for name in sorted(_stores)]


def outdated_counts(keys: list[Key] | None = None) -> dict[str, int]:
    """Per store, how many values are not yet under the primary key."""
    primary = (keys or keyring())[0].id
    return {store.name: store.count(primary) for store in stores()}


def key_generate() -> str:
    return Fernet.generate_key().decode()


def key_add() -> str:
    """Put a new primary key at the front of the key file; returns its id. With keys from the
    environment the operator adds it there instead (EncryptionError says so)."""
    if keys_from_environment():
        raise EncryptionError(
            _(
                "The keys come from AMITY_ENCRYPTION_KEYS: put a new key (amity keys generate)"
                " at its front, restart, then run amity keys rotate --no-new-key."
            ),
            code="encryption_keys_in_environment",
        )
    keyring()  # creates the file when there is none yet
    path = key_file()
    raw = key_generate()
    _file_write(path, [raw, *_file_lines(path)])
    return key_id(raw)


def values_rotate(*, batch: int = 500, progress: Callable[[str, int], None] | None = None) -> dict:
    """Re-encrypt every stored value under the primary key, store by store and batch by batch;
    returns ``{store: count}``. Safe to run again after an interruption."""
    keys = keyring()
    done: dict[str, int] = {}
    for store in stores():
        done[store.name] = 0
        while count := store.rotate_batch(keys, batch):
            done[store.name] += count
            if progress:
                progress(store.name, done[store.name])
    return done


def keys_retire() -> list[str]:
    """Drop every key but the primary from the key file, once no value needs them; returns
    the ids dropped. Refuses (EncryptionError) while values remain under an old key."""
    keys = keyring()
    remaining = sum(outdated_counts(keys).values())
    if remaining:
        raise EncryptionError(
            ngettext(
                "%(count)s value is still under an old key: run amity keys rotate first.",
                "%(count)s values are still under an old key: run amity keys rotate first.",
                remaining,
            )
            % {"count": remaining},
            code="encryption_rotation_unfinished",
        )
    old = [key.id for key in keys[1:]]
    if old and keys_from_environment():
        raise EncryptionError(
            _("The keys come from AMITY_ENCRYPTION_KEYS: remove the old keys from it yourself."),
            code="encryption_keys_in_environment",
        )
    if old:
        _file_write(key_file(), _file_lines(key_file())[:1])
    return old


def sensitive_readable_by(user: object) -> bool:
    """Whether a user may see decrypted sensitive values: administrators and managers only
    (least privilege; agents may write them but not read them back)."""
    return bool(getattr(user, "is_active", False)) and getattr(user, "role", None) in {
        "admin",
        "manager",
    }
