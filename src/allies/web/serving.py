"""How ``allies serve`` runs uvicorn: HTTP/1.1 with Nagle's algorithm off on every
connection.

asyncio switches Nagle's algorithm off on the TCP connections it accepts, but only when
the listening socket says it speaks TCP; the worker processes of ``--workers N`` receive
the listening socket by its descriptor, which loses that, so their connections keep
Nagle's algorithm on. A response written in two parts (the headers, then the body) then
waits for the client's delayed acknowledgement: 40 ms on Linux, on every request.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol that sends each write at once (``TCP_NODELAY``)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Switch Nagle's algorithm off, then handle the connection as uvicorn does."""
        connection = transport.get_extra_info("socket")
        if connection is not None and connection.family in (socket.AF_INET, socket.AF_INET6):
            with contextlib.suppress(OSError):
                connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
