"""The audit trail: a person's history, and the whole trail for an owner to export.

Every change made through a unit of work is recorded by the store with who made it,
when, the record and its values before and after (see :mod:`allies.services.ports`).
Private notes appear in the trail as ``[private]``, never with their text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from allies.domain.records import AuditEntry
from allies.errors import InvalidInput
from allies.services.network.lookup import resolve_person
from allies.services.ports import UnitOfWork
from allies.services.team.accounts import require_owner

__all__ = [
    "AUDIT_FORMATS",
    "Change",
    "HistoryLine",
    "PersonHistory",
    "entry_record",
    "export_audit",
    "person_history",
]

AUDIT_FORMATS = ("json", "csv")
AuditFormat = Literal["json", "csv"]

_VERBS = {
    "create": "added",
    "update": "changed",
    "delete": "deleted",
    "erase": "erased",
    "grant": "granted",
    "revoke": "revoked",
    "merge": "merged into",
    "split": "split",
}


@dataclass(frozen=True)
class Change:
    """One field of a record, before and after."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class HistoryLine:
    """One entry of a history, ready to show."""

    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int
    summary: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class PersonHistory:
    """What happened to a person's record and to the records about them."""

    person_id: int
    name: str
    lines: list[HistoryLine]


def _short(value: Any) -> str:
    text = (
        json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else value
    )
    return text if len(text) <= 60 else text[:57] + "..."


def _line(entry: AuditEntry) -> HistoryLine:
    changes = tuple(Change(k, b, a) for k, (b, a) in entry.changed().items())
    verb = _VERBS.get(entry.action.value, entry.action.value)
    summary = f"{entry.actor} {verb} {entry.entity} #{entry.entity_id}"
    if entry.action.value == "update" and changes:
        shown = ", ".join(f"{c.field}: {_short(c.before)} → {_short(c.after)}" for c in changes[:3])
        more = f" and {len(changes) - 3} more" if len(changes) > 3 else ""
        summary += f" ({shown}{more})"
    return HistoryLine(
        id=entry.id or 0,
        at=entry.at,
        actor=entry.actor,
        action=entry.action.value,
        entity=entry.entity,
        entity_id=entry.entity_id,
        summary=summary,
        changes=changes,
    )


def person_history(uow: UnitOfWork, person: str, *, limit: int = 500) -> PersonHistory:
    """Changes to a person's record and to records that refer to them, newest first."""
    with uow:
        target = resolve_person(uow, person)
        entries = uow.audit.for_person(target.id or 0, limit=limit)
    return PersonHistory(target.id or 0, target.name, [_line(e) for e in entries])


def entry_record(entry: AuditEntry) -> dict[str, Any]:
    """An entry as plain JSON values."""
    return {
        "id": entry.id,
        "at": entry.at.astimezone(UTC).isoformat(),
        "actor": entry.actor,
        "actor_id": entry.actor_id,
        "action": entry.action.value,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "people": list(entry.people),
        "before": entry.before,
        "after": entry.after,
    }


def _csv(records: Sequence[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    columns = ["id", "at", "actor", "action", "entity", "entity_id", "people", "before", "after"]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = dict(record)
        row.pop("actor_id", None)
        row["people"] = " ".join(str(p) for p in record["people"])
        for key in ("before", "after"):
            row[key] = "" if record[key] is None else json.dumps(record[key], ensure_ascii=False)
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def export_audit(
    uow: UnitOfWork,
    *,
    fmt: str = "json",
    since: datetime | None = None,
    until: datetime | None = None,
) -> bytes:
    """The workspace's audit trail, oldest first, as JSON or CSV; owners only.

    Raises
    ------
    allies.errors.Forbidden
        When the actor is not an owner of the workspace.
    """
    if fmt not in AUDIT_FORMATS:
        raise InvalidInput(f"Cannot export the audit trail as {fmt!r}.", field="format",
                           hint="Use json or csv.")  # fmt: skip
    require_owner(uow.actor, "export the audit trail")
    with uow:
        records = [entry_record(e) for e in uow.audit.list(since=since, until=until)]
        workspace = uow.workspace
    if fmt == "csv":
        return _csv(records)
    document = {
        "format": "allies-audit",
        "version": 1,
        "workspace": workspace,
        "exported_at": datetime.now(UTC).isoformat(),
        "entries": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
