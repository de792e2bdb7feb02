"""The generic SQL repository every kind of entity uses.

A repository works inside one open transaction (a :class:`Scope`: connection plus
workspace) and returns fresh domain objects built from rows. Writes run in a savepoint,
so a write that breaks a database rule is undone on its own and the unit of work stays
usable; the rule broken comes back as :class:`allies.errors.Conflict`.
"""

from __future__ import annotations

import builtins
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    CursorResult,
    Integer,
    Select,
    any_,
    delete,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError

from allies.domain.accounts import Actor
from allies.domain.provenance import SOURCED_KINDS
from allies.domain.records import AuditAction
from allies.errors import Conflict, NextStep, NotFound
from allies.store.audit import AuditLog
from allies.store.integrity import conflict_from, references_to, removal_conflict
from allies.store.mapping import ChildList, EntityMap, Ref, RefKind
from allies.store.provenance import forget_sources
from allies.store.repositories.refs import ids_in_workspace
from allies.store.repositories.versioning import VersionedRows

__all__ = ["IN_CHUNK", "MAX_ID", "Entity", "Scope", "SqlRepository", "new_id_of", "storable_id"]


class Entity(Protocol):
    """What the repositories need of a domain object: an ``id``."""

    id: int | None


E = TypeVar("E", bound=Entity)
R = TypeVar("R")

#: Where to look for a record of each kind a reference may name (an issue is kept on its
#: campaign).
_LISTED_AS: dict[RefKind, str] = {
    "person": "person",
    "organisation": "organisation",
    "unit": "unit",
    "issue": "campaign",
}


#: How many ids one ``IN (...)`` holds at most.
IN_CHUNK = 500

#: The largest id a row can have (PostgreSQL's INTEGER; SQLite's is larger).
MAX_ID = 2**31 - 1


def storable_id(value: Any) -> bool:
    """Whether ``value`` could be the id of a stored row (a whole number in range)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def new_id_of(result: CursorResult[Any]) -> int:
    """The primary key of the row an INSERT just made."""
    key = result.inserted_primary_key
    if key is None or key[0] is None:  # pragma: no cover - every table has an integer id
        raise RuntimeError("The database did not return the new row's id.")
    return int(key[0])


@dataclass(frozen=True)
class Scope:
    """The open connection (inside a transaction) and the workspace a repository serves.

    ``actor`` is who acts (``None``: the local user); ``audit`` collects the changes for
    the audit trail (``None``: no trail is kept).
    """

    connection: Connection
    workspace_id: int
    workspace: str
    actor: Actor | None = None
    audit: AuditLog | None = None


def ids_in(connection: Connection, column: Any, ids: Sequence[int]) -> ColumnElement[bool]:
    """``column IN ids``. On PostgreSQL the ids go as one array parameter (``= ANY``), so
    the statement is the same whatever the number of ids (nothing to render per call);
    elsewhere a plain ``IN`` list."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY  # loaded with the dialect in use

        return cast(ColumnElement[bool], column == any_(literal(list(ids), ARRAY(Integer))))
    return cast(ColumnElement[bool], column.in_(list(ids)))


