"""Connections of worker processes send at once: Nagle's algorithm is off on them too."""

from __future__ import annotations

import asyncio
import importlib.util
import socket
from typing import Any

import pytest
from uvicorn.config import Config
from uvicorn.server import ServerState

from allies.web.serving import NoDelayH11Protocol, NoDelayProtocol, event_loop


def _nodelay_after_accepting(protocol_class: type[Any]) -> int:
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


@pytest.mark.parametrize("protocol", [NoDelayH11Protocol, NoDelayProtocol])
def test_connections_of_a_handed_over_socket_send_at_once(protocol: type[Any]) -> None:
    assert _nodelay_after_accepting(protocol) != 0


def test_the_fast_parser_and_loop_are_used_when_installed() -> None:
    if importlib.util.find_spec("httptools") is not None:
        assert NoDelayProtocol.__name__ == "NoDelayHttpToolsProtocol"
    expected = "uvloop" if importlib.util.find_spec("uvloop") is not None else "asyncio"
    assert event_loop() == expected
