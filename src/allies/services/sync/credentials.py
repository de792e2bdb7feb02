"""Where an account's password lives: the operating system's keyring, or encrypted.

- :class:`KeyringVault` (a laptop): the password goes to the keyring the ``keyring``
  library finds (macOS Keychain, Windows Credential Locker, the Secret Service of GNOME or
  KDE), under the service ``allies/<workspace>`` and the account's name.
- :class:`EncryptedVault` (a server with a secret key, as every team server has): the
  password is encrypted with Fernet (AES-128-CBC with an HMAC-SHA256, see the Fernet
  specification) under a key derived from the server's secret key with HKDF-SHA256
  (RFC 5869), and kept in the database's ``sync_secrets`` table, apart from the account.

Neither ever prints, logs or returns a password except to the code that logs in;
:class:`Credentials` hides it from ``repr``. A workspace backup or export reads neither.
An OAuth2 account keeps no password at all: its *token command* prints a fresh access
token each time (:func:`run_token_command`), the way mbsync's ``PassCmd`` and aerc's
``source-cred-cmd`` work.
"""

from __future__ import annotations

import base64
import contextlib
import subprocess
from dataclasses import dataclass, field
from typing import Protocol

from allies.domain.sync import SyncAccount
from allies.errors import ConfigurationError, InvalidInput
from allies.services.sync.ports import SyncRepository

__all__ = [
    "Credentials",
    "EncryptedVault",
    "KeyringVault",
    "Vault",
    "fernet_key",
    "keyring_words",
    "run_token_command",
]

#: Salt and context of the key derivation: a key made for nothing else.
_SALT = b"allies account credentials"
_INFO = b"fernet v1"
TOKEN_TIMEOUT = 60


@dataclass(frozen=True)
class Credentials:
    """What logs in to an account: a password, or an OAuth2 access token (XOAUTH2)."""

    username: str
    password: str = field(default="", repr=False)
    access_token: str = field(default="", repr=False)


class Vault(Protocol):
    """Keeps passwords of accounts; never hands them to anything but a login."""

    def put(self, repo: SyncRepository, workspace: str, account: SyncAccount, secret: str) -> None:
        """Keep ``secret`` for ``account`` (replacing what was kept)."""
        ...

    def get(self, repo: SyncRepository, workspace: str, account: SyncAccount) -> str | None:
        """The secret kept for ``account``, or None."""
        ...

    def forget(self, workspace: str, account: SyncAccount) -> None:
        """Drop what is kept outside the database (the database's rows go with the account)."""
        ...

    @property
    def where(self) -> str:
        """Where passwords are kept, in plain words."""
        ...


#: The keyring backends by a part of their class name, in plain words.
_KEYRINGS = (
    ("Plaintext", "a password file on the computer that runs allies (not encrypted)"),
    ("Encrypted", "an encrypted password file on the computer that runs allies"),
    ("macOS", "the Keychain of the Mac that runs allies"),
    ("Windows", "the Windows Credential Manager of the computer that runs allies"),
    ("SecretService", "the password store (keyring) of the computer that runs allies"),
    ("DBus", "the password store (KWallet) of the computer that runs allies"),
)


def keyring_words(backend: str) -> str:
    """Where a keyring backend (by its class name) keeps passwords, in plain words.

    >>> keyring_words("PlaintextKeyring")
    'a password file on the computer that runs allies (not encrypted)'
    >>> keyring_words("SomethingElse")
    'the password store of the computer that runs allies'
    """
    for part, words in _KEYRINGS:
        if part in backend:
            return words
    return "the password store of the computer that runs allies"


