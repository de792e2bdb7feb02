"""A token introspection endpoint (RFC 7662) for the tests of OAuth2 sign-in to IMAP: the
identity provider's side of XOAUTH2, which a real Dovecot asks about each token.

:func:`running_introspection` serves ``POST /introspect`` (form field ``token``) on a free
port in a thread: a token listed in :attr:`Introspection.tokens` is active for its user,
any other is not. A test revokes a token by removing it.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

__all__ = ["Introspection", "running_introspection"]


@dataclass
class Introspection:
    """A running endpoint: its URL and the tokens it holds active (token → user)."""

    url: str
    tokens: dict[str, str] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)


def _handler(state: Introspection) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = parse_qs(self.rfile.read(length).decode())
            token = (form.get("token") or [""])[0]
            state.asked.append(token)
            user = state.tokens.get(token)
            answer = {"active": True, "username": user} if user else {"active": False}
            body = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    return Handler


@contextlib.contextmanager
def running_introspection() -> Iterator[Introspection]:
    """Serve the endpoint on 127.0.0.1 and a free port; stop it after."""
    state = Introspection(url="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}/introspect"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
