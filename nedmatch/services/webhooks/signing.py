"""Signatures as the Standard Webhooks specification gives them (standardwebhooks.com):
an HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>" with the subscription's
secret, sent as "v1,<base64>". The secret is kept encrypted with a key derived from
SECRET_KEY, because the server must be able to sign with it again for every delivery."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

PREFIX = "whsec_"
SECRET_BYTES = 32


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def _key_bytes(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(PREFIX))


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The webhook-signature header's value for this message."""
    content = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key_bytes(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def _fernet() -> Fernet:
    # A key of its own, derived from SECRET_KEY: the session signing key itself is never
    # used to encrypt, and rotating SECRET_KEY means making the subscriptions again.
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"nedmatch webhook secrets"
    ).derive(str(current_app.config["SECRET_KEY"]).encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()