class KeyringVault:
    """Passwords in the operating system's keyring (the ``keyring`` library)."""

    @property
    def where(self) -> str:
        """Where passwords are kept, in plain words."""
        import keyring

        return keyring_words(type(keyring.get_keyring()).__name__)

    @staticmethod
    def _service(workspace: str) -> str:
        return f"allies/{workspace}"

    def put(self, repo: SyncRepository, workspace: str, account: SyncAccount, secret: str) -> None:
        """Store the password in the keyring (ConfigurationError when there is none)."""
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(self._service(workspace), account.name, secret)
        except KeyringError as error:
            raise ConfigurationError(
                f"There is no usable keyring on this machine to keep the password of "
                f"account {account.name!r} ({type(error).__name__}).",
                hint="Unlock or install a keyring (GNOME Keyring, KWallet, macOS Keychain), "
                "or set a secret key (ALLIES_SECRET_KEY) so that allies encrypts the "
                "password in its database.",
            ) from None

    def get(self, repo: SyncRepository, workspace: str, account: SyncAccount) -> str | None:
        """The password from the keyring, or None."""
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(self._service(workspace), account.name)
        except KeyringError:
            return None

    def forget(self, workspace: str, account: SyncAccount) -> None:
        """Remove the password from the keyring (nothing if it is not there)."""
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError, KeyringError):
            keyring.delete_password(self._service(workspace), account.name)


def fernet_key(secret_key: str) -> bytes:
    """The Fernet key derived from a server's secret key with HKDF-SHA256 (RFC 5869).

    >>> len(base64.urlsafe_b64decode(fernet_key("x" * 32)))
    32
    """
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=_INFO).derive(
        secret_key.encode("utf-8")
    )
    return base64.urlsafe_b64encode(derived)


class EncryptedVault:
    """Passwords encrypted with the server's secret key, in the database."""

    def __init__(self, secret_key: str) -> None:
        if len(secret_key) < 32:
            raise ConfigurationError(
                "secret_key must have at least 32 characters to encrypt account passwords.",
                hint="Set ALLIES_SECRET_KEY to a long random value.",
            )
        from cryptography.fernet import Fernet

        self._fernet = Fernet(fernet_key(secret_key))

    @property
    def where(self) -> str:
        """Where passwords are kept, in plain words."""
        return "the database, encrypted with the server's secret key"

    def put(self, repo: SyncRepository, workspace: str, account: SyncAccount, secret: str) -> None:
        """Encrypt the password and keep it with the account (in the caller's transaction)."""
        if account.id is None:
            raise ValueError("Store the account before its password.")
        token = self._fernet.encrypt(secret.encode("utf-8")).decode("ascii")
        repo.put_secret(account.id, token)

    def get(self, repo: SyncRepository, workspace: str, account: SyncAccount) -> str | None:
        """The decrypted password, or None (ConfigurationError when the key changed)."""
        from cryptography.fernet import InvalidToken

        token = repo.secret(account.id) if account.id is not None else None
        if token is None:
            return None
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise ConfigurationError(
                f"The password of account {account.name!r} was encrypted with another secret key.",
                hint="Restore the secret key the server had, or save the account's password again.",
            ) from None

    def forget(self, workspace: str, account: SyncAccount) -> None:
        """Nothing to do: the encrypted row is deleted with the account."""


def run_token_command(account: SyncAccount) -> str:
    """Run the account's token command and return the access token it prints.

    The command runs through the shell, as mbsync's ``PassCmd`` does; its first line of
    output is the token. It must succeed within :data:`TOKEN_TIMEOUT` seconds.
    """
    command = account.token_command
    try:
        done = subprocess.run(  # the user's own command, through the shell as in mbsync
            command, shell=True, capture_output=True, timeout=TOKEN_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        raise InvalidInput(
            f"The token command of account {account.name!r} did not finish within "
            f"{TOKEN_TIMEOUT} seconds.",
            field="token_command",
            hint="Run it by hand to see what it waits for (a browser login, a passphrase).",
        ) from None
    token = done.stdout.decode("utf-8", "replace").strip().splitlines()
    if done.returncode != 0 or not token:
        raise InvalidInput(
            f"The token command of account {account.name!r} failed "
            f"(exit status {done.returncode}) or printed nothing.",
            field="token_command",
            hint="Run it by hand; it should print a fresh OAuth2 access token and nothing else.",
        )
    return token[0].strip()
