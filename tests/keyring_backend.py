"""A keyring backend for the tests: secrets in a JSON file named by
``ALLIES_TEST_KEYRING_FILE``, so a test and the processes it starts share one keyring
and nothing reaches the machine's own.

Use it in a process with ``keyring.set_keyring(FileKeyring())``, or in a child process
with ``PYTHON_KEYRING_BACKEND=tests.keyring_backend.FileKeyring``.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    """Secrets in a JSON file (tests only: the file is plain text)."""

    priority = 1  # type: ignore[assignment]

    @property
    def _path(self) -> Path:
        named = os.environ.get("ALLIES_TEST_KEYRING_FILE")
        if named:
            return Path(named)
        # No test named one: a file of this process's own, never the machine's keyring.
        return Path(tempfile.gettempdir()) / f"allies-test-keyring-{os.getpid()}.json"

    def _load(self) -> dict[str, str]:
        return json.loads(self._path.read_text()) if self._path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._path.write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(username)
        self._path.write_text(json.dumps(data))


@contextlib.contextmanager
def isolated_keyring(path: Path) -> Iterator[FileKeyring]:
    """This process's keyring is a file at ``path`` (and so is that of the processes it
    starts, through the environment); the keyring before it is put back afterwards."""
    import keyring

    saved = {k: os.environ.get(k) for k in (*_VARIABLES, "PYTHON_KEYRING_BACKEND")}
    os.environ["ALLIES_TEST_KEYRING_FILE"] = str(path)
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.keyring_backend.FileKeyring"
    for name in _VARIABLES[1:]:
        os.environ.pop(name, None)
    before = keyring.get_keyring()
    backend = FileKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(before)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


#: The variables the keyring of the tests sets or clears (secrets of the environment).
_VARIABLES = ("ALLIES_TEST_KEYRING_FILE", "ALLIES_SMTP_PASSWORD", "ALLIES_REMINDER_APPRISE_URL")
