"""Connections of worker processes send at once: Nagle's algorithm is off on them too."""

from __future__ import annotations

import asyncio
import socket

from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from allies.web.serving import NoDelayH11Protocol


def _nodelay_after_accepting(protocol_class: type[H11Protocol]) -> int:
    """Accept a loopback connection on a listening socket handed over by descriptor, as
    uvicorn's worker processes get it, and read TCP_NODELAY once the protocol has it."""

    async def accept() -> int:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        handed = socket.fromfd(listener.fileno(), socket.AF_INET, socket.SOCK_STREAM)
        client = socket.create_connection(listener.getsockname())
        accepted, _ = handed.accept()
        config = Config(app=lambda scope, receive, send: None, http=protocol_class)
        config.load()
        protocol = protocol_class(config=config, server_state=ServerState(), app_state={})
        loop = asyncio.get_running_loop()
        transport, _ = await loop.connect_accepted_socket(lambda: protocol, accepted)
        try:
            return accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        finally:
            transport.close()
            client.close()
            handed.close()
            listener.close()

    return asyncio.run(accept())


def test_connections_of_a_handed_over_socket_send_at_once() -> None:
    assert _nodelay_after_accepting(NoDelayH11Protocol) != 0
