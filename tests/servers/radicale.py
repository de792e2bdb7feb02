"""A real Radicale CalDAV and CardDAV server for the tests, on a free port in a temporary
folder.

:func:`running_radicale` writes a config (listen on 127.0.0.1 only, ``htpasswd`` plain
authentication, storage in the folder, every user owns their own collections), starts
``python -m radicale --config FILE`` as a subprocess and waits until the port answers; it
stops the server after. :meth:`Radicale.make_collection` creates a calendar or address
book with ``MKCOL``, and :meth:`Radicale.put`, :meth:`Radicale.delete` change objects the
way another client would.
"""

from __future__ import annotations

import base64
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Radicale", "RadicaleUnavailable", "running_radicale"]

START_TIMEOUT = 30.0
_PROJECT = Path(__file__).resolve().parents[2]
USER, PASSWORD = "ana", "s3cret-pass"

_CONFIG = """\
[server]
hosts = 127.0.0.1:{port}
max_connections = 8
timeout = 30

[auth]
type = htpasswd
htpasswd_filename = {root}/users
htpasswd_encryption = plain
delay = 0

[rights]
type = owner_only

[storage]
filesystem_folder = {root}/collections

[logging]
level = warning
mask_passwords = True

[web]
type = none
"""

_MKCOL = """<?xml version="1.0" encoding="utf-8"?>
<D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"
         xmlns:CR="urn:ietf:params:xml:ns:carddav">
  <D:set><D:prop>
    <D:resourcetype><D:collection/>{type}</D:resourcetype>
    <D:displayname>{name}</D:displayname>
  </D:prop></D:set>
</D:mkcol>"""


class RadicaleUnavailable(RuntimeError):
    """Radicale did not start; the message says why (with its log)."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Radicale:
    """A running Radicale: its base URL, the test user and helpers to change its data."""

    url: str
    root: Path
    user: str = USER
    password: str = PASSWORD
    #: On a ``bearer`` server, the token the helpers below sign in with.
    own_token: str = ""

    @property
    def tokens_file(self) -> Path:
        """The bearer tokens a ``bearer`` server accepts, one a line (read at each request)."""
        return self.root / "tokens"

    def collection_url(self, name: str) -> str:
        """The URL of the user's collection ``name``."""
        return f"{self.url}/{self.user}/{name}/"

    def _request(
        self, method: str, url: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        request = urllib.request.Request(url, data=body or None, method=method)
        if self.own_token:
            request.add_header("Authorization", f"Bearer {self.own_token}")
        else:
            request.add_header("Authorization", f"Basic {token}")
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                return reply.status, dict(reply.headers), reply.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def make_collection(self, name: str, kind: str) -> str:
        """Create a ``calendar`` or ``addressbook`` called ``name``; its URL."""
        element = "<C:calendar/>" if kind == "calendar" else "<CR:addressbook/>"
        url = self.collection_url(name)
        status, _, body = self._request(
            "MKCOL",
            url,
            _MKCOL.format(type=element, name=name).encode(),
            {"Content-Type": "application/xml"},
        )
        if status not in (200, 201):
            raise RuntimeError(f"MKCOL {url}: {status} {body[:200]!r}")
        return url

    def put(self, url: str, data: bytes, content_type: str) -> str:
        """Store ``data`` at ``url`` (a calendar object or a card); its new etag."""
        status, headers, body = self._request("PUT", url, data, {"Content-Type": content_type})
        if status not in (200, 201, 204):
            raise RuntimeError(f"PUT {url}: {status} {body[:300]!r}")
        return headers.get("ETag", "")

    def get(self, url: str) -> bytes:
        """The object at ``url``."""
        status, _, body = self._request("GET", url)
        if status != 200:
            raise RuntimeError(f"GET {url}: {status}")
        return body

    def delete(self, url: str) -> None:
        """Delete the object at ``url``."""
        status, _, body = self._request("DELETE", url)
        if status not in (200, 204):
            raise RuntimeError(f"DELETE {url}: {status} {body[:200]!r}")


def _wait(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RadicaleUnavailable(f"Radicale exited: {log.read_text()[-2000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise RadicaleUnavailable(f"Radicale did not answer in {START_TIMEOUT} s")


@contextlib.contextmanager
def running_radicale(
    folder: Path | None = None, *, bearer: bool = False, sync_tokens: bool = True
) -> Iterator[Radicale]:
    """Start Radicale in ``folder`` (a new temporary one by default); stop it after.

    With ``bearer``, it signs in by OAuth2 bearer token only (``tests.servers.
    radicale_bearer``): the tokens it accepts are the lines of ``Radicale.tokens_file``.
    Without ``sync_tokens``, it refuses every ``sync-collection`` REPORT (``tests.servers.
    radicale_nosync``), as a server without RFC 6578 does.
    """
    with contextlib.ExitStack() as stack:
        root = folder or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="radicale-")))
        (root / "collections").mkdir(parents=True, exist_ok=True)
        (root / "users").write_text(f"{USER}:{PASSWORD}\n")
        own_token = "fixture-token" if bearer else ""
        (root / "tokens").write_text(own_token + "\n")
        port = _free_port()
        config = root / "config"
        text = _CONFIG.format(port=port, root=root)
        env = dict(os.environ)
        if bearer or not sync_tokens:
            env["PYTHONPATH"] = os.pathsep.join([str(_PROJECT), env.get("PYTHONPATH", "")])
        if not sync_tokens:
            text = text.replace("[storage]\n", "[storage]\ntype = tests.servers.radicale_nosync\n")
        if bearer:
            text = text.replace("type = htpasswd", "type = tests.servers.radicale_bearer")
            env |= {
                "ALLIES_TEST_BEARER_USER": USER,
                "ALLIES_TEST_BEARER_TOKENS": str(root / "tokens"),
            }
        config.write_text(text)
        log = root / "radicale.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "radicale", "--config", str(config)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
            )
        try:
            _wait(port, process, log)
            yield Radicale(f"http://127.0.0.1:{port}", root, own_token=own_token)
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
