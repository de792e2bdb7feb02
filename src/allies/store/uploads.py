"""Uploads waiting between their preview and their import, in one workspace.

The file itself is stored in the row, so every app process on the database can finish an
import another one previewed. A row is found only by its token's hash, in its workspace,
for its user.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, delete, insert, select

from allies.domain.uploads import Upload
from allies.store import tables as t

__all__ = ["SqlUploadRepository"]


def _upload(row: Mapping[Any, Any]) -> Upload:
    return Upload(
        token_hash=row["token_hash"],
        name=row["name"],
        data=bytes(row["data"]),
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        user_id=row["user_id"],
    )


class SqlUploadRepository:
    """The uploads of one workspace waiting to be imported."""

    def __init__(self, connection: Connection, workspace_id: int) -> None:
        self._conn = connection
        self._workspace_id = workspace_id

    def _owned(self, token_hash: str, user_id: int | None) -> ColumnElement[bool]:
        c = t.uploads.c
        user = c.user_id.is_(None) if user_id is None else c.user_id == user_id
        return (c.token_hash == token_hash) & (c.workspace_id == self._workspace_id) & user

    def add(self, upload: Upload) -> None:
        """Keep an upload in the workspace."""
        self._conn.execute(
            insert(t.uploads).values(
                token_hash=upload.token_hash,
                workspace_id=self._workspace_id,
                user_id=upload.user_id,
                name=upload.name,
                size=upload.size,
                data=upload.data,
                created_at=upload.created_at,
                expires_at=upload.expires_at,
            )
        )

    def get(self, token_hash: str, user_id: int | None, now: datetime) -> Upload | None:
        """The user's upload with this token hash, unless it has expired (None then)."""
        query = select(t.uploads).where(
            self._owned(token_hash, user_id), t.uploads.c.expires_at > now
        )
        row = self._conn.execute(query).mappings().first()
        return None if row is None else _upload(row)

    def remove(self, token_hash: str, user_id: int | None) -> bool:
        """Forget the user's upload; returns whether there was one."""
        result = self._conn.execute(delete(t.uploads).where(self._owned(token_hash, user_id)))
        return bool(result.rowcount)

    def purge_expired(self, now: datetime) -> int:
        """Delete the uploads that expired before ``now``, in every workspace (they can no
        longer be imported by anyone); returns how many."""
        result = self._conn.execute(delete(t.uploads).where(t.uploads.c.expires_at <= now))
        return int(result.rowcount or 0)
