"""A short summary of the workspace: how much it holds, what happened lately, what is owed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from allies.domain import Interaction, PromiseStatus
from allies.services.ports import UnitOfWork


@dataclass(frozen=True)
class RecentInteraction:
    """An interaction with its participants' names."""

    interaction: Interaction
    people: list[tuple[int, str]]


@dataclass(frozen=True)
class OpenPromise:
    """An open promise with names, and whether it is mine and overdue."""

    id: int
    promiser_id: int
    promiser: str
    promisee_id: int
    promisee: str
    description: str
    due_on: date | None
    mine: bool
    overdue: bool


@dataclass(frozen=True)
class Overview:
    """What the home page shows."""

    counts: dict[str, int]
    me_id: int | None
    me_name: str | None
    recent: list[RecentInteraction] = field(default_factory=list)
    open_promises: list[OpenPromise] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Whether nobody has been added yet."""
        return self.counts.get("people", 0) == 0


def overview(uow: UnitOfWork, *, recent: int = 8, today: date | None = None) -> Overview:
    """Counts of every kind of record, the latest interactions and the open promises.

    Counts are counted by the database and only the ``recent`` latest interactions are
    read, so the home page costs the same on a workspace of years of history.
    """
    today = today or date.today()
    with uow:
        me = uow.people.me()
        counts = {
            "people": uow.people.count(),
            "organisations": uow.organisations.count(),
            "ties": uow.ties.count(),
            "observations": uow.observations.count(),
            "interactions": uow.interactions.count(),
            "favours": uow.favours.count(),
            "promises": uow.promises.count(),
        }
        latest = uow.interactions.latest(recent)
        promises = [c for c in uow.promises.list() if c.status is PromiseStatus.OPEN]
        names = uow.people.names(
            {pid for i in latest for pid in i.participant_ids}
            | {pid for c in promises for pid in (c.promiser_id, c.promisee_id)}
        )
    rows = [
        RecentInteraction(i, [(pid, names.get(pid, f"#{pid}")) for pid in i.participant_ids])
        for i in latest
    ]
    owed = [
        OpenPromise(
            id=c.id or 0,
            promiser_id=c.promiser_id,
            promiser=names.get(c.promiser_id, "?"),
            promisee_id=c.promisee_id,
            promisee=names.get(c.promisee_id, "?"),
            description=c.description,
            due_on=c.due_on,
            mine=me is not None and c.promiser_id == me.id,
            overdue=c.is_overdue(today),
        )
        for c in promises
    ]
    owed.sort(key=lambda p: (not p.overdue, not p.mine, p.due_on or date.max, p.id))
    return Overview(
        counts=counts,
        me_id=me.id if me else None,
        me_name=me.name if me else None,
        recent=rows,
        open_promises=owed,
    )
