"""Real servers for the reminder tests: an SMTP server (aiosmtpd) and an HTTP endpoint
that takes Apprise's ``json://`` notifications, each on a free port of 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

__all__ = ["Endpoint", "Inbox", "http_endpoint", "smtp_server"]


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Inbox:
    """What the SMTP server received."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


@contextlib.contextmanager
def smtp_server(*, user: str = "", password: str = "") -> Iterator[Inbox]:
    """An SMTP server (with AUTH LOGIN/PLAIN over the plain connection when ``user`` is
    given: a test server only)."""
    inbox = Inbox(free_port())

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        ok = isinstance(data, LoginPassword) and (
            data.login.decode(),
            data.password.decode(),
        ) == (user, password)
        if isinstance(data, LoginPassword):
            inbox.logins.append((data.login.decode(), data.password.decode()))
        return AuthResult(success=ok, handled=False)

    options: dict[str, Any] = {}
    if user:
        options = {
            "authenticator": authenticate,
            "auth_require_tls": False,
            "auth_exclude_mechanism": ["LOGIN"],
        }
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port, **options)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


@dataclass
class Endpoint:
    """What the HTTP endpoint received; ``fail`` makes it answer 500."""

    port: int
    posts: list[dict[str, Any]] = field(default_factory=list)
    fail: bool = False

    @property
    def apprise_url(self) -> str:
        """The Apprise address of this endpoint."""
        return f"json://127.0.0.1:{self.port}/notify"


@contextlib.contextmanager
def http_endpoint() -> Iterator[Endpoint]:
    """A local HTTP server that records the JSON posted to it."""
    endpoint = Endpoint(free_port())

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if endpoint.fail:
                self.send_response(500)
                self.end_headers()
                return
            endpoint.posts.append(json.loads(body))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", endpoint.port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield endpoint
    finally:
        server.shutdown()
        server.server_close()
