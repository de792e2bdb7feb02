"""Quick captures sent from devices, kept by the key each device gave them, so a capture
sent twice is stored once. Not audited: the record a capture becomes is."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from allies.domain.captures import Capture, CaptureStatus

__all__ = ["CaptureRepository"]


class CaptureRepository(Protocol):
    """The captures of one workspace, by key."""

    def get(self, key: str) -> Capture | None:
        """The capture sent under ``key``, if one was."""
        ...

    def receive(self, capture: Capture) -> bool:
        """Keep a capture as received; False when its key was already taken."""
        ...

    def take_over(self, key: str, older_than: datetime) -> bool:
        """Claim a capture left received since before ``older_than``; True for one caller."""
        ...

    def settle(
        self, key: str, status: CaptureStatus, message: str, record_id: int | None = None
    ) -> None:
        """Say what became of a capture."""
        ...

    def forget_settled(self, before: datetime) -> int:
        """Forget the captures settled before ``before``; how many were forgotten."""
        ...
