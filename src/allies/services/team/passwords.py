"""Passwords and secret keys as the store keeps them: hashes only.

Passwords are hashed with argon2id; API tokens and session keys, which are long random
strings, with SHA-256. A copy of the database therefore gives no way in.
"""

from __future__ import annotations

import hashlib
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from allies.errors import InvalidInput

__all__ = ["MAX_PASSWORD", "MIN_PASSWORD", "check_password", "digest", "hasher", "verify"]

#: The shortest password accepted.
MIN_PASSWORD = 10
#: The longest password accepted.
MAX_PASSWORD = 1024


@cache
def hasher() -> PasswordHasher:
    """The argon2id hasher every password goes through."""
    return PasswordHasher()


@cache
def dummy_hash() -> str:
    """A hash to check against when the user does not exist, so timing says nothing."""
    return hasher().hash(secrets.token_urlsafe(16))


def digest(secret: str) -> str:
    """The SHA-256 of an API token or a session key, in hex (what the store keeps)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def check_password(password: str) -> str:
    """``password`` if it is long enough, else InvalidInput naming the field.

    Raises
    ------
    allies.errors.InvalidInput
        When the password has fewer than :data:`MIN_PASSWORD` or more than
        :data:`MAX_PASSWORD` characters.
    """
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InvalidInput(
            f"A password needs at least {MIN_PASSWORD} characters.",
            field="password",
            hint="A few unrelated words make a long password that is easy to remember.",
        )
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(
            f"A password has at most {MAX_PASSWORD} characters.",
            field="password",
            hint="Pick a shorter one.",
        )
    return password


def hash_password(password: str) -> str:
    """The argon2id hash of a password that passes :func:`check_password`."""
    return hasher().hash(check_password(password))


def verify(hashed: str, password: str) -> bool:
    """Whether ``password`` matches the argon2 hash (False for a malformed hash)."""
    try:
        return bool(hasher().verify(hashed, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
