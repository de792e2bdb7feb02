"""Adding many new records at once: one statement a batch instead of several a record.

A large import adds tens of thousands of people and their card details. Through the
repositories, each costs a savepoint, a reference check, the row and its audit entry,
held until the commit. :class:`SqlBulkRepository` adds a batch of new records of one kind
with one reference check per kind of record pointed at, one multi-row ``INSERT ...
RETURNING`` (SQLAlchemy Core ``executemany``, which ``insertmanyvalues`` sends as a few
statements), and writes the batch's audit entries at once: the same entries, one per
record with its values, as :meth:`~allies.store.repositories.base.SqlRepository.add`
would keep (so a person's history, an export of the trail and an erasure see exactly
what they see after one-by-one additions), written in the same transaction and then
let go, so the memory a large import needs does not grow with the trail.

The rows are those the repositories write (their own ``_values``: the columns derived
from the record, the store's times and versions), in the unit of work's transaction:
nothing is kept unless it commits. A batch that breaks a database rule is undone as a
whole (a savepoint) and comes back as :class:`allies.errors.Conflict`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from allies.domain import Person
from allies.domain.cards import CardDetails
from allies.domain.records import AuditAction
from allies.errors import Conflict, NextStep, NotFound
from allies.store.integrity import conflict_from
from allies.store.mapping import RefKind
from allies.store.repositories.base import Entity, Scope, SqlRepository, storable_id
from allies.store.repositories.refs import ids_in_workspace

__all__ = ["SqlBulkRepository"]

E = TypeVar("E", bound=Entity)

#: The most rows one ``IN (...)`` of a reference check names.
_CHECK_CHUNK = 500


class SqlBulkRepository:
    """Adds batches of new people and card details, with their audit entries.

    Parameters
    ----------
    scope
        The unit of work's connection, workspace, actor and audit log.
    people, cards
        The unit of work's repositories: their rows, hooks and audit values are used, so
        a record added here is stored exactly as one added through them.
    """

    def __init__(
        self,
        scope: Scope,
        people: SqlRepository[Person],
        cards: SqlRepository[CardDetails],
    ) -> None:
        self._scope = scope
        self._people = people
        self._cards = cards

    def add_people(self, people: Sequence[Person]) -> None:
        """Store new people (sets their ``id``, ``created_at`` and ``updated_at``)."""
        self._add(self._people, people)

    def add_cards(self, cards: Sequence[CardDetails]) -> None:
        """Store new card details (sets their ``id``)."""
        self._add(self._cards, cards)

    def _add(self, repository: SqlRepository[E], entities: Sequence[E]) -> None:
        if not entities:
            return
        entity_map = repository._map
        if entity_map.children:  # pragma: no cover - people and cards have none
            for entity in entities:
                repository.add(entity)
            return
        stored = next((e for e in entities if e.id is not None), None)
        if stored is not None:
            raise Conflict(
                f"This {entity_map.kind} is already stored as #{stored.id}.",
                hint="Use save to write back changes to it.",
            )
        self._check_refs(repository, entities)
        values = [repository._values(entity, new=True) for entity in entities]
        author = repository._author_of_new()
        rows = [{**author, **row, "workspace_id": self._scope.workspace_id} for row in values]
        table = entity_map.table
        connection = self._scope.connection
        try:
            with connection.begin_nested():
                result = connection.execute(
                    insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
                )
                ids = [int(row[0]) for row in result]
        except IntegrityError as error:
            raise conflict_from(error, entity_map.kind) from error
        for entity, row, new_id in zip(entities, values, ids, strict=True):
            entity.id = new_id
            repository._written(entity, row, new=True)
            repository._audit(AuditAction.CREATE, new_id, None, entity)
        del rows, values
        if self._scope.audit is not None:
            self._scope.audit.flush()  # written now, in this transaction, and let go

    def _check_refs(self, repository: SqlRepository[E], entities: Sequence[E]) -> None:
        """Raise NotFound, as one addition would, when an entity refers to a record that
        is not in the workspace; one query per kind of record pointed at."""
        entity_map = repository._map
        wanted: dict[RefKind, set[int]] = defaultdict(set)
        for entity in entities:
            for kind, ref_id in entity_map.refs(entity):
                wanted[kind].add(ref_id)
        for kind, ids in wanted.items():
            usable = sorted(i for i in ids if storable_id(i))
            found: set[int] = set()
            for start in range(0, len(usable), _CHECK_CHUNK):
                found.update(
                    self._scope.connection.scalars(
                        ids_in_workspace(kind),
                        self._params(usable[start : start + _CHECK_CHUNK]),
                    )
                )
            missing = sorted(ids - found)
            if missing:
                raise NotFound(
                    f"The {entity_map.kind} refers to {kind} #{missing[0]}, which is not in "
                    f"workspace {self._scope.workspace!r}.",
                    kind=kind,
                    record_id=missing[0],
                    next_step=NextStep("list", kind),
                )

    def _params(self, ids: list[int]) -> dict[str, Any]:
        return {"workspace_id": self._scope.workspace_id, "ids": ids}
