"""The check of a stance table's row against what is stored, made where it is written.

An edited table's row carries the numbers it showed when the table was drawn
(:data:`Shown`). Saving it holds the issue (so two saves of it take turns: a row lock on
PostgreSQL, the write transaction itself on SQLite), then compares those numbers with the
stance stored now, in the transaction that records the new one: of two saves of one row
drawn alike, one records and the other is refused.

Examples
--------
>>> shows((70.0, 0.5, None, 0.7), (70.0000001, 0.5, None, 0.7))
True
>>> shows((70.0, 0.5, 0.4, 0.7), (70.0, 0.5, None, 0.7))
False
"""

from __future__ import annotations

import math
from datetime import date

from allies.domain import Stance
from allies.errors import StaleRecord
from allies.services.ports import UnitOfWork

__all__ = ["Shown", "check_drawn", "shows"]

#: The numbers a stance showed (position, salience, stated capability or ``None`` where it
#: is derived from influence, confidence): what an edited table's row was drawn from.
Shown = tuple[float, float, float | None, float]


def _close(a: float | None, b: float | None) -> bool:
    """Two numbers equal as a table shows them (six significant digits), or both blank."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-9)


def shows(numbers: Shown, was: Shown) -> bool:
    """Whether ``numbers`` are the ones ``was`` holds, as a table shows them."""
    return all(_close(a, b) for a, b in zip(numbers, was, strict=True))


def _numbers(stance: Stance) -> Shown:
    return (stance.position, stance.salience, stance.capability, stance.confidence)


def check_drawn(
    uow: UnitOfWork, typed: Shown, was: Shown, person_id: int, issue_id: int, drawn_on: date
) -> bool:
    """Whether a row showing ``was`` when drawn and ``typed`` now is to be recorded: not
    when it was left as drawn; refused when the stance stored now (as of ``drawn_on``)
    shows other numbers than it was drawn from.

    Holds the issue first, in the unit of work entered (the transaction that writes).

    Raises
    ------
    allies.errors.StaleRecord
        Someone else recorded a stance of the person on the issue since.
    """
    if shows(typed, was):
        return False  # left as it was drawn
    uow.stances.hold_issue(issue_id)
    earlier = [s for s in uow.stances.history(person_id, issue_id) if s.recorded_on <= drawn_on]
    if earlier and shows(_numbers(earlier[-1]), was):
        return True
    raise StaleRecord(
        "Someone else recorded a new stance since the table was drawn.",
        hint="Look at the stance they recorded, then save again to record yours over it.",
        kind="stance",
        record_id=earlier[-1].id if earlier else None,
    )