class SqlRepository(VersionedRows, Generic[E]):
    """Add, get, find, list, save, remove and count one kind of entity.

    Parameters
    ----------
    scope
        The connection and workspace of the unit of work.
    entity_map
        How the entity is stored (:mod:`allies.store.mapping`).
    """

    def __init__(self, scope: Scope, entity_map: EntityMap[E]) -> None:
        self._scope = scope
        self._conn = scope.connection
        self._map = entity_map
        self._table = entity_map.table

    # -- reading ----------------------------------------------------------------------

    def get(self, entity_id: int) -> E:
        """The entity with ``entity_id``; raises NotFound when the workspace has none."""
        found = self.find(entity_id)
        if found is None:
            raise self._not_found(entity_id)
        return found

    def find(self, entity_id: int) -> E | None:
        """The entity with ``entity_id``, or ``None``."""
        if not storable_id(entity_id):
            return None
        found = self._select(self._table.c.id == entity_id)
        return found[0] if found else None

    def list(self) -> list[E]:
        """Every entity of this kind in the workspace, oldest id first."""
        return self._select()

    def count(self, limit: int | None = None) -> int:
        """How many entities of this kind the workspace holds (counting no further than
        ``limit``, when given: enough to tell "more than so many" without counting all)."""
        if limit is None:
            query = select(func.count()).select_from(self._table).where(self._in_workspace())
        else:
            some = select(self._table.c.id).where(self._in_workspace()).limit(max(limit, 0))
            query = select(func.count()).select_from(some.subquery())
        return int(self._conn.scalar(query) or 0)

    def distinct_values(self, column: str) -> builtins.list[Any]:
        """The different values of one column across the workspace (no null), sorted."""
        values = select(self._table.c[column]).where(
            self._in_workspace(), self._table.c[column].is_not(None)
        )
        return sorted(self._conn.scalars(values.distinct()).all())

    # -- writing ----------------------------------------------------------------------

    def add(self, entity: E) -> E:
        """Store a new entity with its child lists; sets ``id`` (and the children's)."""
        if entity.id is not None:
            raise Conflict(
                f"This {self._map.kind} is already stored as #{entity.id}.",
                hint="Use save to write back changes to it.",
            )
        self._check_refs(entity)
        values = self._values(entity, new=True)

        def write() -> tuple[int, builtins.list[tuple[Any, int]]]:
            row = {**self._author_of_new(), **values, "workspace_id": self._scope.workspace_id}
            # the row as parameters: one compiled statement for every add, not one per row
            result = self._conn.execute(insert(self._table), row)
            new_id = new_id_of(result)
            return new_id, self._write_children(new_id, entity, fresh=True)

        new_id, assigned = self._guarded(write)
        entity.id = new_id
        self._assign(assigned)
        self._written(entity, values, new=True)
        self._audit(AuditAction.CREATE, new_id, None, entity)
        return entity

    def save(self, entity: E) -> E:
        """Write back an entity already stored, replacing its child lists."""
        entity_id = entity.id
        if entity_id is None:
            raise NotFound(
                f"This {self._map.kind} has not been stored yet.",
                hint="Add it first; save writes back changes to a stored record.",
            )
        if not storable_id(entity_id):
            raise self._not_found(entity_id)
        self._check_refs(entity)
        values = self._values(entity, new=False)
        if self._versioned() and "version" not in values:
            values = {**values, "version": self._table.c.version + 1}
        before = self._stored(entity_id)

        def write() -> builtins.list[tuple[Any, int]]:
            result = self._conn.execute(
                update(self._table)
                .where(
                    self._table.c.id == entity_id,
                    self._in_workspace(),
                    *self._save_guard(entity_id),
                    *self._version_guard(entity_id),
                )
                .values(values)
            )
            if result.rowcount == 0:
                raise self._stale(entity_id) or self._save_missed(entity_id)
            return self._write_children(entity_id, entity, fresh=False)

        self._assign(self._guarded(write))
        self._note_written(entity_id)
        self._written(entity, values, new=False)
        self._audit(AuditAction.UPDATE, entity_id, before, entity)
        return entity

    def remove(self, entity_id: int) -> None:
        """Delete the entity (its child rows go with it); NotFound when absent.

        Raises Conflict, naming the tables, when other records still refer to it.
        """
        if not storable_id(entity_id):
            raise self._not_found(entity_id)
        statement = delete(self._table).where(
            self._table.c.id == entity_id, self._in_workspace(), *self._version_guard(entity_id)
        )
        before = self._stored(entity_id)
        try:
            with self._conn.begin_nested():
                result = self._conn.execute(statement)
        except IntegrityError as error:
            references = references_to(self._conn, self._table, entity_id)
            raise removal_conflict(self._map.kind, entity_id, references) from error
        if result.rowcount == 0:
            raise self._stale(entity_id) or self._not_found(entity_id)
        if self._map.kind in SOURCED_KINDS:  # a later record given this id inherits none
            forget_sources(self._conn, self._scope.workspace_id, self._map.kind, entity_id)
        self._audit(AuditAction.DELETE, entity_id, before, None)

    # -- hooks for the entities that need more ------------------------------------------

    def _values(self, entity: E, *, new: bool) -> dict[str, Any]:
        """The column values written for ``entity`` (with those derived from it)."""
        return {**self._map.dump(entity), **self._map.derived(entity)}

    def _written(self, entity: E, values: dict[str, Any], *, new: bool) -> None:
        """Called with the values written after a successful add or save."""

    def _save_guard(self, entity_id: int) -> builtins.list[ColumnElement[bool]]:
        """Extra conditions a save must meet (an optimistic version check, say)."""
        return []

    def _save_missed(self, entity_id: int) -> Exception:
        """The error raised when a save matched no row."""
        return self._not_found(entity_id)

    def _seen(self, rows: builtins.list[Any]) -> None:
        """Called with the rows a read loaded (not the audit trail's own reads)."""

    def _audit_values(self, entity: E) -> dict[str, Any]:
        """What the audit trail records of ``entity``: its columns and child lists."""
        values = dict(self._map.dump(entity))
        for child in self._map.children:
            entities = builtins.list(getattr(entity, child.attr))
            items: builtins.list[Any] = [child.dump(item) for item in entities]
            if child.keyed:
                items = [{**d, "id": i.id} for d, i in zip(items, entities, strict=True)]
            elif all(len(d) == 1 for d in items):  # plain values: ids, texts
                items = [next(iter(d.values())) for d in items]
            values[child.attr] = items
        return values

    # -- the audit trail --------------------------------------------------------------

    def _stored(self, entity_id: int) -> E | None:
        """The stored entity as it is now, for the audit trail (None when there is none)."""
        if self._scope.audit is None:
            return None
        found = self._select(self._table.c.id == entity_id, track=False)
        return found[0] if found else None

    def _people_in(self, *entities: E | None) -> set[int]:
        people: set[int] = set()
        for entity in entities:
            if entity is None:
                continue
            refs: builtins.list[Ref] = builtins.list(self._map.refs(entity))
            for child in self._map.children:
                for item in getattr(entity, child.attr):
                    refs.extend(child.refs(item))
            people.update(ref_id for kind, ref_id in refs if kind == "person")
        return people

    def _audit(
        self, action: AuditAction, entity_id: int, before: E | None, after: E | None
    ) -> None:
        log = self._scope.audit
        if log is None:
            return
        log.record(
            self._map.kind,
            entity_id,
            action,
            self._audit_values(before) if before is not None else None,
            self._audit_values(after) if after is not None else None,
            self._people_in(before, after),
        )

    # -- helpers ----------------------------------------------------------------------

    def _in_workspace(self) -> ColumnElement[bool]:
        return self._table.c.workspace_id == self._scope.workspace_id

    def _author_of_new(self) -> dict[str, Any]:
        """``author_id`` for a new row of a table that keeps its author: the actor's user id
        (nothing without an actor or when the table keeps none)."""
        if self._scope.actor is None or "author_id" not in self._table.c:
            return {}
        return {"author_id": self._scope.actor.user_id}

    def _not_found(self, entity_id: int) -> NotFound:
        return NotFound(
            kind=self._map.kind,
            record_id=entity_id,
            hint=f"There is none with that id in workspace {self._scope.workspace!r}.",
        )

    def _select(
        self,
        *where: ColumnElement[bool],
        order_by: Iterable[Any] | None = None,
        track: bool = True,
    ) -> builtins.list[E]:
        """The entities matching ``where`` (in this workspace), with their children.

        ``track=False`` reads without telling :meth:`_seen` (the audit trail's reads).
        """
        conditions = (self._in_workspace(), *where)
        ordering = list(order_by) if order_by is not None else [self._table.c.id]
        rows_list = builtins.list(
            self._conn.execute(select(self._table).where(*conditions).order_by(*ordering))
            .mappings()
            .all()  # one fetchall, much faster than a fetch per row
        )
        if not rows_list:
            return []
        if track:
            self._seen(rows_list)
            self._note_versions(rows_list)
        ids = select(self._table.c.id).where(*conditions)
        children = {child.attr: self._load_children(child, ids) for child in self._map.children}
        return [
            self._map.load(
                row, {attr: by_parent.get(row["id"], []) for attr, by_parent in children.items()}
            )
            for row in rows_list
        ]

    def _load_children(
        self, child: ChildList, parents: Select[Any]
    ) -> dict[int, builtins.list[Any]]:
        parent = child.table.c[child.parent_column]
        query = (
            select(child.table)
            .where(parent.in_(parents.scalar_subquery()))
            .order_by(parent, child.table.c.position)
        )
        grouped: dict[int, builtins.list[Any]] = defaultdict(builtins.list)
        for row in self._conn.execute(query).mappings().all():
            grouped[row[child.parent_column]].append(child.load(row))
        return grouped

    def _write_children(
        self, parent_id: int, entity: E, *, fresh: bool
    ) -> builtins.list[tuple[Any, int]]:
        """Write the child lists; returns the ``(item, new id)`` pairs of new keyed rows."""
        assigned: builtins.list[tuple[Any, int]] = []
        for child in self._map.children:
            items = builtins.list(getattr(entity, child.attr))
            table = child.table
            parent = table.c[child.parent_column]

            inherited = child.from_parent(entity)

            def values(
                position: int,
                item: Any,
                child: ChildList = child,
                inherited: dict[str, Any] = inherited,
            ) -> dict[str, Any]:
                return {
                    **child.dump(item),
                    **inherited,
                    child.parent_column: parent_id,
                    "position": position,
                }

            if not child.keyed:
                if not fresh:
                    self._conn.execute(delete(table).where(parent == parent_id))
                if items:
                    self._conn.execute(
                        insert(table), [values(i, item) for i, item in enumerate(items)]
                    )
                continue
            existing: set[int] = set()
            if not fresh:
                existing = set(self._conn.scalars(select(table.c.id).where(parent == parent_id)))
            kept = {item.id for item in items if item.id in existing}
            if existing - kept:
                self._conn.execute(delete(table).where(table.c.id.in_(existing - kept)))
            updated: set[int] = set()
            for position, item in enumerate(items):
                if item.id in kept and item.id not in updated:
                    updated.add(item.id)
                    self._conn.execute(
                        update(table).where(table.c.id == item.id).values(values(position, item))
                    )
                else:
                    result = self._conn.execute(insert(table), values(position, item))
                    assigned.append((item, new_id_of(result)))
        return assigned

    @staticmethod
    def _assign(assigned: builtins.list[tuple[Any, int]]) -> None:
        for item, new_id in assigned:
            item.id = new_id

    def _guarded(self, write: Callable[[], R]) -> R:
        """Run ``write`` in a savepoint; an integrity error becomes a Conflict, and so does
        SQLite refusing a write from a transaction whose reads another writer has made
        stale (the database was changed by someone else meanwhile)."""
        try:
            with self._conn.begin_nested():
                return write()
        except IntegrityError as error:
            raise conflict_from(error, self._map.kind) from error
        except OperationalError as error:
            if "database is locked" not in str(error.orig):
                raise
            raise Conflict(
                f"The database was changed by someone else while this {self._map.kind} was "
                "being edited.",
                hint="Reload and make the change again.",
                next_step=NextStep("reload", self._map.kind),
                kind=self._map.kind,
            ) from error

    def _check_refs(self, entity: E) -> None:
        """Raise NotFound when the entity refers to a record outside this workspace."""
        refs: builtins.list[Ref] = builtins.list(self._map.refs(entity))
        for child in self._map.children:
            for item in getattr(entity, child.attr):
                refs.extend(child.refs(item))
        wanted: dict[RefKind, set[int]] = defaultdict(set)
        for kind, ref_id in refs:
            wanted[kind].add(ref_id)
        for kind, ids in wanted.items():
            in_range = {i for i in ids if storable_id(i)}
            found = (
                set(
                    self._conn.scalars(
                        ids_in_workspace(kind),
                        {"workspace_id": self._scope.workspace_id, "ids": sorted(in_range)},
                    )
                )
                if in_range
                else set()
            )
            missing = sorted(ids - found)
            if missing:
                shown = ", ".join(f"#{i}" for i in missing)
                raise NotFound(
                    f"The {self._map.kind} refers to {kind} {shown}, which is not in "
                    f"workspace {self._scope.workspace!r}.",
                    kind=kind,
                    record_id=missing[0],
                    next_step=NextStep("list", _LISTED_AS[kind]),
                )
