"""The stored analyses of the network: a cache in the database (issue 22)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class AnalysisCacheRepository(Protocol):
    """Results of slow analyses (betweenness, communities, the map layout) by fingerprint.

    A row holds one analysis of one workspace under a key, a fingerprint of the graph and
    parameters it came from. It is not audited and any member may write it: it holds
    nothing that is not computed from what the workspace already holds.
    """

    def get(self, kind: str, key: str) -> bytes | None:
        """The payload stored for ``kind`` under ``key``, or None."""
        ...

    def has(self, kind: str, key: str) -> bool:
        """Whether a payload is stored for ``kind`` under ``key`` (without reading it)."""
        ...

    def newest(self, kind: str) -> list[tuple[str, datetime, bytes]]:
        """The stored results of ``kind`` as ``(key, computed at, payload)``, newest
        first."""
        ...

    def put(self, kind: str, key: str, payload: bytes) -> bool:
        """Store a payload; False when another process got there first (nothing stored)."""
        ...

    def clear(self) -> int:
        """Delete every stored analysis of the workspace; returns how many there were."""
        ...
