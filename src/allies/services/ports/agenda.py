"""The agenda lines already handled: what the user did with a line, kept per workspace.

A line of the agenda is computed anew at each look; what was done with it is stored, so
it stays handled on every device. It is not audited: the record the natural action
changed (the interaction logged, the promise kept) is, and the line itself holds
nothing the workspace does not already know.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from allies.domain.agenda import HandledAction, HandledLine

__all__ = ["AgendaHandledRepository", "HandledAction", "HandledLine"]


class AgendaHandledRepository(Protocol):
    """The handled lines of one workspace's agenda, by line key."""

    def get_many(self, line_keys: Iterable[str]) -> dict[str, HandledLine]:
        """The handled lines among ``line_keys``, by key (those never handled are absent)."""
        ...

    def put(self, line: HandledLine) -> HandledLine:
        """Store what was done with a line, replacing what was stored for its key."""
        ...

    def remove(self, line_key: str) -> bool:
        """Forget what was done with a line (it shows again); False when nothing was."""
        ...
