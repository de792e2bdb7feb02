"""The audit trail: every change a unit of work makes, with who, when and the values.

The repositories hand each successful add, save and remove to the unit of work's
:class:`AuditLog`, which keeps the entries until the unit of work commits and writes them
in the same transaction, so a change and its record are stored together or not at all.
:class:`SqlAuditRepository` reads the trail back and scrubs a person out of it.
"""

from __future__ import annotations

import builtins
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, or_, select, update

from allies.domain.accounts import Actor
from allies.domain.records import AuditAction, AuditEntry
from allies.store import tables as t
from allies.store.mapping import MAPS

__all__ = ["LOCAL_ACTOR", "AuditLog", "SqlAuditRepository", "plain"]

#: The name recorded for changes made without a user (a single-user installation, the CLI).
LOCAL_ACTOR = "local"
#: The kinds whose additions a unit of work remembers (see :attr:`AuditLog.created`).
CREATED_KINDS = frozenset({"interaction", "tie", "observation"})
#: What an erased person's name, e-mails and id become in the trail's values.
ERASED = "[erased]"


#: The types :func:`plain` gives back as they are.
_SAFE = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """``value`` made JSON-safe: dates as ISO text, enums as their value, tuples as lists."""
    if type(value) in _SAFE:  # the most common, first (an enum is a subclass: not here)
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return value


@dataclass
class _Pending:
    entity: str
    entity_id: int
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    people: set[int] = field(default_factory=set)
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


