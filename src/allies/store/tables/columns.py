"""The schema's shared pieces: the metadata with its naming convention, the column
lengths, the UTC moment type and the helpers that build the columns every table repeats
(id, workspace, a reference to a person, a parent, a position, a user).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    MetaData,
    Text,
)
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

ENUM = 32  # length of the string columns that hold enum values
NAME = 300  # length of names and titles


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware moment, stored in UTC and always read back as aware UTC.

    SQLite has no time zones: the value is stored as naive UTC and given ``tzinfo=UTC``
    when read. A naive value handed in is taken to be UTC already.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert to UTC (naive for SQLite) before it is written."""
        if value is None:
            return None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Return an aware UTC datetime."""
        if value is None:
            return None
        if not isinstance(value, datetime):  # pragma: no cover - drivers return datetimes
            value = datetime.fromisoformat(str(value))
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True)


def _workspace(*, index: bool = True) -> Column[int]:
    """The owning workspace; ``index=False`` where a composite index starts with it."""
    return Column(
        "workspace_id",
        Integer,
        ForeignKey("workspaces.id", ondelete="CASCADE"),
        nullable=False,
        index=index,
    )


def _person(name: str, *, nullable: bool = False) -> Column[int]:
    """A reference to a person: ON DELETE RESTRICT, indexed for the check."""
    return Column(
        name,
        Integer,
        ForeignKey("people.id", ondelete="RESTRICT"),
        nullable=nullable,
        index=True,
    )


def _parent(name: str, table: str, *, index: bool = True) -> Column[int]:
    """The link of a child row to its parent: ON DELETE CASCADE."""
    return Column(
        name, Integer, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False, index=index
    )


def _text(name: str) -> Column[str]:
    return Column(name, Text, nullable=False, default="")


def _position() -> Column[int]:
    return Column("position", Integer, nullable=False, default=0)


USERNAME = 64  # length of a username
HASH = 64  # a SHA-256 in hex


def _user(name: str, *, nullable: bool, ondelete: str) -> Column[int]:
    """A reference to a user, indexed."""
    return Column(
        name,
        Integer,
        ForeignKey("users.id", ondelete=ondelete),
        nullable=nullable,
        index=True,
    )
