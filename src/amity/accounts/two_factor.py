"""Time-based one-time codes (TOTP, RFC 6238) and recovery codes: the parts without workflow.

The TOTP secret is encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`) under
a key derived from SECRET_KEY, so a database dump alone does not reveal it. Rotating SECRET_KEY
therefore disables everyone's authenticator codes (recovery codes, keyed the same way, too):
users then sign in with an administrator's reset. Field encryption in general is a later slice.
"""

import base64
import hashlib
import io
import secrets

import pyotp
import qrcode
import qrcode.image.svg
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

ISSUER = "Amity"
RECOVERY_CODE_COUNT = 10
# One step either side: a phone clock 30 seconds off still works.
VALID_WINDOW = 1


def _fernet() -> Fernet:
    key = hashlib.sha256(f"amity.accounts.totp:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def secret_new() -> str:
    """A fresh base32 secret (160 bits, as RFC 4226 recommends)."""
    return pyotp.random_base32(32)


def secret_encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def secret_decrypt(token: str) -> str | None:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return None


def provisioning_uri(*, secret: str, account: str) -> str:
    """The otpauth:// address authenticator apps read from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def qr_data_uri(text: str) -> str:
    """The QR code of ``text`` as an SVG data: URI, usable in <img src> without raw markup."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def code_step(*, secret: str, code: str, after_step: int = 0) -> int | None:
    """The time step ``code`` is valid for (later than ``after_step``, so no replays), or None."""
    code = "".join(code.split())
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    now = timezone.now()
    current = totp.timecode(now)
    for offset in range(-VALID_WINDOW, VALID_WINDOW + 1):
        step = current + offset
        if step > after_step and constant_time_compare(totp.generate_otp(step), code):
            return step
    return None


def recovery_codes_new() -> list[str]:
    """Ten random codes like ``7KQ4-M2XD-9F``: easy to copy, 60 bits each."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(alphabet) for _ in range(12))
        codes.append(f"{raw[:4]}-{raw[4:8]}-{raw[8:]}")
    return codes


def recovery_code_digest(code: str) -> str:
    # Random 60-bit codes need no slow hash; the key keeps a dump alone from checking guesses.
    normalized = "".join(code.split()).replace("-", "").upper()
    return salted_hmac("amity.accounts.recovery", normalized, algorithm="sha256").hexdigest()
