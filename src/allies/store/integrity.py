"""Turning the database's integrity errors into readable :class:`allies.errors.Conflict`."""

from __future__ import annotations

from sqlalchemy import Connection, Table, func, or_, select
from sqlalchemy.exc import IntegrityError

from allies.errors import Conflict, NextStep
from allies.store.tables import metadata

__all__ = ["conflict_from", "references_to", "removal_conflict"]

#: Readable explanations for the unique constraints a user can run into.
_UNIQUE_HINTS = {
    ("cadences", "person_id"): "That person already has a cadence; change it instead.",
    ("cadences", "tag"): "That tag already has a cadence; change it instead.",
    ("cadences", "tier"): "That tier already has a cadence; change it instead.",
    ("workspaces", "name"): "A workspace with that name already exists.",
    ("interaction_participants", "person_id"): "A person takes part in an interaction once.",
    ("campaign_deciders", "person_id"): "A person is listed once among a campaign's deciders.",
}


def references_to(connection: Connection, table: Table, row_id: int) -> list[tuple[str, int]]:
    """Count the rows of other tables that refer to ``table``'s row ``row_id``.

    Only references that stop a delete (ON DELETE RESTRICT or NO ACTION) are counted.

    Returns
    -------
    list of (table name, number of rows)
        Only tables with at least one referring row, in schema order.
    """
    found: list[tuple[str, int]] = []
    for other in metadata.sorted_tables:
        columns = [
            fk.parent
            for fk in other.foreign_keys
            if fk.column.table is table
            and (fk.ondelete or "NO ACTION").upper() in {"RESTRICT", "NO ACTION"}
        ]
        if not columns:
            continue
        query = select(func.count()).select_from(other).where(or_(*(c == row_id for c in columns)))
        count = connection.scalar(query) or 0
        if count:
            found.append((other.name, count))
    return found


def removal_conflict(kind: str, row_id: int, references: list[tuple[str, int]]) -> Conflict:
    """The Conflict raised when a record cannot be removed because others refer to it."""
    if references:
        parts = [f"{count} row{'s' if count != 1 else ''} in {name}" for name, count in references]
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        message = f"Cannot remove {kind} #{row_id}: it is still referenced by {listed}."
    else:
        message = f"Cannot remove {kind} #{row_id}: other records still refer to it."
    hint = "Delete those records or point them elsewhere first"
    step = None
    if kind == "person":
        hint += " (or merge this person into another)"
        step = NextStep("merge", "person", {"person": row_id})
    return Conflict(message, hint=hint + ".", next_step=step, kind=kind, record_id=row_id)


def conflict_from(error: IntegrityError, kind: str) -> Conflict:
    """A Conflict that says, readably, which rule a write of a ``kind`` broke."""
    detail = str(error.orig).strip().splitlines()[0] if error.orig is not None else str(error)
    lowered = detail.lower()
    for (table, column), hint in _UNIQUE_HINTS.items():
        if "unique" in lowered and table in lowered and column in lowered:
            return Conflict(f"The {kind} clashes with one already stored.", hint=hint)
    if "foreign key" in lowered:
        return Conflict(
            f"The {kind} refers to a record that no longer exists ({detail}).",
            hint="Check the ids it refers to; list the records to see what is stored.",
        )
    return Conflict(
        f"The {kind} breaks a rule of the database: {detail}.",
        hint="Check the values and try again.",
    )
