"""Whole-network reads for the analyses: the people as columns and the network's stamp
(issue 22).

A large workspace's influence views read every person and every tie. These reads give
what the analyses need without an object per row, and a cheap *stamp* of the network that
says, without reading it, whether it has changed since an analysis was stored.
"""

from __future__ import annotations

from typing import Protocol

from allies.domain.people_table import PeopleTable

__all__ = ["NetworkReadsRepository", "PeopleTable"]


class NetworkReadsRepository(Protocol):
    """The people as columns and the stamp of the network."""

    def stamp(self) -> str:
        """A short hex digest of what the network analyses read: how many times people
        were added or removed and ties and observations changed. It changes when any
        of them is added, removed or changed; reading it takes one query, not the rows."""
        ...

    def people(self) -> PeopleTable:
        """Everyone in the workspace as columns (one query, no object per row)."""
        ...
