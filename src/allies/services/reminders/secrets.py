"""The reminders' secrets: the SMTP password and the Apprise URL (which holds its
channel's token). They live in the operating system's keyring (the ``keyring``
library), under the service ``allies-reminders/<workspace>`` (``<workspace>/<username>`` for a
member of a team server); never in the database, a
backup, an export or a log, and never printed.

A server's workers, which may have no keyring, read them from the environment instead:
``ALLIES_SMTP_PASSWORD`` and ``ALLIES_REMINDER_APPRISE_URL``.
"""

from __future__ import annotations

import contextlib
import os
from typing import Literal

from allies.errors import ConfigurationError
from allies.services.ports import UnitOfWork

__all__ = [
    "ENVIRONMENT",
    "Secret",
    "forget_secret",
    "load_secret",
    "owner_of",
    "save_secret",
    "where",
]

Secret = Literal["smtp-password", "apprise-url"]

#: Where a server's workers find each secret when the keyring has none.
ENVIRONMENT: dict[Secret, str] = {
    "smtp-password": "ALLIES_SMTP_PASSWORD",
    "apprise-url": "ALLIES_REMINDER_APPRISE_URL",
}


def owner_of(uow: UnitOfWork) -> str:
    """Whose secrets a unit of work reaches: its workspace, and its member on a team
    server (``workspace/username``)."""
    return uow.workspace + (f"/{uow.actor.username}" if uow.actor is not None else "")


def _service(owner: str) -> str:
    return f"allies-reminders/{owner}"


def where() -> str:
    """Where the secrets are kept, in plain words."""
    import keyring

    backend = type(keyring.get_keyring())
    module = backend.__module__.rsplit(".", 1)[-1]
    return _KEYRING_WORDS.get(module, f"the system keyring ({backend.__name__})")


#: keyring's backends by module, in the words their users know them by.
_KEYRING_WORDS = {
    "macOS": "the macOS Keychain",
    "Windows": "the Windows Credential Manager",
    "SecretService": "the desktop's keyring (Secret Service: GNOME Keyring or KeePassXC)",
    "kwallet": "KDE Wallet",
    "libsecret": "the desktop's keyring (libsecret)",
    "chainer": "the system keyring",
}


def save_secret(owner: str, which: Secret, value: str) -> None:
    """Keep a secret in the keyring (ConfigurationError when there is no usable one)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(_service(owner), which, value)
    except KeyringError as error:
        raise ConfigurationError(
            f"There is no usable keyring on this machine to keep the {which} of the "
            f"reminders ({type(error).__name__}).",
            hint=f"Unlock or install a keyring, or give the workers {ENVIRONMENT[which]} "
            "in their environment.",
        ) from None


def load_secret(owner: str, which: Secret) -> str:
    """The secret from the keyring, else from the environment, else ``""``."""
    import keyring
    from keyring.errors import KeyringError

    try:
        found = keyring.get_password(_service(owner), which)
    except KeyringError:
        found = None
    return found or os.environ.get(ENVIRONMENT[which], "")


def forget_secret(owner: str, which: Secret) -> None:
    """Remove a secret from the keyring (nothing happens when it is not there)."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError, KeyringError):
        keyring.delete_password(_service(owner), which)
