"""What the promise and favour ledgers read, without every record of the workspace.

:func:`allies.services.keep.ledger.reliability` and :func:`~allies.services.keep.ledger.nudges`
read the whole workspace (:func:`allies.services.keep.snapshot.load_snapshot`), every
interaction included: tens of seconds on a workspace of years of history (issue 22). The
health page shows both; these loaders read only what they look at, and
:func:`~allies.services.keep.ledger.reliability_rows` and
:func:`~allies.services.keep.ledger.favour_nudges` make the same rows from them (a test
compares the two).
"""

from __future__ import annotations

from datetime import date

from allies.services.keep.health_board import FAVOUR_UNITS
from allies.services.keep.ledger import (
    NUDGE_THRESHOLD,
    FavourNudge,
    ReliabilityRow,
    favour_nudges,
    reliability_rows,
)
from allies.services.keep.snapshot import Snapshot
from allies.services.ports import UnitOfWork

__all__ = ["quick_nudges", "quick_reliability"]


def quick_reliability(uow: UnitOfWork, *, today: date | None = None) -> list[ReliabilityRow]:
    """:func:`allies.services.keep.ledger.reliability` from me, the promises and the names
    of their parties only."""
    with uow:
        me = uow.people.me()
        promises = uow.promises.list()
        parties = {c.promiser_id for c in promises} | {c.promisee_id for c in promises}
        names = uow.people.names(p for p in parties if me is None or p != me.id)
    snapshot = Snapshot(
        people=[me] if me is not None else [],
        organisations=[],
        interactions=[],
        favours=[],
        promises=promises,
        cadences=[],
        alliances=[],
        names=names,
    )
    return reliability_rows(snapshot, today or date.today())


def quick_nudges(uow: UnitOfWork, *, threshold: int = NUDGE_THRESHOLD) -> list[FavourNudge]:
    """:func:`allies.services.keep.ledger.nudges` from the favours of the people I owe
    (summed by the database) and those people only."""
    with uow:
        # a threshold beyond any sum the database holds finds nobody, without overflowing it
        owed = uow.favours.owed_favours(FAVOUR_UNITS, min(max(threshold, 1), 2**31 - 1))
        people = uow.people.several({f.person_id for f in owed})
    snapshot = Snapshot(
        people=people,
        organisations=[],
        interactions=[],
        favours=owed,
        promises=[],
        cadences=[],
        alliances=[],
    )
    return favour_nudges(snapshot, threshold)
