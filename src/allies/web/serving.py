"""How ``allies serve`` runs uvicorn: the fastest HTTP/1.1 parser at hand, with Nagle's
algorithm off on every connection.

asyncio switches Nagle's algorithm off on the TCP connections it accepts, but only when
the listening socket says it speaks TCP; the worker processes of ``--workers N`` receive
the listening socket by its descriptor, which loses that, so their connections keep
Nagle's algorithm on. A response written in two parts (the headers, then the body) then
waits for the client's delayed acknowledgement: 40 ms on Linux, on every request.

The protocol parses requests with ``httptools`` (the C parser of Node.js) when it is
installed, and with the pure-Python ``h11`` otherwise; the event loop is ``uvloop`` where
it is installed (:func:`event_loop`).

A team server listening beyond this machine answers only over HTTPS
(:class:`HttpsOnly`): its own TLS, or a proxy that terminates TLS and is named in
``forwarded_allow_ips`` (its ``X-Forwarded-Proto`` is then believed, and nobody else's).
Pages build their own addresses as paths (:func:`path_for`), and mails from the
configured ``public_url``: nothing repeats the request's ``Host`` header (RFC 9110,
7.2: the ``Host`` a client sends is its own claim).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import socket
from typing import Any, Literal

from jinja2 import pass_context
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = [
    "HttpsOnly",
    "NoDelayH11Protocol",
    "NoDelayProtocol",
    "event_loop",
    "is_loopback_client",
    "no_delay",
    "path_for",
    "plain_http_problem",
]


def no_delay(transport: asyncio.BaseTransport) -> None:
    """Switch Nagle's algorithm off on the TCP connection of ``transport`` (if it is one)."""
    connection = transport.get_extra_info("socket")
    if connection is not None and connection.family in (socket.AF_INET, socket.AF_INET6):
        with contextlib.suppress(OSError):
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's ``h11`` protocol that sends each write at once (``TCP_NODELAY``)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Switch Nagle's algorithm off, then handle the connection as uvicorn does."""
        no_delay(transport)
        super().connection_made(transport)


NoDelayProtocol: type[asyncio.Protocol] = NoDelayH11Protocol

if importlib.util.find_spec("httptools") is not None:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class NoDelayHttpToolsProtocol(HttpToolsProtocol):
        """uvicorn's ``httptools`` protocol that sends each write at once (``TCP_NODELAY``)."""

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            """Switch Nagle's algorithm off, then handle the connection as uvicorn does."""
            no_delay(transport)
            super().connection_made(transport)

    NoDelayProtocol = NoDelayHttpToolsProtocol


def event_loop() -> Literal["uvloop", "asyncio"]:
    """``uvloop`` where it is installed (a faster event loop), otherwise ``asyncio``."""
    return "uvloop" if importlib.util.find_spec("uvloop") is not None else "asyncio"


def is_loopback_client(host: str | None) -> bool:
    """Whether a connection comes from this machine."""
    return bool(host) and (host in ("::1", "localhost") or str(host).startswith("127."))


def plain_http_problem(
    host: str, *, team: bool, tls: bool, forwarded_allow_ips: str, loopback: bool
) -> str:
    """Why a server may not listen on ``host`` as asked, or ``""``.

    >>> plain_http_problem("0.0.0.0", team=True, tls=False, forwarded_allow_ips="",
    ...                    loopback=False)[:42]
    'Listening on 0.0.0.0 over plain HTTP would'
    >>> plain_http_problem("0.0.0.0", team=True, tls=False, forwarded_allow_ips="10.0.0.2",
    ...                    loopback=False)
    ''
    """
    if loopback or not team or tls or forwarded_allow_ips.strip():
        return ""
    return (
        f"Listening on {host} over plain HTTP would send passwords and session cookies in "
        "clear text across the network. Serve HTTPS (--ssl-certfile and --ssl-keyfile), or, "
        "behind a proxy that terminates TLS, name the proxy's address with "
        "--forwarded-allow-ips (ALLIES_FORWARDED_ALLOW_IPS)."
    )


class HttpsOnly:
    """ASGI middleware of a team server listening beyond this machine: a request that
    reached it over plain HTTP from another machine is refused (403), never served."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve HTTPS and this machine; refuse the rest."""
        if scope["type"] != "http" or scope.get("scheme") == "https":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        if is_loopback_client(client[0] if client else None):
            await self.app(scope, receive, send)
            return
        body = (
            b"This team server answers over HTTPS only. Open its https:// address "
            b"(or ask whoever runs it which one that is).\n"
        )
        await send(
            {
                "type": "http.response.start",
                "status": 403,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body, "more_body": False})


@pass_context
def path_for(context: Any, name: str, /, **path_params: Any) -> str:
    """``url_for`` of the templates: the path of a route (``/static/app.css``), never an
    absolute address built from the request's ``Host``."""
    request = context["request"]
    return str(request.app.url_path_for(name, **path_params))
