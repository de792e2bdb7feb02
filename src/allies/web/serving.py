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
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import socket
from typing import Literal

from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["NoDelayH11Protocol", "NoDelayProtocol", "event_loop", "no_delay"]


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