class AuditLog:
    """The entries of one unit of work, written on :meth:`flush` (just before commit).

    Parameters
    ----------
    connection
        The unit of work's connection.
    workspace_id
        The workspace the entries belong to.
    actor
        Who acts; ``None`` is the local user.
    """

    def __init__(self, connection: Connection, workspace_id: int, actor: Actor | None) -> None:
        self._connection = connection
        self._workspace_id = workspace_id
        self.actor = actor
        self._pending: list[_Pending] = []
        #: Whether this unit of work changed anything since its last commit, entries
        #: written early included (a bulk import writes its entries batch by batch).
        self.changed = False
        #: The records of :data:`CREATED_KINDS` this unit of work added: kind, id, people
        #: (kept past :meth:`flush`, for :mod:`allies.store.provenance`).
        self.created: list[tuple[str, int, frozenset[int]]] = []

    @property
    def pending(self) -> int:
        """How many entries wait to be written."""
        return len(self._pending)

    def record(
        self,
        entity: str,
        entity_id: int,
        action: AuditAction | str,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
        people: Iterable[int] = (),
    ) -> None:
        """Keep one entry; an update that changed nothing is not kept."""
        old = plain(dict(before)) if before is not None else None
        new = plain(dict(after)) if after is not None else None
        if old is not None and new is not None and old == new:
            return
        self._pending.append(
            _Pending(entity, entity_id, str(AuditAction(action).value), old, new, set(people))
        )
        self.changed = True
        if entity in CREATED_KINDS and action == AuditAction.CREATE:
            self.created.append((entity, entity_id, frozenset(people)))

    def discard(self) -> None:
        """Forget the entries not yet written (the transaction is rolled back)."""
        self._pending.clear()
        self.changed = False
        self.created.clear()

    def flush(self) -> None:
        """Write the entries kept so far, in the current transaction."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        actor_id = self.actor.user_id if self.actor else None
        actor = self.actor.username if self.actor else LOCAL_ACTOR
        rows = [
            {
                "workspace_id": self._workspace_id,
                "at": entry.at,
                "actor_id": actor_id,
                "actor": actor,
                "entity": entry.entity,
                "entity_id": entry.entity_id,
                "action": entry.action,
                "old_value": entry.before,
                "new_value": entry.after,
            }
            for entry in pending
        ]
        result = self._connection.execute(
            insert(t.audit_log).returning(t.audit_log.c.id, sort_by_parameter_order=True), rows
        )
        ids = [int(row[0]) for row in result]
        links = [
            {"audit_id": audit_id, "person_id": person_id}
            for audit_id, entry in zip(ids, pending, strict=True)
            for person_id in sorted(entry.people)
        ]
        if links:
            self._connection.execute(insert(t.audit_people), links)


def _entry(row: Mapping[Any, Any], people: Sequence[int] = ()) -> AuditEntry:
    return AuditEntry(
        at=row["at"],
        entity=row["entity"],
        entity_id=row["entity_id"],
        action=AuditAction(row["action"]),
        actor=row["actor"],
        actor_id=row["actor_id"],
        before=row["old_value"],
        after=row["new_value"],
        id=row["id"],
        people=tuple(people),
    )


class SqlAuditRepository:
    """The audit trail of one workspace: read it, and scrub an erased person out of it."""

    def __init__(self, connection: Connection, workspace_id: int, log: AuditLog) -> None:
        self._conn = connection
        self._workspace_id = workspace_id
        self._log = log

    def _entries(self, *where: Any, newest_first: bool, limit: int | None) -> list[AuditEntry]:
        self._log.flush()
        c = t.audit_log.c
        order = (c.at.desc(), c.id.desc()) if newest_first else (c.at, c.id)
        query = select(t.audit_log).where(c.workspace_id == self._workspace_id, *where)
        query = query.order_by(*order)
        if limit is not None:
            query = query.limit(limit)
        rows = builtins.list(self._conn.execute(query).mappings())
        people: dict[int, list[int]] = {}
        if rows:
            ids = [row["id"] for row in rows]
            p = t.audit_people.c
            for chunk in range(0, len(ids), 500):
                links = select(p.audit_id, p.person_id).where(
                    p.audit_id.in_(ids[chunk : chunk + 500])
                )
                for audit_id, person_id in self._conn.execute(links.order_by(p.person_id)):
                    people.setdefault(audit_id, []).append(person_id)
        return [_entry(row, people.get(row["id"], ())) for row in rows]

    def for_person(self, person_id: int, *, limit: int | None = None) -> list[AuditEntry]:
        """Changes to the person's record and to records that refer to them, newest first."""
        c = t.audit_log.c
        linked = select(t.audit_people.c.audit_id).where(t.audit_people.c.person_id == person_id)
        return self._entries(
            or_(
                (c.entity == "person") & (c.entity_id == person_id),
                c.id.in_(linked.scalar_subquery()),
            ),
            newest_first=True,
            limit=limit,
        )

    def list(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> builtins.list[AuditEntry]:
        """Every entry of the workspace in the period, oldest first."""
        c = t.audit_log.c
        where = []
        if since is not None:
            where.append(c.at >= since)
        if until is not None:
            where.append(c.at < until)
        return self._entries(*where, newest_first=False, limit=None)

    def _exists(self, entity: str, entity_id: int) -> bool:
        """Whether the record an entry is about is still stored in the workspace."""
        table = _tables().get(entity)
        if table is None:  # memberships, tokens: not about people's records
            return True
        found = self._conn.scalar(
            select(table.c.id).where(
                table.c.id == entity_id, table.c.workspace_id == self._workspace_id
            )
        )
        return found is not None

    def record(
        self,
        entity: str,
        entity_id: int,
        action: AuditAction | str,
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
    ) -> None:
        """Add an entry of the unit of work's own (written on commit)."""
        self._log.record(entity, entity_id, action, before, after)

    def link(self, entry_id: int, person_id: int) -> None:
        """Tie an entry to a person it is about (so that erasing them scrubs it too)."""
        self._log.flush()
        p = t.audit_people.c
        exists = select(p.audit_id).where(p.audit_id == entry_id, p.person_id == person_id)
        if self._conn.scalar(exists) is None:
            self._conn.execute(
                insert(t.audit_people).values(audit_id=entry_id, person_id=person_id)
            )

    def created_here(self) -> builtins.list[tuple[str, int, frozenset[int]]]:
        """The interactions, ties and observations this unit of work added: kind, id and
        the people each points at."""
        return builtins.list(self._log.created)

    def count(self) -> int:
        """How many entries the workspace's trail holds (written ones and pending)."""
        c = t.audit_log.c
        query = (
            select(func.count())
            .select_from(t.audit_log)
            .where(c.workspace_id == self._workspace_id)
        )
        return int(self._conn.scalar(query) or 0) + self._log.pending

    def erase_person(self, person_id: int, words: Iterable[str]) -> int:
        """Scrub a person out of the trail; returns how many entries were touched.

        Entries about the person's own record, and about records that referred to them
        and are gone (deleted with them, or before), lose their values; entries about
        records that are still there have the person's id replaced by ``None`` (or dropped
        from lists) and every occurrence of ``words`` (their name, e-mails, phones) in
        text replaced by ``[erased]``. The links from the trail to the person go too.
        """
        self._log.flush()
        c = t.audit_log.c
        p = t.audit_people.c
        needles = sorted({w for w in words if w and len(w) >= 2}, key=len, reverse=True)
        own = (c.entity == "person") & (c.entity_id == person_id)
        self._conn.execute(
            update(t.audit_log)
            .where(c.workspace_id == self._workspace_id, own)
            .values(old_value=None, new_value=None)
        )
        linked = select(p.audit_id).where(p.person_id == person_id)
        rows = builtins.list(
            self._conn.execute(
                select(c.id, c.entity, c.entity_id, c.action, c.old_value, c.new_value).where(
                    c.workspace_id == self._workspace_id,
                    c.id.in_(linked.scalar_subquery()),
                    ~own,
                )
            )
        )
        for audit_id, entity, entity_id, action, before, after in rows:
            if action == AuditAction.MERGE.value and entity == "person":
                # The merge that folded them into someone else (split since): what it
                # recorded of them goes, only that a merge was undone stays.
                values = {"old_value": None, "new_value": _forgotten_merge(after)}
            elif self._exists(entity, entity_id):
                values = {
                    "old_value": _scrub(before, person_id, needles),
                    "new_value": _scrub(after, person_id, needles),
                }
            else:
                values = {"old_value": None, "new_value": None}
            self._conn.execute(update(t.audit_log).where(c.id == audit_id).values(values))
        touched = select(c.id).where(c.workspace_id == self._workspace_id)
        self._conn.execute(
            delete(t.audit_people).where(
                p.person_id == person_id, p.audit_id.in_(touched.scalar_subquery())
            )
        )
        return len(rows)


def _forgotten_merge(values: Any) -> dict[str, Any]:
    """A merge entry's values without anything about the person merged in."""
    kept = values if isinstance(values, dict) else {}
    return {
        "merge": kept.get("merge"),
        "source": "[erased]" if kept.get("source") else "",
        "absorbed": {"name": ERASED},
        "erased": True,
    }


def _tables() -> dict[str, Table]:
    tables = {entity_map.kind: entity_map.table for entity_map in MAPS.values()}
    tables["note"] = t.notes
    return tables


#: Fields of audit values that hold one person's id, or a list of them.
PERSON_FIELDS = frozenset(
    {
        "person_id", "source_id", "target_id", "subject_id", "object_id", "initiator_id",
        "promiser_id", "promisee_id", "holder_id", "participant_ids", "decider_ids",
    }
)  # fmt: skip


def _scrub(value: Any, person_id: int, needles: Sequence[str], key: str = "") -> Any:
    """``value`` without the person: their id cleared, their words replaced."""
    if isinstance(value, dict):
        return {k: _scrub(v, person_id, needles, k) for k, v in value.items()}
    if isinstance(value, list):
        if key in PERSON_FIELDS:
            return [v for v in value if v != person_id]
        return [_scrub(v, person_id, needles, key) for v in value]
    if key in PERSON_FIELDS and value == person_id:
        return None
    if isinstance(value, str):
        for needle in needles:
            value = _replace_casefold(value, needle)
        return value
    return value


def _replace_casefold(text: str, needle: str) -> str:
    """``text`` with every case-insensitive occurrence of ``needle`` replaced."""
    lower, target = text.lower(), needle.lower()
    if target not in lower:
        return text
    out, start = [], 0
    while (found := lower.find(target, start)) >= 0:
        out.append(text[start:found])
        out.append(ERASED)
        start = found + len(target)
    out.append(text[start:])
    return "".join(out)
