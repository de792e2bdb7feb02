"""The vocabulary of :mod:`allies.store.mapping`: how one kind of entity is stored.

An :class:`EntityMap` names an entity's root table, how a row (plus its child rows)
becomes a domain object (``load``), how a domain object becomes column values (``dump``),
its child lists (:class:`ChildList`) and the other records it refers to (``refs``); the
small helpers here build those functions from column names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import Table

from allies.domain._rules import as_enum
from allies.domain.folding import fold
from allies.store.tables.columns import NAME

__all__ = [
    "ChildList",
    "EntityMap",
    "Ref",
    "RefKind",
    "Row",
    "columns_of",
    "enum_value",
    "folded_name",
    "person_refs",
    "pick",
]

T = TypeVar("T")
Row = Mapping[Any, Any]
RefKind = Literal["person", "organisation", "unit", "issue"]
#: A reference from an entity to another record: ``(kind, id)``.
Ref = tuple[RefKind, int]


def _no_refs(_: Any) -> Iterator[Ref]:
    return iter(())


def _nothing_inherited(_parent: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class ChildList:
    """A list attribute of an entity stored as rows of a child table.

    ``keyed`` children have their own ``id``, mirrored on the domain item and kept across
    saves (so that, say, stances keep pointing at a campaign's issues); the others are
    plain values (ids, strings) replaced wholesale on save.
    """

    attr: str
    table: Table
    parent_column: str
    load: Callable[[Row], Any]
    dump: Callable[[Any], dict[str, Any]]
    keyed: bool = False
    refs: Callable[[Any], Iterable[Ref]] = _no_refs
    #: Columns copied from the parent entity into every child row (kept in step on save).
    from_parent: Callable[[Any], dict[str, Any]] = _nothing_inherited


@dataclass(frozen=True)
class EntityMap(Generic[T]):
    """How one kind of entity is stored."""

    kind: str  # "person": named in messages and errors
    table: Table
    load: Callable[[Row, Mapping[str, list[Any]]], T]
    dump: Callable[[T], dict[str, Any]]
    children: tuple[ChildList, ...] = field(default=())
    refs: Callable[[T], Iterable[Ref]] = _no_refs
    #: Columns computed from the entity and written with it, never read back nor kept in
    #: the audit trail (the folded name searches match, say).
    derived: Callable[[T], dict[str, Any]] = _nothing_inherited


def enum_value(enum: type[StrEnum], value: Any, name: str) -> str | None:
    """The stored string of an enum field (validated: it may have been set to a string)."""
    return None if value is None else as_enum(enum, value, name).value


def columns_of(obj: Any, *names: str) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def pick(row: Row, *names: str) -> dict[str, Any]:
    return {name: row[name] for name in names}


def person_refs(*ids: int | None) -> Iterator[Ref]:
    return (("person", i) for i in ids if i is not None)


def folded_name(named: Any) -> dict[str, Any]:
    """The ``name_folded`` column of a named entity: its name without case or accents,
    which searches match (revision 0018)."""
    return {"name_folded": fold(named.name)[:NAME]}
