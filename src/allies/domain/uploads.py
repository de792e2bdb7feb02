"""A file uploaded for import, waiting between its preview and the import for real.

It belongs to one workspace and to the user who uploaded it (``None`` for the local user
of a single-user installation) and is found again only by the hash of its token, so only
that user, in that workspace, can finish the import. It expires after a while.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["Upload"]


@dataclass(eq=False)
class Upload:
    """An uploaded file kept for a later import."""

    token_hash: str
    name: str
    data: bytes = field(repr=False)
    created_at: datetime
    expires_at: datetime
    user_id: int | None = None

    @property
    def size(self) -> int:
        """How many bytes the file has."""
        return len(self.data)
